/**
 * normalsOnce (normalMemo.ts): createRng(seed).normal()'s first n normals bit for bit, drawn into a reused buffer
 * without entering the memo (a proxy's weights, macError.ts, are kept quantised by their own cache), and taken from
 * the memo when it already holds them.
 */
import { describe, expect, it } from 'vitest';
import { clearNormalMemo, memoNormalRng } from '../../../src/sim/nonideal/normal.js';
import { normalMemoStats, normalsOnce } from '../../../src/sim/nonideal/normalMemo.js';
import { createRng } from '../../../src/util/rng.js';

function reference(seed: string, n: number): Float64Array {
  const r = createRng(seed);
  return Float64Array.from({ length: n }, () => r.normal());
}

describe('normalsOnce', () => {
  it('gives createRng(seed).normal() bit for bit, odd and even counts, and leaves the memo alone', () => {
    clearNormalMemo();
    for (const [seed, n] of [['once:a', 1], ['once:b', 16_383], ['once:c', 16_384], ['once:a', 200_001]] as const) {
      expect(Array.from(normalsOnce(seed, n))).toEqual(Array.from(reference(seed, n)));
    }
    expect(normalMemoStats().streams).toBe(0);
    expect(normalMemoStats().bytes).toBe(0);
  });

  it('reuses its buffer: a view is valid until the next call', () => {
    const first = normalsOnce('once:reuse:1', 1000);
    const second = normalsOnce('once:reuse:2', 1000);
    expect(second.buffer).toBe(first.buffer);
    expect(Array.from(first)).toEqual(Array.from(reference('once:reuse:2', 1000)));
  });

  it('reads a stream the memo holds far enough, and draws one it holds too short', () => {
    clearNormalMemo();
    memoNormalRng('once:memo');
    memoNormalRng('once:memo', 100).normals(100);
    const held = normalsOnce('once:memo', 50);
    expect(Array.from(held)).toEqual(Array.from(reference('once:memo', 50)));
    expect(Array.from(normalsOnce('once:memo', 5000))).toEqual(Array.from(reference('once:memo', 5000)));
    expect(normalMemoStats().streams).toBe(1);
    clearNormalMemo();
  });
});

describe('memoNormalRng: streams stored from their second request until some seed repeats, then from the first', () => {
  it('draws the first request unstored (the same numbers, odd blocks and single draws mixed), stores the second', () => {
    clearNormalMemo();
    const want = reference('second:a', 3001);
    const first = memoNormalRng('second:a', 3001);
    const got = [...first.normals(7), first.normal(), first.normal(), ...first.normals(1), ...first.normals(0), ...first.normals(1990)];
    while (got.length < 3001) got.push(first.normal());
    expect(got).toEqual(Array.from(want));
    expect(normalMemoStats().streams).toBe(0);
    expect(normalMemoStats().bytes).toBe(0);
    // Unstored blocks share normalsOnce's buffer: nothing grows per stream.
    const other = memoNormalRng('second:b', 100).normals(100);
    expect(other.buffer).toBe(normalsOnce('second:c', 10).buffer);
    const second = memoNormalRng('second:a', 3001);
    expect(Array.from(second.normals(3001))).toEqual(Array.from(want));
    expect(normalMemoStats().streams).toBe(1);
    // A third request replays the memo: normalsOnce reads it without drawing into its buffer.
    expect(normalsOnce('second:a', 3001).buffer).not.toBe(other.buffer);
    // Once some stream was requested again, every stream is stored from its first request.
    expect(Array.from(memoNormalRng('second:d', 50).normals(50))).toEqual(Array.from(reference('second:d', 50)));
    expect(normalMemoStats().streams).toBe(2);
    // clearNormalMemo starts over: first requests unstored again.
    clearNormalMemo();
    memoNormalRng('second:e', 50).normals(50);
    expect(normalMemoStats().streams).toBe(0);
    clearNormalMemo();
  });
});
