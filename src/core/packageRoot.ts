/**
 * Where cosearch's own files are (package.json, wasm/build, weights, search-spaces, the code), found the same way
 * from sources (src/ under tsx or vitest), the tsc build (dist/) and the bundles (dist/bundle/, scripts/bundle.mjs).
 * A `new URL('../..', import.meta.url)` counts from its own module's folder, which a bundle moves: every such path
 * goes through here instead.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'cosearch';
let root: string | undefined;

/** The folder holding cosearch's package.json: the nearest one above this module whose name is cosearch. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const here = fileURLToPath(import.meta.url);
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (isCosearchManifest(join(dir, 'package.json'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`no package.json named "${PACKAGE_NAME}" above ${here}`);
  }
}

/** The code this process runs from: src/ from sources (.ts), dist/ from a build (tsc output and bundles alike). */
export function codeRoot(): string {
  return join(packageRoot(), import.meta.url.endsWith('.ts') ? 'src' : 'dist');
}

function isCosearchManifest(file: string): boolean {
  try {
    const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return pkg !== null && typeof pkg === 'object' && (pkg as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false; // no package.json here (or not JSON): keep walking up
  }
}
