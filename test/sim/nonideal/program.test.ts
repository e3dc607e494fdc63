/**
 * The WebAssembly programming kernel (wasm/program.ts through band.ts buildBand) against the scalar JS buildBand it
 * replaced: every cell's read value and noise variance must agree bit for bit, for every signed mapping, with and
 * without wire resistance, read noise, programming error, conductance spread, drift and stuck-at faults. Its cosh
 * (a port of V8's fdlibm Math.cosh, one or two at a time) must equal Math.cosh bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { buildBand, type BandDevice, type ColumnLayout } from '../../../src/sim/nonideal/band.js';
import { cellLevels, deviceConductance, spreadOf, stackConductance } from '../../../src/sim/nonideal/device.js';
import { memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { bandColumns } from '../../../src/sim/nonideal/placement.js';
import { programKernel } from '../../../src/sim/nonideal/programKernel.js';
import { createRng, type Rng } from '../../../src/util/rng.js';

/** buildBand's cell values and noise variances as the scalar loop computed them before the kernel (row by row). */
function referenceCells(levels: Uint8Array, rows: number, cols: number, size: number, dev: BandDevice, faultRng: Rng | null,
  layout: ColumnLayout | null, programRng: Rng | null): { cell: Float32Array; noiseVar: Float32Array | null } {
  const cl = dev.cell;
  const rAcc = cl.rAccess_ohm;
  const invDelta = 1 / cl.deltaG_S;
  const g0 = cl.stackOff_S * invDelta;
  const drift = dev.driftFactor;
  const programSigma = programRng ? dev.programSigma ?? 0 : 0;
  const spread = programRng ? dev.programmingSpread_S ?? null : null;
  const perturbed = drift !== 1 || dev.stuckAtRate > 0 || programSigma > 0 || spread !== null;
  const ir = dev.rWire_ohm > 0;
  const block = layout ? layout.block : Int32Array.from({ length: cols }, (_, c) => Math.floor(c / size));
  const position = layout ? layout.position : Int32Array.from({ length: cols }, (_, c) => c % size);
  let blocks = 0;
  for (let c = 0; c < cols; c++) blocks = Math.max(blocks, block[c] + 1);
  const members = new Int32Array(blocks);
  for (let c = 0; c < cols; c++) members[block[c]]++;
  const unusedStack = stackConductance(cl.deviceOff_S * drift, rAcc);
  const stride = Math.ceil(cols / 4) * 4;
  const cell = new Float32Array(rows * stride);
  const noiseVar = dev.readNoiseSigma > 0 ? new Float32Array(rows * stride) : null;
  const g = new Float64Array(cols);
  const sum = new Float64Array(blocks);
  const theta = new Float64Array(blocks);
  const denom = new Float64Array(blocks);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const level = levels[i * cols + j];
      const stack = cl.stackOff_S + level * cl.deltaG_S;
      let gs = stack;
      if (perturbed) {
        let gd = deviceConductance(stack, rAcc);
        if (programSigma > 0) {
          const e = 1 + programSigma * programRng!.normal();
          gd = e > 0 ? gd * e : 0;
        }
        if (spread) {
          gd += spread(deviceConductance(stack, rAcc)) * programRng!.normal();
          if (gd < 0) gd = 0;
        }
        if (dev.stuckAtRate > 0 && faultRng) {
          const hit = faultRng.next() < dev.stuckAtRate;
          const toOff = faultRng.next() < dev.stuckAtOffShare;
          if (hit) gd = toOff ? cl.deviceOff_S : cl.deviceOn_S;
        }
        gs = stackConductance(gd * drift, rAcc);
      }
      g[j] = gs;
    }
    if (ir) {
      for (let b = 0; b < blocks; b++) sum[b] = Math.max(0, size - members[b]) * unusedStack;
      for (let c = 0; c < cols; c++) sum[block[c]] += g[c];
      for (let b = 0; b < blocks; b++) {
        theta[b] = Math.acosh(1 + (dev.rWire_ohm * (sum[b] / Math.max(size, members[b]))) / 2);
        denom[b] = Math.cosh(theta[b] * (size + 0.5));
      }
    }
    for (let j = 0; j < cols; j++) {
      const rf = ir ? Math.cosh(theta[block[j]] * (size - 0.5 - position[j])) / denom[block[j]] : 1;
      const levelUnits = g[j] * invDelta;
      cell[i * stride + j] = !perturbed && rf === 1 ? levels[i * cols + j] : levelUnits * rf - g0;
      if (noiseVar) {
        const s = dev.readNoiseSigma * levelUnits * (1 - g[j] * rAcc) * rf;
        noiseVar[i * stride + j] = s * s;
      }
    }
  }
  return { cell, noiseVar };
}

