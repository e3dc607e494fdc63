/**
 * A differential-pair layer's reads in one kernel call (bandReads.ts, wasm/crossbar.ts readBands / readPositions)
 * against band.ts readBand (itself checked bit for bit against a scalar reference in bandKernel.test.ts) and the twin
 * combination written out in JS: every cached column value and sigma bit for bit, with wires heavy enough for exact
 * (cosh) columns, for direct (8 bit planes) and spiking input, for bands that change and bands that do not.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_LIMIT, buildBand, readBand, type Band } from '../../../src/sim/nonideal/band.js';
import { readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { BandReader } from '../../../src/sim/nonideal/bandReads.js';
import { DIRECT_INPUT_CODES } from '../../../src/snn/coding.js';
import { STUCK_AT_OFF_SHARE, cellLevels, quantizeDirectInput } from '../../../src/sim/nonideal/device.js';
import { bindCache, newReadCache, type CacheShape, type ReadCache } from '../../../src/sim/nonideal/readCache.js';
import { createRng } from '../../../src/util/rng.js';

// 23 weight columns: 46 band columns, so the last column quad of a read has two
const COLS = 23;
const ROWS = [64, 30];
const INPUTS = 94;

function bands(rWire_ohm: number): Band[] {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const rng = createRng(`band-reads:${rWire_ohm}`);
  return ROWS.map((rows) => buildBand(Uint8Array.from({ length: rows * 2 * COLS }, () => rng.int(cell.levels)), rows, 2 * COLS, 64, {
    cell, readNoiseSigma: 0.1, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm,
  }, createRng('faults'), null, createRng('program')));
}

/** Each read's cached values and sigmas against readBand and the twin combination; returns the exact columns seen. */
function check(cache: ReadCache, bs: Band[], x: Float32Array, planes: number): number {
  const xq = new Int32Array(INPUTS);
  if (planes > 1) quantizeDirectInput(x, xq);
  else for (let i = 0; i < INPUTS; i++) xq[i] = x[i] !== 0 ? 1 : 0;
  let exact = 0;
  for (const [b, band] of bs.entries()) {
    for (let p = 0; p < planes; p++) {
      const list = new Int32Array(band.rows);
      let n = 0;
      for (let r = 0; r < band.rows; r++) if ((xq[64 * b + r] >> p) & 1) list[n++] = r;
      const k = b * planes + p;
      expect(cache.planeCount[k]).toBe(n);
      if (n === 0) continue;
      const out = new Float64Array(band.cols);
      const sigma = new Float64Array(band.cols);
      readBand(band, list, n, out, sigma);
      // The twin combination in f32 (docs/nonidealities.md, sixteenth pass).
      const f32 = Math.fround;
      const values = Array.from({ length: COLS }, (_, c) => f32(out[c] - out[COLS + c]));
      const sigmas = Array.from({ length: COLS }, (_, c) => f32(Math.sqrt(f32(f32(sigma[c] * sigma[c]) + f32(sigma[COLS + c] * sigma[COLS + c])))));
      expect(Array.from(cache.planeAnalog[k].subarray(0, COLS))).toEqual(values);
      expect(Array.from(cache.planeSigma[k]!.subarray(0, COLS))).toEqual(sigmas);
      for (let j = 0; j < band.cols; j++) {
        let s = 0;
        for (let a = 0; a < n; a++) s += band.cell[list[a] * band.stride + j];
        if (band.colAlphaSqPerLevel * (s + band.pedestal * n) > SERIES_LIMIT) exact++;
      }
    }
  }
  return exact;
}

