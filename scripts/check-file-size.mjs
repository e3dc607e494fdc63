#!/usr/bin/env node
// Part of `npm run lint`: a source file over MAX_LINES lines almost always does more than one job (issue 10).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_LINES = 420;
const walk = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
});
const long = walk('src')
  .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
  .filter((f) => f.lines > MAX_LINES);
for (const f of long) console.error(`${f.file}: ${f.lines} lines (at most ${MAX_LINES}): split it by job`);
process.exit(long.length ? 1 : 0);
