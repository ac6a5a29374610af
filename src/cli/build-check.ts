import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * When g2g runs from a build (dist/) inside a checkout, the first source file changed since
 * that build, or null. `npm start` runs the last build, so a changed source would otherwise be
 * silently left out.
 */
export function changedSinceBuild(compiled = fileURLToPath(import.meta.url)): string | null {
  const dist = dirname(dirname(compiled));
  if (basename(dist) !== 'dist') return null;
  const root = dirname(dist);
  const sources = join(root, 'src');
  if (!existsSync(sources)) return null;
  const built = statSync(compiled).mtimeMs;
  const newer = (dir: string): string | null => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = newer(path);
        if (found) return found;
      } else if (!entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > built) {
        return relative(root, path);
      }
    }
    return null;
  };
  return newer(sources);
}