describe('a differential-pair layer\'s reads in one kernel call', () => {
  for (const rWire_ohm of [5, 300]) {
    for (const direct of [true, false]) {
      it(`${rWire_ohm} ohm wires, ${direct ? 'direct input' : 'spikes'}: read and readPositions equal readBand per read`, () => {
        const bs = bands(rWire_ohm);
        const planes = direct ? 8 : 1;
        const shape: CacheShape = { reads: bs.length * planes, stride: bs[0].stride, noisy: true, inputs: INPUTS, outputs: Math.ceil(COLS / 2) };
        const reader = new BandReader(bs, [0, 64], shape, planes, COLS, direct, DIRECT_INPUT_CODES, bs.map(() => ({ lsb: 1, maxCode: 15 })));
        const k = readKernel();
        const bound = { epoch: -1 };
        const caps = { rows: 64, draws: shape.reads * COLS };
        const rng = createRng(`band-reads:x:${direct}`);
        const input = (): Float32Array => Float32Array.from({ length: INPUTS }, () => (rng.next() < 0.3 ? (direct ? rng.next() : 1) : 0));
        let exact = 0;
        // One position (mvm): a new input, then one whose second band alone changes.
        const one = newReadCache(shape);
        const x = input();
        for (let step = 0; step < 2; step++) {
          if (step === 1) for (let i = 64; i < INPUTS; i++) x[i] = rng.next() < 0.5 ? (direct ? rng.next() : 1) : 0;
          bindCache(k, one, shape, bs, caps, bound, reader.block);
          reader.read(k, one, x, 0);
          exact += check(one, bs, x, planes);
        }
        // Three positions at once (mvmPositions), twice: the second time position 1 keeps its input.
        const positions = 3;
        const caches = Array.from({ length: positions }, () => newReadCache(shape));
        const xs = new Float32Array(positions * INPUTS);
        for (let step = 0; step < 2; step++) {
          for (let p = 0; p < positions; p++) if (step === 0 || p !== 1) xs.set(input(), p * INPUTS);
          k.reserve(64, shape.stride, positions * caps.draws, positions * shape.reads, positions * shape.outputs);
          for (let p = 0; p < positions; p++) {
            bindCache(k, caches[p], shape, bs, caps, bound, reader.block);
            k.slots[p] = caches[p].mem.cell;
            k.flags[p] = caches[p].hasLast ? 1 : 0;
          }
          const n = reader.readPositions(k, caches, xs, positions);
          let records = 0;
          for (let p = 0; p < positions; p++) {
            exact += check(caches[p], bs, xs.subarray(p * INPUTS, (p + 1) * INPUTS), planes);
            const reads = caches[p].planeCount.reduce((m, c) => m + (c > 0 ? 1 : 0), 0);
            expect(k.counts[p]).toBe(reads);
            records += reads;
          }
          expect(n).toBe(records);
        }
        if (rWire_ohm > 100) expect(exact).toBeGreaterThan(0); // the JS (cosh) path for exact columns ran
      });
    }
  }

  it('quantises spike inputs lane by lane as x !== 0 (-0 none, NaN and negatives a spike) and sums them exactly', () => {
    const bs = bands(5);
    const shape: CacheShape = { reads: bs.length, stride: bs[0].stride, noisy: true, inputs: INPUTS, outputs: Math.ceil(COLS / 2) };
    const reader = new BandReader(bs, [0, 64], shape, 1, COLS, false, DIRECT_INPUT_CODES, bs.map(() => ({ lsb: 1, maxCode: 15 })));
    const k = readKernel();
    const cache = newReadCache(shape);
    const odd = [0, -0, 1, 0.5, -1, NaN, Infinity, -Infinity, 1e-45, -1e-45];
    const rng = createRng('band-reads:spike-values');
    // INPUTS = 94: 23 quads and a tail of two inputs, so the last odd values land in the scalar tail too
    const x = Float32Array.from({ length: INPUTS }, (_, i) => (i >= INPUTS - odd.length ? odd[i - INPUTS + odd.length] : odd[rng.int(odd.length)]));
    bindCache(k, cache, shape, bs, { rows: 64, draws: shape.reads * COLS }, { epoch: -1 }, reader.block);
    reader.read(k, cache, x, 0);
    const want = Array.from(x, (v): number => (v !== 0 ? 1 : 0));
    expect(Array.from(cache.lastInt)).toEqual(want);
    expect(cache.sumX).toBe(want.reduce((a, b) => a + b, 0));
  });
});
