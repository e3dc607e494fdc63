/**
 * A grid range written a chunk of rows at a time into one growing byte buffer (src/search/backend/range.ts) gives
 * the UTF-8 of its rows' lines joined, whatever the range's size: across chunk boundaries, with lines longer than
 * the bytes reserved per row (multi-byte text), and from one range to the next (the reused buffer).
 */
import { describe, expect, it } from 'vitest';
import { evaluateRange, gridItems } from '../../../src/search/backend/range.js';
import { RANGE_FAILED, RANGE_FEASIBLE, type Overrides, type RangePlan } from '../../../src/search/backend/types.js';
import { lineBuilder } from '../../../src/search/run/lines.js';
import { scoreRow } from '../../../src/search/run/rows.js';

const variables = [
  { name: 'a', path: 'a', targets: ['a'], values: [1, 2, 3, 4, 5] },
  { name: 'b', path: 'b', targets: ['b'], values: [0.5, 0.25, 0.125, 7, 9, 11, 13, 17, 19, 23] },
  { name: 'c', path: 'c', targets: ['c'], values: ['x', 'y', 'z', 'w'] },
];
const plan: RangePlan = { id: 'range-test', variables, metrics: ['e', 'l'], objectives: [{ metric: 'e', sense: 'min' }, { metric: 'l', sense: 'max' }], constraints: [], batchSize: 7 };
// Every 9th row fails with a long message in multi-byte text (a line of ~25 kB: far over the bytes kept per row).
const evaluate = (o: Overrides) => {
  const a = Number(o.a), b = Number(o.b);
  if ((a * 31 + b * 8) % 9 < 1) throw new Error(`débordement ${'Ω→'.repeat(5000)} a=${a}`);
  return { e: a * b, l: a / b };
};
const format = {};

/** The range's bytes as the engine would write them: each row's line, joined, as UTF-8. */
function expected(from: number, to: number): { text: string; ends: number[]; status: number[] } {
  const lineOf = lineBuilder(variables, plan.metrics);
  const { points, items } = gridItems(plan, from, to - from);
  let text = '';
  const ends: number[] = [];
  const status: number[] = [];
  points.forEach((point, j) => {
    let outcome;
    try {
      outcome = { metrics: evaluate(items[j]) };
    } catch (error) {
      outcome = { error: (error as Error).message };
    }
    const row = scoreRow({ point, key: '', outcome }, plan, ['min', 'max']);
    const index = from + j;
    text += lineOf({ index, generation: Math.floor(index / 7), point, outcome, feasible: row.feasible, violation: row.violation, error: row.error });
    ends.push(Buffer.byteLength(text));
    status.push(row.error !== undefined ? RANGE_FAILED : RANGE_FEASIBLE);
  });
  return { text, ends, status };
}

describe('evaluateRange', () => {
  it('writes the rows of ranges of 1, 64, 65 and 200 points as their lines joined, in UTF-8', async () => {
    const failing = expected(0, 200).status.indexOf(RANGE_FAILED);
    expect(failing).toBeGreaterThanOrEqual(0);
    // A failing row alone (its line outgrows the buffer reserved for one row), then ranges across chunks.
    for (const [from, to] of [[failing, failing + 1], [0, 64], [10, 75], [0, 200], [failing, failing + 1], [0, 200]]) {
      const r = await evaluateRange(evaluate, format, plan, from, to);
      const want = expected(from, to);
      expect(want.status).toContain(RANGE_FAILED);
      expect(Buffer.from(r.bytes).toString('utf8')).toBe(want.text);
      expect(r.bytes.length).toBe(Buffer.byteLength(want.text));
      expect(Array.from(r.ends)).toStrictEqual(want.ends);
      expect(Array.from(r.status)).toStrictEqual(want.status);
      expect({ from: r.from, count: r.count, objectives: r.objectives.length }).toStrictEqual({ from, count: to - from, objectives: 2 * (to - from) });
    }
  });
});
