/**
 * The files that make up cosearch's evaluating code, and one hash over them: the accuracy cache's source hash
 * (cache/keys.ts) and the distributed fingerprint (fingerprint.ts) list and hash files the same way.
 */
import type { Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The compiled WebAssembly kernels under a package root (the crossbar reads, programming and LIF run there). */
export const WASM_BUILD = join('wasm', 'build');

/** Files under `dir` (recursively) whose name matches, in a fixed order (sorted by name per folder); none when dir is missing. */
export function filesUnder(dir: string, name: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path, name));
    else if (entry.isFile() && name.test(entry.name)) files.push(path);
  }
  return files;
}

/** Adds each file's path (relative to `root`) and bytes to `hash`, so a renamed file changes it too. */
export function hashFiles(hash: Hash, root: string, files: readonly string[]): Hash {
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash;
}
