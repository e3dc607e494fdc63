/**
 * Loading the WebAssembly kernels (wasm/*.ts, AssemblyScript compiled by scripts/build-wasm.mjs at `npm ci`) and
 * laying out their memory. A kernel owns no allocator: it reads and writes the memory the caller lays out with a
 * WasmHeap, a bump allocator over the module's exported memory. Typed-array views go stale when memory grows, so
 * a heap hands out fresh views on demand and callers take them after their last `alloc`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/index.js';
import { packageRoot } from '../core/packageRoot.js';

export const WASM_PAGE_BYTES = 65536; // WebAssembly's fixed page size (core spec, "Memory Instances")

const modules = new Map<string, WebAssembly.Module>();

/**
 * The compiled module wasm/build/<name>.wasm, compiled once per thread. A kernel has no JavaScript fallback (the
 * accuracy engine's reads and programming, the LIF step and the trainer run only here, so one design never has two
 * accuracies), so a missing or stale build is refused with one line (a ConfigError: exit 1, as an environment error)
 * saying how to build it; until 2026-12-07 it was a plain Error, which `cosearch evaluate` printed with its stack as a
 * bug (exit 2) and a search wrote into every accuracy row's error cell.
 */
export function wasmModule(name: string): WebAssembly.Module {
  let mod = modules.get(name);
  if (!mod) {
    const file = kernelFile(name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw missingKernel(file);
    }
    mod = new WebAssembly.Module(bytes);
    modules.set(name, mod);
  }
  return mod;
}

/** Every kernel wasm/<name>.ts that `npm run build:wasm` builds (test/util/wasm.test.ts checks the list against wasm/). */
export const KERNELS = ['crossbar', 'lif', 'program', 'trainer'] as const;

/**
 * Refuses, before any work, a package whose kernels are not all built (`root`: the package's folder), with the line
 * wasmModule gives: a search that needs the accuracy engine otherwise wrote the error into every row and exited 3.
 */
export function checkKernelsBuilt(root: string = packageRoot()): void {
  for (const name of KERNELS) {
    const file = kernelFile(name, root);
    if (!existsSync(file)) throw missingKernel(file);
  }
}

function kernelFile(name: string, root: string = packageRoot()): string {
  return join(root, 'wasm', 'build', `${name}.wasm`);
}

function missingKernel(file: string): ConfigError {
  return new ConfigError(`the WebAssembly kernel ${file} is missing (the kernels have no JavaScript fallback): run \`npm run build:wasm\` (npm ci builds them)`);
}

export interface WasmKernel<E> {
  readonly exports: E;
  readonly heap: WasmHeap;
}

/**
 * A fresh instance of wasm/build/<name>.wasm with its own memory and heap. `E` names the kernel's exported
 * functions; the caller states it (the module's exports are checked by name here, not by signature).
 */
export function instantiateKernel<E extends object>(name: string, functionNames: readonly (keyof E & string)[]): WasmKernel<E> {
  const instance = new WebAssembly.Instance(wasmModule(name), {});
  const raw = instance.exports;
  const memory = raw.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error(`WebAssembly kernel ${name} exports no memory`);
  const picked: Record<string, unknown> = {};
  for (const fn of functionNames) {
    if (typeof raw[fn] !== 'function') throw new ConfigError(`the WebAssembly kernel ${name} has no function ${fn} (built from an older wasm/${name}.ts): run \`npm run build:wasm\``);
    picked[fn] = raw[fn];
  }
  const base = typeof raw.heapBase === 'function' ? Number((raw.heapBase as () => number)()) : 0;
  return { exports: picked as E, heap: new WasmHeap(memory, base) };
}

/** Bump allocation over a WebAssembly memory; `mark`/`release` free everything allocated since a mark. */
export class WasmHeap {
  private top: number;

  constructor(readonly memory: WebAssembly.Memory, readonly base: number) {
    this.top = base;
  }

  /** Byte offset of a fresh block of `bytes` bytes aligned to `align` (16 suits v128 loads). */
  alloc(bytes: number, align = 16): number {
    const ptr = Math.ceil(this.top / align) * align;
    const end = ptr + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / WASM_PAGE_BYTES));
    this.top = end;
    return ptr;
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    if (mark < this.base || mark > this.top) throw new RangeError(`WasmHeap.release: mark ${mark} outside [${this.base}, ${this.top}]`);
    this.top = mark;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}
