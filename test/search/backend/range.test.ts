/**
 * A grid range written a chunk of rows at a time into one growing byte buffer (src/search/backend/range.ts) gives
 * the UTF-8 of its rows' lines joined, whatever the range's size: across chunk boundaries, with lines longer than
 * the bytes reserved per row (multi-byte text), and from one range to the next (the reused buffer).
 */
import { describe, expect, it } from 'vitest';
import { evaluateRange, gridItems, warmIndex } from '../../../src/search/backend/range.js';
import { metricCells } from '../../../src/io/run/index.js';
import { RANGE_FAILED, RANGE_FEASIBLE, type EvaluateOutcome, type OutcomeBytes, type Overrides, type RangePlan } from '../../../src/search/backend/types.js';
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
function expected(from: number, to: number, evaluateOf = evaluate, of: RangePlan = plan): { text: string; ends: number[]; status: number[] } {
  const lineOf = lineBuilder(of.variables, of.metrics);
  const { points, items } = gridItems(of, from, to - from);
  let text = '';
  const ends: number[] = [];
  const status: number[] = [];
  points.forEach((point, j) => {
    let outcome;
    try {
      outcome = { metrics: evaluateOf(items[j]) };
    } catch (error) {
      outcome = { error: (error as Error).message };
    }
    const row = scoreRow({ point, key: '', outcome }, of, ['min', 'max']);
    const index = from + j;
    text += lineOf({ index, generation: Math.floor(index / of.batchSize), point, outcome, feasible: row.feasible, violation: row.violation, error: row.error });
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

describe('evaluateRange, rows encoded a batch at a time', () => {
  it('gives every row its byte end when whole batches are ASCII and one row far on is not', async () => {
    // Rows 0-69 ASCII (two whole batches of 32 and part of the third), row 70 with multi-byte text, then ASCII again.
    const at = (values: readonly unknown[], v: unknown) => values.indexOf(v);
    const oneFails = (o: Overrides) => {
      const a = Number(o.a), b = Number(o.b);
      if ((a - 1) * 40 + at(variables[1].values, b) * 4 + at(variables[2].values, o.c) === 70) throw new Error('µ-échec Ω');
      return { e: a * b, l: a / b };
    };
    const r = await evaluateRange(oneFails, format, { ...plan, id: 'range-ascii' }, 0, 120);
    const { text, ends } = expected(0, 120, oneFails);
    expect(text).toContain('µ-échec');
    expect(Buffer.from(r.bytes).toString('utf8')).toBe(text);
    expect(Array.from(r.ends)).toStrictEqual(ends);
    expect(Array.from(r.status).filter((s) => s === RANGE_FAILED)).toHaveLength(1);
  });
});

describe('evaluateRange with an evaluator that writes its outcome as bytes (OutcomeBytes)', () => {
  it('writes the same rows as from outcomes: bytes written, declined (-1) and thrown, across chunks and wraps', async () => {
    // `d` names `a` again (the last variable naming a target sets it, as in pointOverrides), and its own `d`.
    const withD: RangePlan = { ...plan, id: 'range-bytes', batchSize: 13, variables: [...variables, { name: 'd', path: 'd', targets: ['d', 'a'], values: [3, 1, 4] }] };
    const seen: Overrides[] = [];
    const metrics = { e: NaN, l: NaN };
    let declined = 0;
    let failures = 0;
    let declinedAll = 0;
    const bytes: OutcomeBytes = {
      metrics,
      maxBytes: 64,
      write(o, out, at) {
        seen.push({ ...o });
        // Declined: the writer asks the EvaluateOutcome (the record path) instead.
        if (o.c === 'z' && Number(o.d) === 4) return -1;
        const m = evaluate(o);
        metrics.e = m.e;
        metrics.l = m.l;
        return at + Buffer.from(metricCells(m, ['e', 'l']), 'latin1').copy(out, at);
      },
    };
    const outcome: EvaluateOutcome = Object.assign((o: Overrides) => {
      declined++;
      const m = evaluate(o);
      return { metrics: m, csv: metricCells(m, ['e', 'l']) };
    }, { bytes });
    const format = { csvMetrics: ['e', 'l'], keep: ['e', 'l'], outcome };
    for (const [from, to] of [[0, 1], [5, 140], [0, 600], [598, 600]]) {
      seen.length = 0;
      declined = 0;
      const r = await evaluateRange(evaluate, format, withD, from, to);
      const want = expected(from, to, evaluate, withD);
      failures += want.status.filter((x) => x === RANGE_FAILED).length;
      expect(Buffer.from(r.bytes).toString('utf8')).toBe(want.text);
      expect(Array.from(r.ends)).toStrictEqual(want.ends);
      expect(Array.from(r.status)).toStrictEqual(want.status);
      // One write per row with that row's overrides; the declined rows (c = z, d = 4) once more through the outcome.
      expect(seen).toStrictEqual(gridItems(withD, from, to - from).items);
      expect(declined).toBe(seen.filter((o) => o.c === 'z' && Number(o.d) === 4).length);
      declinedAll += declined;
    }
    expect(declinedAll).toBeGreaterThan(0);
    expect(failures).toBeGreaterThan(0);
  });
});

describe('evaluateRange into a spare (a spent range\'s bytes given back)', () => {
  it('writes into the spare\'s memory when it holds 1 kB per row, and into fresh memory when it does not, the same rows', async () => {
    const want = expected(10, 75);
    // Room for the failing rows' ~25 kB lines too (else the buffer grows into new memory).
    const fits = new Uint8Array(new ArrayBuffer(2 ** 20)).subarray(100, 200);
    const r = await evaluateRange(evaluate, format, plan, 10, 75, undefined, undefined, fits);
    expect(want.status).toContain(RANGE_FAILED);
    expect(r.bytes.buffer === fits.buffer).toBe(true);
    expect(Buffer.from(r.bytes).toString('utf8')).toBe(want.text);
    expect(Array.from(r.ends)).toStrictEqual(want.ends);
    const small = new Uint8Array(64 * 1024);
    const again = await evaluateRange(evaluate, format, plan, 10, 75, undefined, undefined, small);
    expect(again.bytes.buffer === small.buffer).toBe(false);
    expect(Buffer.from(again.bytes).toString('utf8')).toBe(want.text);
  });
});

describe('the warm-up before a thread first evaluates a plan', () => {
  // 4,800 points: the index of a point is 240 x + 12 y + z, so each call tells which point it evaluated.
  const big = [
    { name: 'x', path: 'x', targets: ['x'], values: Array.from({ length: 20 }, (_, i) => i) },
    { name: 'y', path: 'y', targets: ['y'], values: Array.from({ length: 20 }, (_, i) => i) },
    { name: 'z', path: 'z', targets: ['z'], values: Array.from({ length: 12 }, (_, i) => i) },
  ];
  const bigPlan = (id: string, vars = big): RangePlan => ({ ...plan, id, variables: vars, batchSize: 100 });
  const counting = () => {
    const calls: number[] = [];
    const evaluate = (o: Overrides) => {
      calls.push(240 * Number(o.x) + 12 * Number(o.y) + Number(o.z));
      return { e: Number(o.x) + Number(o.z), l: Number(o.y) + 1 };
    };
    return { calls, evaluate };
  };
  // Point k takes value (k + i) mod n_i of variable i.
  const spread = () => Array.from({ length: 16 }, (_, k) => 240 * (k % 20) + 12 * ((k + 1) % 20) + ((k + 2) % 12));

  it('evaluates points spread over a large grid first (a prefix of 16, time-bounded), once per plan, the rows unchanged', async () => {
    const { calls, evaluate } = counting();
    const first = await evaluateRange(evaluate, format, bigPlan('warm-a'), 100, 110);
    const warm = calls.length - 10;
    expect(warm).toBeGreaterThanOrEqual(1);
    expect(calls.slice(0, warm)).toStrictEqual(spread().slice(0, warm));
    expect(calls.slice(warm)).toStrictEqual(Array.from({ length: 10 }, (_, j) => 100 + j));
    // The same rows as a thread that has warmed up already (the warm-up's outcomes are dropped).
    calls.length = 0;
    const again = await evaluateRange(evaluate, format, bigPlan('warm-a'), 100, 110);
    expect(calls).toStrictEqual(Array.from({ length: 10 }, (_, j) => 100 + j));
    expect(Buffer.from(again.bytes).toString('utf8')).toBe(Buffer.from(first.bytes).toString('utf8'));
    expect(Array.from(again.objectives)).toStrictEqual(Array.from(first.objectives));
    // A new plan warms up again; then ranges alternating between the two plans (two runs in one thread) do not.
    calls.length = 0;
    await evaluateRange(evaluate, format, bigPlan('warm-b'), 0, 1);
    expect(calls[0]).toBe(spread()[0]);
    expect(calls.length).toBeGreaterThan(1);
    calls.length = 0;
    await evaluateRange(evaluate, format, bigPlan('warm-a'), 5, 6);
    await evaluateRange(evaluate, format, bigPlan('warm-b'), 7, 8);
    expect(calls).toStrictEqual([5, 7]);
  });

  it('takes every value of every variable (up to 16 values) in its 16 points', () => {
    expect(Array.from({ length: 16 }, (_, k) => warmIndex(bigPlan('w'), k))).toStrictEqual(spread());
    const seen = big.map(() => new Set<number>());
    for (let k = 0; k < 16; k++) gridItems(bigPlan('w'), warmIndex(bigPlan('w'), k), 1).points[0].forEach((v, i) => seen[i].add(Number(v)));
    expect(seen.map((s) => s.size)).toStrictEqual([16, 16, 12]);
  });

  it('skips grids under 4,096 points', async () => {
    const { calls, evaluate } = counting();
    await evaluateRange(evaluate, format, bigPlan('warm-small', [big[0], { ...big[1], values: big[1].values.slice(0, 17) }, big[2]]), 5, 8);
    expect(calls).toStrictEqual([5, 6, 7]);
  });
});
