#!/usr/bin/env node
// Compiles every AssemblyScript kernel in wasm/*.ts to wasm/build/<name>.wasm (WebAssembly with SIMD), from source:
// `npm ci` runs it (the "prepare" script), so no binary is ever downloaded or committed. A kernel is recompiled only
// when its source or the compiler changed, so tests and benches can call this cheaply before they start.
import { readdirSync, statSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'wasm');
const out = join(source, 'build');
const require = createRequire(import.meta.url);
const ascPackage = require.resolve('assemblyscript/package.json');
const ascBin = join(dirname(ascPackage), 'bin', 'asc.js');
const compilerTime_ms = statSync(ascPackage).mtimeMs;
// wasm/lib/*.ts: code the kernels import (not kernels themselves); a change there rebuilds every kernel.
const lib = join(source, 'lib');
const libTime_ms = existsSync(lib)
  ? Math.max(0, ...readdirSync(lib).filter((f) => f.endsWith('.ts')).map((f) => statSync(join(lib, f)).mtimeMs))
  : 0;

// Flags shared by every kernel: no garbage collector (kernels only read and write memory the caller lays out),
// no runtime assertions, SIMD on. Memory starts empty and is grown by the caller (src/util/wasm.ts).
const FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--initialMemory', '0'];

mkdirSync(out, { recursive: true });
const kernels = readdirSync(source).filter((f) => f.endsWith('.ts'));
let failed = false;
for (const file of kernels) {
  const input = join(source, file);
  const output = join(out, file.replace(/\.ts$/, '.wasm'));
  if (existsSync(output)) {
    const built_ms = statSync(output).mtimeMs;
    if (built_ms >= statSync(input).mtimeMs && built_ms >= compilerTime_ms && built_ms >= libTime_ms) continue;
  }
  const run = spawnSync(process.execPath, [ascBin, input, ...FLAGS, '-o', output], { encoding: 'utf8' });
  if (run.status !== 0) {
    failed = true;
    process.stderr.write(`build-wasm: ${file} failed to compile:\n${run.stderr}${run.stdout}`);
  } else if (readFileSync(output).length === 0) {
    failed = true;
    process.stderr.write(`build-wasm: ${file} compiled to an empty module\n`);
  }
}
process.exit(failed ? 1 : 0);
