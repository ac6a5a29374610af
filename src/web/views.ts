import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** govuk-frontend's precompiled files (dist/govuk), served by the app itself. */
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * Every concept's `views/` folder under the source (or compiled) tree, the web shell's first.
 * A new concept's templates are found without being listed here; template names are unique.
 */
export function viewFolders(root = join(here, '..')): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.name === 'views') found.push(path);
      else visit(path);
    }
  };
  visit(root);
  const shell = join(here, 'views');
  return [shell, ...found.filter((dir) => dir !== shell).sort()];
}

/** The template environment: GOV.UK macros plus each concept's own views; output escaped by default. */
export function createViews(): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([govukDist, ...viewFolders()]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
}
