// vitest globalSetup: the WebAssembly kernels are built from wasm/*.ts before any test imports them (a no-op when
// they are up to date), so `npx vitest run <file>` works on a fresh checkout as well as `npm test`.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const run = spawnSync(process.execPath, ['scripts/build-wasm.mjs'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build:wasm failed:\n${run.stderr}`);
}
