#!/usr/bin/env node
// tsc copies only what it compiles; files read at run time (data, templates, browser
// scripts) are copied beside the compiled code here.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

cpSync('src/data', 'dist/data', { recursive: true });
cpSync('src/web/public', 'dist/web/public', { recursive: true });
cpSync('src/importer/interpret/fixtures', 'dist/importer/interpret/fixtures', { recursive: true });
for (const dir of findViewDirs('src'))
  cpSync(dir, dir.replace(/^src/, 'dist'), { recursive: true });

function findViewDirs(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'views') found.push(path);
    else found.push(...findViewDirs(path));
  }
  return found;
}
