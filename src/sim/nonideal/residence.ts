/**
 * Where a band's cells sit in the read kernel's memory (bandKernel.ts), and what a read needs from a band: the
 * residence of a band's copy in the kernel's arena, valid for one arena epoch.
 */

/**
 * Where a band's cells sit in the kernel's memory, and their row stride there (f32; a band's, or longer: see
 * residentStride); valid while `epoch` is the arena's epoch.
 */
export interface Residence {
  epoch: number;
  cell: number;
  noise: number;
  stride: number;
}

/** The epoch of a band whose arrays were given back (slab.ts SlabOwner.release): reading it is a bug. */
export const RELEASED_EPOCH = -2;

export function notResident(): Residence {
  return { epoch: -1, cell: 0, noise: 0, stride: 0 };
}

/**
 * The row stride of a band's resident copy: a row of a multiple of 512 bytes is padded by one cache line (16 f32).
 * Without it the rows a read gathers fall into the same few L1 sets (a 1,024-column band's rows are 4 KB apart, so
 * every row in one set: measured 2.2x slower gathers, mlp-mnist's first layer); only the copy's layout changes.
 */
export function residentStride(stride: number): number {
  return stride % 128 === 0 ? stride + 16 : stride;
}

/** What a read needs from a band (band.ts Band). */
export interface KernelBand {
  readonly rows: number;
  readonly stride: number;
  readonly cell: Float32Array;
  readonly noiseVar: Float32Array | null;
  readonly residence: Residence;
}
