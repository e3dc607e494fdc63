/**
 * readPositions' bookkeeping (wasm/crossbar.ts, docs/nonidealities.md "Issue 14, nineteenth pass"): the input and
 * band comparisons that decide whether a position or a band is read again (16 bytes at a time, then 4-byte tails), and
 * the conversion records written by band and plane (values and sigma pointers, the band's converter, 2^plane). A
 * cached read must equal a fresh read of the same input whatever single input changed; every record must be the one
 * its read needs.
 */
import { describe, expect, it } from 'vitest';
import { buildBand, type Band } from '../../../src/sim/nonideal/band.js';
import { READ_RECORD, readKernel } from '../../../src/sim/nonideal/bandKernel.js';
import { BandReader } from '../../../src/sim/nonideal/bandReads.js';
import { DIRECT_INPUT_CODES } from '../../../src/snn/coding.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { bindCache, newReadCache, sigmaPtr, valuesPtr, type CacheShape, type ReadCache } from '../../../src/sim/nonideal/readCache.js';
import { createRng } from '../../../src/util/rng.js';

const COLS = 23;
// Band 1 has 30 rows (120 bytes: seven 16-byte steps and a tail of two rows); 94 inputs (376 bytes: a tail of two).
const ROWS = [64, 30];
const INPUTS = 94;
// Per band its converter (distinct, so a record with another band's converter shows).
const CONVERTERS = [{ lsb: 1, maxCode: 15 }, { lsb: 0.5, maxCode: 7 }];

function bands(): Band[] {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const rng = createRng('position-records');
  return ROWS.map((rows) => buildBand(Uint8Array.from({ length: rows * 2 * COLS }, () => rng.int(cell.levels)), rows, 2 * COLS, 64, {
    cell, readNoiseSigma: 0.1, programSigma: 0.05, driftFactor: 0.9, stuckAtRate: 0.01, stuckAtOffShare: STUCK_AT_OFF_SHARE, rWire_ohm: 5,
  }, createRng('faults'), null, createRng('program')));
}

/** Every read's weight columns (values and sigmas) and row counts of a cache, as plain arrays. */
function contents(cache: ReadCache, reads: number): number[][] {
  const out: number[][] = [Array.from(cache.planeCount)];
  for (let k = 0; k < reads; k++) {
    if (cache.planeCount[k] === 0) continue;
    out.push(Array.from(cache.planeAnalog[k].subarray(0, COLS)), Array.from(cache.planeSigma[k]!.subarray(0, COLS)));
  }
  return out;
}

for (const direct of [false, true]) {
  describe(`readPositions' comparisons and records, ${direct ? 'direct input' : 'spikes'}`, () => {
    const bs = bands();
    const planes = direct ? 8 : 1;
    const shape: CacheShape = { reads: bs.length * planes, stride: bs[0].stride, noisy: true, inputs: INPUTS, outputs: Math.ceil(COLS / 2) };
    const reader = new BandReader(bs, [0, 64], shape, planes, COLS, direct, DIRECT_INPUT_CODES, CONVERTERS);
    const caps = { rows: 64, draws: shape.reads * COLS };
    const bound = { epoch: -1 };
    const positions = 2;
    const caches = Array.from({ length: positions }, () => newReadCache(shape));
    const fresh = newReadCache(shape);
    const rng = createRng(`position-records:x:${direct}`);
    const on = (): number => (direct ? 1 / DIRECT_INPUT_CODES + rng.next() * (1 - 1 / DIRECT_INPUT_CODES) : 1);
    const xs = Float32Array.from({ length: positions * INPUTS }, () => (rng.next() < 0.3 ? on() : 0));

    /** readPositions of xs (every cache bound, as layer.ts batchPositions does); returns the record count. */
    function readAll(): number {
      const k = readKernel();
      k.reserve(64, shape.stride, positions * caps.draws, positions * shape.reads, positions * shape.outputs);
      for (let p = 0; p < positions; p++) {
        bindCache(k, caches[p], shape, bs, caps, bound, reader.block);
        k.slots[p] = caches[p].mem.cell;
        k.flags[p] = caches[p].hasLast ? 1 : 0;
      }
      return reader.readPositions(k, caches, xs, positions);
    }

    /** The same input read by a cache with no last read: every band read afresh. */
    function freshRead(p: number): number[][] {
      const k = readKernel();
      fresh.hasLast = false;
      bindCache(k, fresh, shape, bs, caps, bound, reader.block);
      fresh.hasLast = false;
      reader.read(k, fresh, xs, p * INPUTS);
      return contents(fresh, shape.reads);
    }

    it('reads a position again when any one input changes (first, a 16-byte step, a band\'s last row, the 4-byte tails)', () => {
      readAll();
      // 0: the first input; 4: the second 16-byte step; 63 / 64: band 0's last row, band 1's first; 92, 93: the tail of
      // the input (and of band 1's 30 rows); 30: an input inside band 0 only.
      for (const i of [0, 4, 30, 63, 64, 92, 93]) {
        const p = i % positions;
        const at = p * INPUTS + i;
        xs[at] = xs[at] === 0 ? on() : 0; // a spike on or off (direct: a pixel that drives some plane, or none)
        readAll();
        const other = 1 - p;
        for (const q of [p, other]) expect(contents(caches[q], shape.reads), `input ${i}, position ${q}`).toEqual(freshRead(q));
      }
    });

    it('writes each read\'s record: its values and sigmas, its band\'s converter and 2^plane, in band and plane order', () => {
      const n = readAll();
      const k = readKernel();
      const want: number[][] = [];
      for (let p = 0; p < positions; p++) {
        let count = 0;
        for (let b = 0; b < bs.length; b++) {
          for (let pl = 0; pl < planes; pl++) {
            const r = b * planes + pl;
            if (caches[p].planeCount[r] === 0) continue;
            const { lsb, maxCode } = CONVERTERS[b];
            want.push([valuesPtr(caches[p], shape, r), sigmaPtr(caches[p], shape, r), 1 / lsb, lsb, maxCode, 2 ** pl]);
            count++;
          }
        }
        expect(k.counts[p]).toBe(count);
      }
      expect(n).toBe(want.length);
      if (direct) expect(want.length).toBeGreaterThan(positions * bs.length); // several planes per band
      const got = Array.from({ length: n }, (_, r) => Array.from(k.table.subarray(READ_RECORD * r, READ_RECORD * (r + 1))));
      expect(got).toEqual(want);
    });
  });
}
