/**
 * The read kernel's band arena (bandKernel.ts) starts at 16 MB and doubles only when copying bands in again has
 * cost more than the larger arena's first touch would (RECOPY_PER_ARENA_BYTE), or when one block needs it: a stream
 * of bands each read once never grows it (the MAC-error search), a working set larger than the arena that is read
 * over and over does (an accuracy run of a large network), and a resident band always holds its band's cells.
 */
import { describe, expect, it } from 'vitest';
import { ReadKernel, notResident, type KernelBand } from '../../../src/sim/nonideal/bandKernel.js';

const MB = 2 ** 20;

/** `count` bands of rows x stride f32 sharing one cell array (each its own residence: distinct bands to the kernel). */
function bands(count: number, rows: number, stride: number, salt = 0): KernelBand[] {
  const cell = Float32Array.from({ length: rows * stride }, (_, i) => ((i * 7 + salt) % 1000) / 10);
  return Array.from({ length: count }, () => ({ rows, stride, cell, noiseVar: null, residence: notResident() }));
}

/** The band's resident copy equals its cells (stride 1000 is not padded: residentStride keeps it). */
function residentCopyMatches(k: ReadKernel, band: KernelBand): boolean {
  const copy = new Float32Array(k.memory.buffer, band.residence.cell, band.cell.length);
  return copy.every((v, i) => v === band.cell[i]);
}

describe('the read kernel arena', () => {
  it('stays at 16 MB for bands read once each, however many', () => {
    const k = new ReadKernel();
    const stream = bands(60, 256, 1000); // ~1 MB each, 60 MB in all
    for (const b of stream) k.prepare(b);
    expect(k.arenaBytes).toBe(16 * MB);
    expect(k.epoch).toBeGreaterThan(3);
    expect(k.memory.buffer.byteLength).toBeLessThan(20 * MB);
    expect(residentCopyMatches(k, stream[59])).toBe(true);
  });

  it('doubles once a working set larger than it has been copied in again 32 times its size, then stops resetting', () => {
    const k = new ReadKernel();
    const set = bands(20, 256, 1000, 3); // ~19.5 MB, read round after round
    let rounds = 0;
    while (k.arenaBytes === 16 * MB && rounds < 100) {
      for (const b of set) k.prepare(b);
      rounds++;
    }
    expect(k.arenaBytes).toBe(32 * MB);
    // 32 x 16 MB of copies again at up to ~19.5 MB a round (only copies of what the epoch before held count, and the
    // first round copies nothing again): 27 rounds at least, 34 here.
    expect(rounds).toBeGreaterThan(26);
    expect(rounds).toBeLessThan(40);
    for (const b of set) k.prepare(b); // the reset that lays out the larger arena
    const epoch = k.epoch;
    for (let r = 0; r < 3; r++) for (const b of set) k.prepare(b);
    expect(k.epoch).toBe(epoch);
    expect(set.every((b) => residentCopyMatches(k, b))).toBe(true);
  });

  it('widens at once for a band larger than it, and refuses one larger than 64 MB', () => {
    const k = new ReadKernel();
    const [big] = bands(1, 5400, 1000, 5); // ~20.6 MB
    k.prepare(big);
    expect(k.arenaBytes).toBe(32 * MB);
    expect(residentCopyMatches(k, big)).toBe(true);
    // widen() starts a new epoch with the memory grown at once: within an epoch the buffer never changes (views hold).
    const k2 = new ReadKernel();
    k2.prepare(bands(1, 16, 1000)[0]);
    expect(k2.widen()).toBe(true);
    const [epoch, buffer] = [k2.epoch, k2.memory.buffer];
    expect(epoch).toBeGreaterThan(1);
    for (const b of bands(40, 256, 1000, 7)) {
      k2.prepare(b);
      if (k2.epoch === epoch) expect(k2.memory.buffer).toBe(buffer);
    }
    expect(k2.arenaBytes).toBe(32 * MB);
    const huge: KernelBand = { rows: 17000, stride: 1000, cell: new Float32Array(1), noiseVar: null, residence: notResident() };
    expect(() => k.prepare(huge)).toThrow(/at most the arena's 67108864/);
  });
});
