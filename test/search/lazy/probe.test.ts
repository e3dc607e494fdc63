/**
 * The strategy's selection as a probe (Problem.evaluateBatch's SelectionProbe): NSGA-II's probe answers what its
 * survival then does, and the lazy stage measures only the designs the probe keeps; the rest end `unselected`.
 */
import { describe, expect, it } from 'vitest';
import { constraintViolation } from '../../../src/search/run/rows.js';
import type { EvalOutcome, Overrides } from '../../../src/search/backend/types.js';
import { LazyStage, lazyStatusOf, parseLazyStatus, type KeyedBackend, type LazyOutcome } from '../../../src/search/lazy/stage.js';
import type { EvaluationResult, Problem, SelectionProbe } from '../../../src/search/problem.js';
import type { SearchSpace } from '../../../src/search/space/types.js';
import { nsga2 } from '../../../src/search/strategies/nsga2.js';

describe('NSGA-II selection probe', () => {
  it('keeps exactly the offspring that the survival then keeps, and is offered on every generation (the initial one keeps every design that fits)', async () => {
    const probes: { first: number; kept: readonly boolean[] }[] = [];
    let proposed = 0;
    const f = (x: number, y: number): EvaluationResult => ({ objectives: [x * x + y, (x - 2) ** 2 + (1 - y)], violation: Math.max(0, x - 2.5) });
    const problem: Problem = {
      variables: [{ name: 'x', kind: 'real', min: 0, max: 3 }, { name: 'y', kind: 'real', min: 0, max: 1 }],
      objectives: ['min', 'min'],
      evaluate: () => ({ objectives: [0, 0] }),
      evaluateBatch: (xs, selection?: SelectionProbe) => {
        const results = xs.map((x) => f(Number(x.x), Number(x.y)));
        if (selection) probes.push({ first: proposed, kept: selection(results) });
        proposed += xs.length;
        return Promise.resolve(results);
      },
    };
    const result = await nsga2(problem, { populationSize: 8, generations: 5, seed: 4 });
    expect(probes.map((p) => p.first)).toEqual([0, 8, 16, 24, 32]);
    expect(probes[0].kept).toEqual(new Array(8).fill(true));
    const last = probes[4];
    const survivors = new Set(result.population?.map((r) => r.index));
    expect(last.kept.map((_, j) => survivors.has(last.first + j))).toEqual(last.kept);
    // Not a trivial answer: some offspring are dropped, some kept.
    expect(last.kept.some((k) => k) && last.kept.some((k) => !k)).toBe(true);
  });
});