describe('programming kernel', () => {
  it('computes Math.cosh bit for bit, one or two at a time, in every branch of fdlibm cosh', () => {
    const rng = createRng('cosh');
    const ranges: (() => number)[] = [
      () => 0.35 * rng.next(), () => 22 * rng.next(), () => 0.3 + 0.1 * rng.next(), () => Math.exp(-40 * rng.next()),
      () => 700 * rng.next(), () => 1 + (rng.next() - 0.5) * 1e-12,
    ];
    const x = Float64Array.from({ length: 60_000 }, (_, k) => ranges[k % ranges.length]());
    const specials = [0, 1, 0.5 * Math.LN2, 1.5 * Math.LN2, 22, 2 ** -54, 2 ** -55, 2 ** -60, 710.4758600739439, 711, 5e-324];
    const all = Float64Array.from([...x, ...specials]);
    const k = programKernel();
    const expected = Array.from(all, (v) => Math.cosh(v));
    expect(Array.from(k.coshAll(all))).toEqual(expected);
    expect(Array.from(k.coshAll(all, true))).toEqual(expected);
    const signed = Float64Array.from([-0, -1, -3, Infinity, -Infinity, NaN, -800]);
    expect(Array.from(k.coshAll(signed))).toEqual(Array.from(signed, (v) => Math.cosh(v)));
  });

  it('programs bands bit for bit as the scalar loop did', () => {
    const rng = createRng('program');
    let cases = 0;
    for (const size of [32, 64]) {
      for (const mapping of ['offset-diff', 'reference-column', 'differential-pair'] as const) {
        for (const bits of [1, 3, 8]) {
          for (const variant of ['spread', 'sigma', 'none', 'faults', 'wires', 'ideal'] as const) {
            const S = Math.ceil(8 / bits);
            const rows = variant === 'wires' ? size - 5 : size;
            const placed = bandColumns(mapping, Math.max(S, Math.floor(size / S) * S), S, size);
            const cols = placed.totalCols;
            const cell = cellLevels({ bitsPerCell: bits, rOn_ohm: [1e4, 1e5, 1e6][cases % 3], onOffRatio: 10 });
            const dev: BandDevice = {
              cell,
              readNoiseSigma: variant === 'none' ? 0 : 0.05,
              programSigma: variant === 'sigma' || variant === 'faults' ? 0.03 : 0,
              programmingSpread_S: variant === 'none' ? null : spreadOf({ kind: 'rram', programmingSpread: 1 }, cell),
              driftFactor: variant === 'faults' ? 0.97 : 1,
              stuckAtRate: variant === 'faults' ? 0.05 : 0,
              stuckAtOffShare: 0.9,
              rWire_ohm: variant === 'none' ? 0 : variant === 'wires' ? 50 : 5,
            };
            const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(2 ** bits));
            const seed = `case${cases++}`;
            const programmed = variant !== 'ideal';
            const band = buildBand(levels, rows, cols, size, dev, createRng(`${seed}:f`), placed.layout,
              programmed ? memoNormalRng(seed, rows * cols) : null);
            const ref = referenceCells(levels, rows, cols, size, dev, createRng(`${seed}:f`), placed.layout,
              programmed ? createRng(seed) : null);
            expect(band.cell).toEqual(ref.cell);
            expect(band.noiseVar).toEqual(ref.noiseVar);
          }
        }
      }
    }
  });

  it('programs a band of more cells than one kernel call takes (32,768) bit for bit, faults and both draws on', () => {
    const rng = createRng('program:large');
    const [rows, cols, size] = [64, 1100, 64];
    const cell = cellLevels({ bitsPerCell: 2, rOn_ohm: 1e5, onOffRatio: 10 });
    const dev: BandDevice = {
      cell, readNoiseSigma: 0.05, programSigma: 0.03, programmingSpread_S: spreadOf({ kind: 'rram', programmingSpread: 1 }, cell),
      driftFactor: 0.97, stuckAtRate: 0.05, stuckAtOffShare: 0.9, rWire_ohm: 5,
    };
    const levels = Uint8Array.from({ length: rows * cols }, () => rng.int(4));
    const band = buildBand(levels, rows, cols, size, dev, createRng('large:f'), null, memoNormalRng('large', 2 * rows * cols));
    const ref = referenceCells(levels, rows, cols, size, dev, createRng('large:f'), null, createRng('large'));
    // Counted, so a failure names how many cells differ instead of printing 70,400 of them.
    const differing = (a: Float32Array, b: Float32Array) => a.length === b.length ? a.filter((v, i) => !Object.is(v, b[i])).length : -1;
    expect(differing(band.cell, ref.cell)).toBe(0);
    expect(differing(band.noiseVar!, ref.noiseVar!)).toBe(0);
  });
});
