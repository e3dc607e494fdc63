/**
 * Stuck-at faults drawn once per seed (stuckCells.ts): the cells equal a per-cell reading of the fault stream (two
 * uniforms per cell, hit then polarity), a band built from the kept cells equals one built from the stream bit for
 * bit, and a stuck cell reads G_off or G_on whatever its programming.
 */
import { describe, expect, it } from 'vitest';
import { buildBand, type BandDevice } from '../../../src/sim/nonideal/band.js';
import { cellLevels, STUCK_AT_OFF_SHARE } from '../../../src/sim/nonideal/device.js';
import { memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { clearStuckCells, drawStuckCells, stuckCellsOf } from '../../../src/sim/nonideal/stuckCells.js';
import { createRng } from '../../../src/util/rng.js';

const cell = cellLevels({ bitsPerCell: 2, rOn_ohm: 20e3, onOffRatio: 10 });

describe('stuck-at cells', () => {
  it('are the cells whose first uniform is under the rate, stuck off when the second is under the share', () => {
    const n = 5000;
    const stuck = drawStuckCells(createRng('faults:a'), n, 0.03, 0.9);
    const rng = createRng('faults:a');
    const index: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < n; i++) {
      const hit = rng.next() < 0.03;
      const toOff = rng.next() < 0.9;
      if (hit) {
        index.push(i);
        off.push(toOff ? 1 : 0);
      }
    }
    expect(Array.from(stuck.index)).toEqual(index);
    expect(Array.from(stuck.off)).toEqual(off);
    expect(index.length).toBeGreaterThan(100); // enough stuck cells for the comparison to mean something
    expect(off.includes(0) && off.includes(1)).toBe(true);
  });

  it('are kept per seed, count, rate and share', () => {
    clearStuckCells();
    const a = stuckCellsOf('faults:b', 1000, 0.05, 0.9);
    expect(stuckCellsOf('faults:b', 1000, 0.05, 0.9)).toBe(a);
    expect(stuckCellsOf('faults:b', 1000, 0.1, 0.9)).not.toBe(a);
    expect(Array.from(stuckCellsOf('faults:b', 1000, 0.1, 0.9).index)).toEqual(Array.from(drawStuckCells(createRng('faults:b'), 1000, 0.1, 0.9).index));
  });

  it('a band built from kept cells equals one built from the fault stream, and its stuck cells read G_off or G_on', () => {
    const rows = 48;
    const cols = 70;
    const rng = createRng('levels');
    const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(cell.levels));
    const dev: BandDevice = { cell, readNoiseSigma: 0.1, driftFactor: 1, stuckAtRate: 0.2, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 0,
      programSigma: 0.05, programmingSpread_S: (g: number) => 0.02 * g };
    const build = (faults: Parameters<typeof buildBand>[5]) =>
      buildBand(levels, rows, cols, 64, dev, faults, null, memoNormalRng('program:stuck', 2 * rows * cols));
    const fromStream = build(createRng('faults:c'));
    const stuck = stuckCellsOf('faults:c', rows * cols, 0.2, STUCK_AT_OFF_SHARE);
    const fromKept = build(stuck);
    expect(Array.from(fromKept.cell)).toEqual(Array.from(fromStream.cell));
    expect(Array.from(fromKept.noiseVar!)).toEqual(Array.from(fromStream.noiseVar!));
    // Level units, pedestal removed: G_off reads 0 and G_on the top level (no wires, no drift), whatever was programmed.
    const stride = fromKept.stride;
    for (let k = 0; k < stuck.index.length; k++) {
      const i = stuck.index[k];
      const v = fromKept.cell[Math.floor(i / cols) * stride + (i % cols)];
      expect(v).toBeCloseTo(stuck.off[k] ? 0 : cell.levels - 1, 5);
    }
    const unstuck = build(null);
    expect(Array.from(unstuck.cell)).not.toEqual(Array.from(fromKept.cell));
  });
});