describe('LazyStage with a selection', () => {
  // Objectives energy and area (min), accuracy >= 0.9 the expensive constraint.
  const space = {
    objectives: [{ metric: 'energy', sense: 'min' }, { metric: 'area', sense: 'min' }],
    constraints: [{ metric: 'accuracy', min: 0.9 }],
  } as unknown as SearchSpace;
  const designs: Record<string, { energy: number; area: number; accuracy: number }> = {
    a: { energy: 1, area: 4, accuracy: 0.95 },
    b: { energy: 2, area: 3, accuracy: 0.5 },
    c: { energy: 3, area: 2, accuracy: 0.95 },
    d: { energy: 4, area: 1, accuracy: 0.95 },
  };
  const backend = (expensive: boolean) => accuracyBackend(designs, expensive);
  const items = Object.keys(designs).map((name) => ({ name }));
  const stage = () => {
    const full = backend(true);
    return { full, stage: new LazyStage(space, ['min', 'min'], { mode: true, bounds: { accuracy: 1 }, cheapNeeded: ['energy', 'area'] }, backend(false), full, ['energy', 'area', 'accuracy']) };
  };

  it('measures every design no other could prove out when no selection is given', async () => {
    const { full, stage: s } = stage();
    const out = await s.evaluate(items, items.map((i) => i.name));
    expect(out.map(lazyStatusOf)).toEqual(['true', 'true', 'true', 'true']);
    expect(full.asked).toEqual(['a', 'b', 'c', 'd']);
  });

  it('measures only what the selection keeps, asking it again after each round with the pending designs as bounds', async () => {
    const { full, stage: s } = stage();
    const seen: string[][] = [];
    // The selection keeps a and c: b and d, which nothing measured dominates, stay unmeasured and unproven.
    const keep = (outcomes: readonly LazyOutcome[]): boolean[] => {
      seen.push(outcomes.map((o) => lazyStatusOf(o) ?? '?'));
      return outcomes.map((_, j) => j === 0 || j === 2);
    };
    const out = await s.evaluate(items, items.map((i) => i.name), keep);
    expect(full.asked).toEqual(['a', 'c']);
    expect(out.map(lazyStatusOf)).toEqual(['true', 'unselected', 'true', 'unselected']);
    expect(seen).toEqual([['unselected', 'unselected', 'unselected', 'unselected'], ['true', 'unselected', 'true', 'unselected']]);
    // An unselected row keeps its cheap metrics and no accuracy; scored as its optimistic bound, never feasible.
    expect(out[1].metrics?.accuracy).toBeNaN();
    const row = s.score({ point: [], key: 'b', outcome: out[1] });
    expect(row).toMatchObject({ objectives: [2, 3], violation: 0, feasible: false });
    if (row) s.observe([row]);
    expect(s.counts().unselectedRows).toBe(1);
    // --resume reads the status back from the CSV cell.
    expect(parseLazyStatus('unselected', 'record 1')).toBe('unselected');
    expect(() => parseLazyStatus('skipped', 'e.csv: row 1: accuracyMeasured')).toThrow(/^e\.csv: row 1: accuracyMeasured: got "skipped", expected one of true, false, dominated, infeasible, unselected, bound:k\/N, predicted$/);
    expect(() => parseLazyStatus('bound', 'e.csv: row 1: accuracyMeasured')).toThrow(/expected one of .*, bound:k\/N, predicted$/);
  });
});

describe('LazyStage, "lazy": "exact"', () => {
  // accuracy >= 0.9 is expensive, area <= 3.5 cheap: a is infeasible on area, c is dominated by b once b is measured.
  const space = {
    objectives: [{ metric: 'energy', sense: 'min' }, { metric: 'area', sense: 'min' }],
    constraints: [{ metric: 'accuracy', min: 0.9 }, { metric: 'area', max: 3.5 }],
  } as unknown as SearchSpace;
  const designs: Record<string, { energy: number; area: number; accuracy: number }> = {
    a: { energy: 1, area: 4, accuracy: 0.95 },
    b: { energy: 2, area: 3, accuracy: 0.95 },
    c: { energy: 3, area: 3.2, accuracy: 0.5 },
  };
  const backend = (expensive: boolean) => accuracyBackend(designs, expensive);
  const items = Object.keys(designs).map((name) => ({ name }));
  const run = async (mode: true | 'exact', keep: (j: number) => boolean) => {
    const full = backend(true);
    const stage = new LazyStage(space, ['min', 'min'], { mode, bounds: { accuracy: 1 }, cheapNeeded: ['energy', 'area'] }, backend(false), full, ['energy', 'area', 'accuracy']);
    const out = await stage.evaluate(items, items.map((i) => i.name), (outcomes) => outcomes.map((_, j) => keep(j)));
    return { asked: full.asked, status: out.map(lazyStatusOf) };
  };

  it('also measures the designs proven out (infeasible on a cheap constraint, or dominated) that the selection keeps', async () => {
    expect(await run('exact', () => true)).toEqual({ asked: ['b', 'a', 'c'], status: ['true', 'true', 'true'] });
    expect(await run(true, () => true)).toEqual({ asked: ['b'], status: ['infeasible', 'true', 'dominated'] });
    // Dropped by the selection at their best possible values, they are dropped at their true ones: not measured.
    expect(await run('exact', (j) => j === 1)).toEqual({ asked: ['b'], status: ['infeasible', 'true', 'dominated'] });
  });
});

