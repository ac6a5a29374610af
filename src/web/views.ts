import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** govuk-frontend's precompiled files (dist/govuk), served by the app itself. */
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** The template environment: GOV.UK macros plus each concept's own views; output escaped by default. */
export function createViews(): nunjucks.Environment {
  return new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      govukDist,
      join(here, 'views'),
      join(here, '../plans/views'),
      join(here, '../accounts/views'),
      join(here, '../access/views'),
      join(here, '../importer/views'),
    ]),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
}
