import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/index.js';
import { packageRoot } from '../../src/core/packageRoot.js';
import { checkKernelsBuilt, KERNELS, WasmHeap, wasmModule } from '../../src/util/wasm.js';

describe('WasmHeap', () => {
  it('aligns blocks, grows the memory by whole pages and hands out views on the current buffer', () => {
    const memory = new WebAssembly.Memory({ initial: 0 });
    const heap = new WasmHeap(memory, 1024);
    const a = heap.alloc(10, 16);
    expect(a).toBe(1024);
    expect(memory.buffer.byteLength).toBe(65536);
    const b = heap.alloc(8, 16);
    expect(b).toBe(1040); // 1034 rounded up to a multiple of 16
    const big = heap.alloc(200_000, 8);
    expect(big).toBe(1048);
    expect(memory.buffer.byteLength).toBe(4 * 65536); // 201048 bytes need 4 pages
    const view = heap.f64(b, 1);
    view[0] = 2.5;
    expect(new Float64Array(memory.buffer, b, 1)[0]).toBe(2.5);
  });

  it('releases everything allocated since a mark and refuses a mark it never gave', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 64);
    heap.alloc(32);
    const mark = heap.mark();
    heap.alloc(1000);
    heap.release(mark);
    expect(heap.alloc(4, 4)).toBe(mark);
    expect(() => heap.release(10)).toThrow(/outside \[64, /);
  });
});

describe('wasmModule', () => {
  // No JavaScript fallback: a missing kernel is one line (a ConfigError, exit 1), not a bug's stack (exit 2 until
  // 2026-12-07) nor a second accuracy.
  it('refuses a missing kernel with one line naming the file and the command that builds it', () => {
    const file = join(packageRoot(), 'wasm', 'build', 'no-such-kernel.wasm');
    expect(() => wasmModule('no-such-kernel')).toThrow(ConfigError);
    expect(() => wasmModule('no-such-kernel')).toThrow(
      `the WebAssembly kernel ${file} is missing (the kernels have no JavaScript fallback): run \`npm run build:wasm\` (npm ci builds them)`,
    );
  });
});

describe('checkKernelsBuilt', () => {
  it('names every kernel wasm/ holds (the list npm run build:wasm builds)', () => {
    const sources = readdirSync(join(packageRoot(), 'wasm')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    expect([...KERNELS].sort()).toEqual(sources);
    expect(() => checkKernelsBuilt()).not.toThrow();
  });

  // `cosearch search` calls it before any work when the space needs the accuracy engine (until 2026-12-07 an unbuilt
  // kernel failed every row and the search exited 3).
  it('refuses a package with a kernel unbuilt, with the line wasmModule gives', () => {
    const root = mkdtempSync(join(tmpdir(), 'cosearch-kernels-'));
    try {
      mkdirSync(join(root, 'wasm', 'build'), { recursive: true });
      for (const name of KERNELS.filter((n) => n !== 'lif')) writeFileSync(join(root, 'wasm', 'build', `${name}.wasm`), '');
      const file = join(root, 'wasm', 'build', 'lif.wasm');
      expect(() => checkKernelsBuilt(root)).toThrow(ConfigError);
      expect(() => checkKernelsBuilt(root)).toThrow(
        `the WebAssembly kernel ${file} is missing (the kernels have no JavaScript fallback): run \`npm run build:wasm\` (npm ci builds them)`,
      );
      writeFileSync(file, '');
      expect(() => checkKernelsBuilt(root)).not.toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
