// Node runs WebAssembly, but @types/node 22 declares none of its globals (TypeScript keeps them in
// its DOM library, which this project does not load): the part simd-dot.ts uses.
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: object);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
  }
}

export {};