describe('LazyStage with an early stop and a selection', () => {
  const space = {
    objectives: [{ metric: 'energy', sense: 'min' }, { metric: 'area', sense: 'min' }],
    constraints: [{ metric: 'accuracy', min: 0.9 }],
  } as unknown as SearchSpace;
  // Accuracy over N = 100 samples; b and e fail the floor: b stops after 20 samples with 9 right (bound 0.89),
  // e after 50 with 30 right (bound 0.80).
  const designs: Record<string, { energy: number; area: number; accuracy: number; stop?: [number, number] }> = {
    a: { energy: 1, area: 4, accuracy: 0.95 },
    b: { energy: 2, area: 3, accuracy: 0.5, stop: [20, 9] },
    e: { energy: 3, area: 2, accuracy: 0.6, stop: [50, 30] },
  };
  const backend = (kind: 'cheap' | 'stopping' | 'exact') => recordingBackend(kind !== 'cheap', (name) => {
    const { accuracy, stop, ...cheap } = designs[name];
    if (kind === 'cheap') return { metrics: { ...cheap, accuracy: NaN } };
    if (kind === 'exact' || !stop) return { metrics: { ...cheap, accuracy, 'accuracy:samples': 100, 'accuracy:planned': 100 } };
    const [k, c] = stop;
    return { metrics: { ...cheap, accuracy: (c + 100 - k) / 100, 'accuracy:samples': k, 'accuracy:planned': 100 } };
  });
  const items = Object.keys(designs).map((name) => ({ name }));

  it('measures again in full the stopped designs the selection keeps at their bound, and only those', async () => {
    const full = backend('stopping');
    const exact = backend('exact');
    let opened = 0;
    const plan = { mode: 'early-stop' as const, bounds: { accuracy: 1 }, cheapNeeded: ['energy', 'area'], floors: { accuracy: 0.9 } };
    const s = new LazyStage(space, ['min', 'min'], plan, backend('cheap'), full, ['energy', 'area', 'accuracy'], () => {
      opened++;
      return exact;
    });
    // The selection keeps feasible designs, and infeasible ones with accuracy above 0.85 (as the stage scores them)
    // once a design is measured: before the round (nothing measured) it would keep no stopped design.
    const limit = constraintViolation(space, { accuracy: 0.85 });
    const seen: number[][] = [];
    const keep = (outcomes: readonly LazyOutcome[]): boolean[] => {
      const v = outcomes.map((o, j) => s.score({ point: [], key: String(j), outcome: o })?.violation ?? constraintViolation(space, o.metrics ?? {}));
      seen.push(v);
      const any = outcomes.some((o) => lazyStatusOf(o) === 'true');
      return v.map((x) => x === 0 || (any && x < limit));
    };
    const out = await s.evaluate(items, items.map((i) => i.name), keep);
    // b at its bound 0.89 would be kept: measured in full (0.5, then dropped); e at 0.80 is dropped even so: it stays stopped.
    expect(exact.asked).toEqual(['b']);
    expect(opened).toBe(1);
    expect(out.map((o) => lazyStatusOf(o))).toEqual(['true', 'true', 'bound']);
    expect(out[1].metrics?.accuracy).toBe(0.5);
    expect(out[2]).toMatchObject({ stoppedAt: '50/100' });
    // The probe saw b at its bound, then at its exact value; the row of e is scored at the estimate 30/50, as before.
    expect(seen.at(-2)?.[1]).toBe(constraintViolation(space, { accuracy: 0.89 }));
    expect(seen.at(-1)?.[1]).toBe(constraintViolation(space, { accuracy: 0.5 }));
    expect(s.score({ point: [], key: 'e', outcome: out[2] })?.violation).toBe(constraintViolation(space, { accuracy: 0.6 }));
    expect(s.counts()).toMatchObject({ measurements: 4, finished: 1, samples: 100 + 20 + 50 + 100 });
  });

  it('before any stop, measures in full at once a design the selection keeps even just below the floor', async () => {
    const full = backend('stopping');
    const exact = backend('exact');
    const plan = { mode: 'early-stop' as const, bounds: { accuracy: 1 }, cheapNeeded: ['energy', 'area'], floors: { accuracy: 0.9 } };
    const s = new LazyStage(space, ['min', 'min'], plan, backend('cheap'), full, ['energy', 'area', 'accuracy'], () => exact);
    const out = await s.evaluate([{ name: 'b' }], ['b'], (outcomes) => outcomes.map(() => true));
    expect([full.asked, exact.asked]).toEqual([[], ['b']]);
    expect(out[0]).toMatchObject({ accuracyMeasured: 'true', metrics: { accuracy: 0.5 } });
  });

  it('once a stop has shown its bound, measures in full at once the designs the selection would keep stopped', async () => {
    const full = backend('stopping');
    const exact = backend('exact');
    const plan = { mode: 'early-stop' as const, bounds: { accuracy: 1 }, cheapNeeded: ['energy', 'area'], floors: { accuracy: 0.9 } };
    const s = new LazyStage(space, ['min', 'min'], plan, backend('cheap'), full, ['energy', 'area', 'accuracy'], () => exact);
    // Keeps feasible designs, and infeasible ones only below energy 2.5 whatever their violation.
    const keep = (outcomes: readonly LazyOutcome[]): boolean[] => outcomes.map((o, j) =>
      (s.score({ point: [], key: String(j), outcome: o })?.violation ?? constraintViolation(space, o.metrics ?? {})) === 0 || (o.metrics?.energy ?? 9) < 2.5);
    await s.evaluate([{ name: 'e' }], ['e'], keep); // e stops (bound 0.80) and is dropped at it
    expect(full.asked).toEqual(['e']);
    designs.f = { energy: 0.5, area: 6, accuracy: 0.3, stop: [15, 4] };
    designs.h = { energy: 5, area: 0.5, accuracy: 0.3, stop: [15, 4] };
    const out = await s.evaluate([{ name: 'f' }, { name: 'h' }], ['f', 'h'], keep);
    // f would be kept at the bound: measured in full straight away; h would be dropped: it may stop.
    expect(exact.asked).toEqual(['f']);
    expect(full.asked).toEqual(['e', 'h']);
    expect(out.map((o) => lazyStatusOf(o))).toEqual(['true', 'bound']);
    expect(out[0].metrics?.accuracy).toBe(0.3);
    expect(s.counts()).toMatchObject({ measurements: 3, finished: 0, samples: 50 + 100 + 15 });
    delete designs.f;
    delete designs.h;
  });
});

/** A backend over named designs that records which it was asked for (when `records`). */
/** A backend over named designs: with `expensive`, their metrics (recording what it was asked); without, accuracy NaN (the cheap evaluation). */
function accuracyBackend(designs: Readonly<Record<string, { energy: number; area: number; accuracy: number }>>, expensive: boolean) {
  return recordingBackend(expensive, (name) => {
    const { accuracy, ...cheap } = designs[name];
    return { metrics: expensive ? { ...cheap, accuracy } : { ...cheap, accuracy: NaN } };
  });
}

function recordingBackend(records: boolean, outcome: (name: string) => EvalOutcome): KeyedBackend & { asked: string[] } {
  const asked: string[] = [];
  return {
    parallelism: 1,
    asked,
    get evaluated() {
      return asked.length;
    },
    evaluate: (items: readonly Overrides[]): Promise<EvalOutcome[]> => Promise.resolve(items.map((o) => {
      if (records) asked.push(String(o.name));
      return outcome(String(o.name));
    })),
  };
}
