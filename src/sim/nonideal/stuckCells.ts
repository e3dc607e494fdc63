/**
 * Stuck-at faults of a band's cells (band.ts buildBand): per cell in row-major order two uniforms of the fault stream,
 * hit (< stuckAtRate) and polarity (< stuckAtOffShare: stuck at G_off, else at G_on), drawn for every cell whether or
 * not it is hit, so with one seed the faulty cells at a lower rate are a subset of those at a higher rate. Only the
 * hit cells are kept (about stuckAtRate of them). The fault seed does not depend on the device, the converter or the
 * crossbar's programming, so the designs of a search draw the same faults again and again: `stuckCellsOf` keeps them.
 */
import { createRng, type Rng } from '../../util/rng.js';
import { ByteLru } from './byteLru.js';

/** The stuck cells of a band: row-major indices, ascending, and per index 1 when stuck at G_off (else at G_on). */
export interface StuckCells {
  readonly index: Int32Array;
  readonly off: Uint8Array;
}

export function isStuckCells(faults: Rng | StuckCells): faults is StuckCells {
  return 'index' in faults;
}

/** The stuck cells among `n` cells, drawn from `rng` (two uniforms per cell, see the header). */
export function drawStuckCells(rng: Rng, n: number, rate: number, offShare: number): StuckCells {
  const index: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < n; i++) {
    const hit = rng.next() < rate;
    const toOff = rng.next() < offShare;
    if (!hit) continue;
    index.push(i);
    off.push(toOff ? 1 : 0);
  }
  return { index: Int32Array.from(index), off: Uint8Array.from(off) };
}

/** Bytes of stuck-cell lists kept per thread (an LRU; ~50 KB per mlp-mnist design at a 1% rate). */
const STUCK_CELLS_BYTES = 16 * 2 ** 20;
const known = new ByteLru<StuckCells>(STUCK_CELLS_BYTES, (s) => 5 * s.index.length + 64);

/** drawStuckCells(createRng(seed), ...), kept across calls (the same cells: a cache, not a change of stream). */
export function stuckCellsOf(seed: string, n: number, rate: number, offShare: number): StuckCells {
  return known.getOrAdd(`${seed}|${n}|${rate}|${offShare}`, () => drawStuckCells(createRng(seed), n, rate, offShare));
}

/** Forget every kept list (results never depend on them). */
export function clearStuckCells(): void {
  known.clear();
}
