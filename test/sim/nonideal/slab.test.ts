/**
 * Band arrays from reused 2 MB buffers (slab.ts): a buffer comes back only when every view carved from it is gone,
 * a released owner's bands refuse to be read, and a band built into a reused buffer reads exactly as one built fresh.
 */
import { describe, expect, it } from 'vitest';
import { buildBand, readBand, type Band, type BandDevice } from '../../../src/sim/nonideal/band.js';
import { STUCK_AT_OFF_SHARE, cellLevels } from '../../../src/sim/nonideal/device.js';
import { ownedBy, slabF32, SlabOwner } from '../../../src/sim/nonideal/slab.js';
import { createRng } from '../../../src/util/rng.js';

/** Floats of a quarter buffer (the largest view a buffer serves). */
const QUARTER = 2 ** 17;

/** `views` quarter-buffer views (held by `owner`, or the collector's), each filled with `value`; their buffers. */
function fillBuffers(owner: SlabOwner | null, views: number, value = 1): Set<ArrayBuffer> {
  const seen = new Set<ArrayBuffer>();
  const take = () => slabF32(QUARTER).fill(value).buffer as ArrayBuffer;
  for (let k = 0; k < views; k++) seen.add(owner ? ownedBy(owner, take) : take());
  return seen;
}

const dev: BandDevice = {
  cell: cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 }),
  readNoiseSigma: 0.05,
  driftFactor: 1,
  stuckAtRate: 0,
  stuckAtOffShare: STUCK_AT_OFF_SHARE,
  rWire_ohm: 5,
};

function band(seed: string): Band {
  const rng = createRng(seed);
  const levels = Uint8Array.from({ length: 64 * 96 }, () => Math.floor(rng.next() * 16));
  return buildBand(levels, 64, 96, 64, dev, null);
}

function read(b: Band): Float64Array {
  const active = Int32Array.from({ length: 40 }, (_, i) => i);
  const out = new Float64Array(b.cols);
  const sigma = new Float64Array(b.cols);
  readBand(b, active, active.length, out, sigma);
  return Float64Array.from([...out, ...sigma]);
}

describe('slab.ts: band arrays in reused buffers', () => {
  it('gives a released owner\'s buffers to later views, never a buffer a live view still uses', () => {
    fillBuffers(null, 4); // start from a fresh current buffer
    const a = new SlabOwner();
    const kept = new SlabOwner();
    const aBuffers = fillBuffers(a, 8); // two whole buffers
    const live = ownedBy(kept, () => slabF32(QUARTER));
    live.fill(7);
    const keptBuffer = live.buffer;
    a.release();
    const later = fillBuffers(null, 12, 1);
    expect([...aBuffers].filter((b) => b !== keptBuffer).some((b) => later.has(b))).toBe(true);
    expect(live.every((v) => v === 7)).toBe(true); // no later view overlaps a live one
  });

  it('a released owner\'s band refuses to be read; bands in reused buffers read as fresh ones', () => {
    const owner = new SlabOwner();
    const first = ownedBy(owner, () => band('b1'));
    const before = read(first);
    owner.release();
    expect(() => read(first)).toThrow(/released/);
    owner.release(); // idempotent
    for (let k = 0; k < 40; k++) {
      const o = new SlabOwner();
      const again = ownedBy(o, () => band('b1'));
      expect(read(again)).toEqual(before);
      const other = ownedBy(o, () => band(`other${k}`));
      expect(read(other).length).toBe(before.length);
      o.release();
    }
  });
});
