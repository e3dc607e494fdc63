// Node 20 runs WebAssembly (V8), but @types/node 20 does not declare it and the DOM library is not ours to pull in:
// the part of the JS API (WebAssembly JavaScript Interface, W3C) that src/util/wasm.ts uses, declared here.
declare namespace WebAssembly {
  type ExportValue = ((...args: number[]) => number | void) | Memory;
  type Exports = Record<string, ExportValue>;
  type Imports = Record<string, Record<string, unknown>>;

  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }

  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }

  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
}
