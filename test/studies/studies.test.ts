/** The study functions on hand-made rows: derived metrics, selections, figure data, expectation verdicts, comparisons. */
import { describe, expect, it } from 'vitest';
import {
  bandRelation, checkExpectation, compareRows, evalExpr, figureData, holdCount, parseExpr, reduceRows, runStudy, withDerived,
  type StudyExpectation, type StudyRow,
} from '../../src/studies/index.js';

// Two networks x three timesteps; energy linear in T, accuracy rising then flat; a failed constraint on one row.
const rows: StudyRow[] = [
  { network: 'a', 'snn.timesteps': 1, energy_pJ: 10, latency_ns: 2, mac_pJ: 6, accuracy: 0.5, feasible: 1 },
  { network: 'a', 'snn.timesteps': 2, energy_pJ: 20, latency_ns: 4, mac_pJ: 12, accuracy: 0.8, feasible: 1 },
  { network: 'a', 'snn.timesteps': 4, energy_pJ: 40, latency_ns: 8, mac_pJ: 24, accuracy: 0.79, feasible: 0 },
  { network: 'b', 'snn.timesteps': 1, energy_pJ: 30, latency_ns: 3, mac_pJ: 15, accuracy: NaN, feasible: 1 },
  { network: 'b', 'snn.timesteps': 2, energy_pJ: 60, latency_ns: 6, mac_pJ: 30, accuracy: NaN, feasible: 1 },
  { network: 'b', 'snn.timesteps': 4, energy_pJ: 120, latency_ns: 12, mac_pJ: 60, accuracy: NaN, feasible: 1 },
];
const parameters = ['network', 'snn.timesteps'];
const base = { required: true } as const;

describe('expressions', () => {
  it('parse + - * / with precedence, parentheses, unary minus and dotted names', () => {
    const value = (n: string) => ({ 'a.b': 2, c_d: 3 })[n] ?? NaN;
    expect(evalExpr(parseExpr('a.b + c_d * 4'), value)).toBe(14);
    expect(evalExpr(parseExpr('(a.b + c_d) * 4 / 2'), value)).toBe(10);
    expect(evalExpr(parseExpr('-a.b - -1e1'), value)).toBe(8);
    expect(Number.isNaN(evalExpr(parseExpr('missing + 1'), value))).toBe(true);
    expect(() => parseExpr('a +')).toThrow(/ends early/);
    expect(() => parseExpr('a b')).toThrow(/unexpected "b"/);
    expect(() => parseExpr('a $ b')).toThrow(/unexpected "\$"/);
  });

  it('derived metrics are added per row, a later one may use an earlier one', () => {
    const out = withDerived(rows.slice(0, 2), { macShare: 'mac_pJ / energy_pJ', edp: 'energy_pJ * latency_ns', half: 'macShare / 2' });
    expect(out.map((r) => r.macShare)).toEqual([0.6, 0.6]);
    expect(out.map((r) => r.edp)).toEqual([20, 80]);
    expect(out[0].half).toBe(0.3);
  });
});

describe('reduce', () => {
  it('mean averages finite numbers and keeps strings; best picks by a metric, feasible only when asked', () => {
    const a = rows.filter((r) => r.network === 'a');
    expect(reduceRows(a, { kind: 'mean' })).toMatchObject({ network: 'a', energy_pJ: 70 / 3 });
    expect(reduceRows(a, { kind: 'best', by: 'accuracy', sense: 'max', feasible: false })).toBe(a[1]);
    expect(reduceRows(a, { kind: 'best', by: 'energy_pJ', sense: 'max', feasible: true })).toBe(a[1]);
    expect(reduceRows(a, { kind: 'best', by: 'energy_pJ', sense: 'max', feasible: false })).toBe(a[2]);
    expect(reduceRows(rows.slice(3), { kind: 'best', by: 'accuracy', sense: 'max', feasible: false })).toBeUndefined();
  });
});

describe('figure data', () => {
  it('one point per x, series and metric, NaN values left out, x in numeric order, series as first seen', () => {
    const points = figureData({ name: 'f', x: 'snn.timesteps', y: ['energy_pJ', 'accuracy'], series: 'network' }, [...rows].reverse());
    expect(points.filter((p) => p.metric === 'energy_pJ').map((p) => [p.x, p.series, p.value])).toEqual([
      [1, 'b', 30], [1, 'a', 10], [2, 'b', 60], [2, 'a', 20], [4, 'b', 120], [4, 'a', 40],
    ]);
    expect(points.filter((p) => p.metric === 'accuracy').map((p) => p.value)).toEqual([0.5, 0.8, 0.79]);
    expect(points).toHaveLength(9);
  });

  it('where selects, reduce collapses the rest', () => {
    const points = figureData({ name: 'f', x: 'network', y: ['energy_pJ'], reduce: { kind: 'best', by: 'energy_pJ', sense: 'max', feasible: true } }, rows);
    expect(points.map((p) => [p.x, p.value])).toEqual([['a', 20], ['b', 120]]);
    expect(figureData({ name: 'f', x: 'snn.timesteps', y: ['energy_pJ'], where: { network: 'b', 'snn.timesteps': [1, 4] } }, rows).map((p) => p.value)).toEqual([30, 120]);
    // A list of conditions: rows meeting any of them.
    const either = figureData({ name: 'f', x: 'snn.timesteps', y: ['energy_pJ'], series: 'network', where: [{ network: 'a', 'snn.timesteps': 1 }, { network: 'b', 'snn.timesteps': 4 }] }, rows);
    expect(either.map((p) => [p.series, p.value])).toEqual([['a', 10], ['b', 120]]);
  });
});

describe('the order of string values', () => {
  // Rows as a random strategy may write them: the largest input first.
  const shares: StudyRow[] = [
    { network: 'large', share: 0.3 }, { network: 'small', share: 0.1 }, { network: 'mid', share: 0.2 },
  ];
  const order = new Map([['network', ['small', 'mid', 'large']]]);
  const trend = { ...base, kind: 'trend', metric: 'share', along: 'network', trend: 'increasing', tolerance: 0 } as StudyExpectation;

  it('a trend, an argmin and a figure along a string column follow the space\'s order of its values, not the rows\'', () => {
    const verdict = checkExpectation(trend, shares, ['network'], order);
    expect([verdict.status, verdict.summary]).toEqual(['pass', '1 of 1 check holds; 0.1 → 0.2 → 0.3 (network small, mid, large)']);
    const argmin = checkExpectation({ ...base, kind: 'argmin', metric: 'share', over: 'network', at: ['small'] } as StudyExpectation, shares, ['network'], order);
    expect(argmin.summary).toBe('1 of 1 check holds; smallest 0.1 at network = small');
    expect(figureData({ name: 'f', x: 'network', y: ['share'] }, shares, order).map((p) => p.x)).toEqual(['small', 'mid', 'large']);
    expect(runStudy({ title: 't', source: 's', derived: {}, figures: [], expect: [trend], compare: [] }, shares, ['network'], order).passed).toBe(true);
  });

  it('without an order (or for a value it does not list) strings keep the order the rows first show them', () => {
    expect(checkExpectation(trend, shares, ['network']).summary).toBe('0 of 1 check hold; 0.3 → 0.1 → 0.2 (network large, small, mid)');
    expect(figureData({ name: 'f', x: 'network', y: ['share'] }, shares, new Map([['network', ['mid']]])).map((p) => p.x)).toEqual(['mid', 'large', 'small']);
  });
});

describe('expectations', () => {
  const check = (e: Record<string, unknown>) => checkExpectation({ ...base, ...e } as StudyExpectation, rows, parameters);

  it('trend: checked per network by default, with a tolerance for noisy metrics', () => {
    const energy = check({ kind: 'trend', metric: 'energy_pJ', along: 'snn.timesteps', trend: 'increasing', tolerance: 0 });
    expect(energy.status).toBe('pass');
    expect(energy.checks.map((c) => c.key)).toEqual([{ network: 'a' }, { network: 'b' }]);
    expect(energy.checks[0].measured).toBe('10 → 20 → 40 (snn.timesteps 1, 2, 4)');
    // Accuracy 0.5 -> 0.8 -> 0.79: not nondecreasing, but within a 0.02 tolerance; network b has no accuracy (no check).
    const strict = check({ kind: 'trend', metric: 'accuracy', along: 'snn.timesteps', trend: 'nondecreasing', tolerance: 0 });
    expect(strict.status).toBe('fail');
    expect(strict.checks).toHaveLength(1);
    expect(check({ kind: 'trend', metric: 'accuracy', along: 'snn.timesteps', trend: 'nondecreasing', tolerance: 0.02 }).status).toBe('pass');
    // ... and the summary says which group it could not check.
    expect(check({ kind: 'trend', metric: 'accuracy', along: 'snn.timesteps', trend: 'nondecreasing', tolerance: 0.02 }).summary)
      .toBe('1 of 1 check holds; network=a: 0.5 → 0.8 → 0.79 (snn.timesteps 1, 2, 4); nothing to check for network=b');
    expect(check({ kind: 'trend', metric: 'energy_pJ', along: 'snn.timesteps', trend: 'decreasing', tolerance: 0 }).summary).toMatch(/^0 of 2 checks hold; /);
  });

  it('counts what holds in agreement: the noun with the total, the verb with the count (was "1/1 check hold")', () => {
    expect([[1, 1], [0, 1], [1, 4], [3, 4], [0, 2]].map(([n, of]) => holdCount(n, of, 'check')))
      .toEqual(['1 of 1 check holds', '0 of 1 check hold', '1 of 4 checks holds', '3 of 4 checks hold', '0 of 2 checks hold']);
  });

  it('a step of exactly the tolerance is within it, whatever floating point makes of a - tolerance', () => {
    // 34 and 30 of 200 samples: 0.17 - 0.02 is 0.15000000000000002, so a 2-point drop used to fail a 2-point tolerance.
    const drop: StudyRow[] = [{ 'snn.timesteps': 1, accuracy: 34 / 200 }, { 'snn.timesteps': 2, accuracy: 30 / 200 }];
    const trend = (tolerance: number, t = 'nondecreasing') =>
      checkExpectation({ ...base, kind: 'trend', metric: 'accuracy', along: 'snn.timesteps', trend: t, tolerance } as StudyExpectation, drop, ['snn.timesteps']);
    expect([trend(0.02).status, trend(0.02).summary]).toEqual(['pass', '1 of 1 check holds; 0.17 → 0.15 (snn.timesteps 1, 2)']);
    expect(trend(0.02, 'increasing').status).toBe('fail');
    expect(trend(0.0199).status).toBe('fail');
    expect(trend(0).status).toBe('fail');
  });

  it('within, ratio and argmin/argmax with hand-computed values', () => {
    const within = check({ kind: 'within', metric: 'energy_pJ', min: 10, max: 100, where: { network: 'b' } });
    expect(within.status).toBe('fail');
    expect(within.summary).toBe('0 of 1 check hold; 30 to 120 (3 values)');
    expect(check({ kind: 'within', metric: 'energy_pJ', min: 10, max: 40, where: { network: 'a' } }).status).toBe('pass');
    const ratio = check({ kind: 'ratio', metric: 'energy_pJ', of: { 'snn.timesteps': 4 }, to: { 'snn.timesteps': 1 }, min: 3.9, max: 4.1 });
    expect(ratio.status).toBe('pass');
    expect(ratio.checks.map((c) => c.measured)).toEqual(['ratio 4', 'ratio 4']);
    const argmax = check({ kind: 'argmax', metric: 'accuracy', over: 'snn.timesteps', at: [2] });
    expect(argmax.status).toBe('pass');
    expect(argmax.checks[0].measured).toBe('largest 0.8 at snn.timesteps = 2');
    // Over networks at T = 1 the cheaper is a.
    expect(check({ kind: 'argmin', metric: 'energy_pJ', over: 'network', at: ['b'], where: { 'snn.timesteps': 1 } }).status).toBe('fail');
    expect(check({ kind: 'argmin', metric: 'energy_pJ', over: 'network', at: ['a'], where: { 'snn.timesteps': 1 } }).status).toBe('pass');
    expect(check({ kind: 'within', metric: 'accuracy', min: 0, max: 1, where: { network: 'b' } }).status).toBe('no data');
  });

  it('an argmin or argmax reports a tie, and holds only if every tied value is one it names', () => {
    const rows: StudyRow[] = [4, 5, 6, 7, 8].map((d) => ({ 'device.bitsPerCell': d, energy_pJ: d === 8 ? 2e8 : 160675268.49 * (1 + (d - 4) * 1e-14) }));
    const at = (values: number[], kind: 'argmin' | 'argmax' = 'argmin') => checkExpectation({ kind, metric: 'energy_pJ', over: 'device.bitsPerCell', at: values, required: true } as StudyExpectation, rows, ['device.bitsPerCell']);
    const first = at([4]);
    expect(first.status).toBe('fail');
    expect(first.checks[0].measured).toBe('smallest 1.607e8 at device.bitsPerCell = 4, 5, 6, 7 (a tie of 4)');
    expect(at([4, 5, 6, 7]).status).toBe('pass');
    expect(at([4, 5, 6]).status).toBe('fail');
    expect(at([8], 'argmax').checks[0].measured).toBe('largest 200000000 at device.bitsPerCell = 8');
    expect(at([8], 'argmax').status).toBe('pass');
    // A difference above the tolerance is no tie.
    const apart = [{ d: 4, v: 100 }, { d: 5, v: 100 * (1 + 1e-9) }].map(({ d, v }) => ({ 'device.bitsPerCell': d, energy_pJ: v }));
    const strict = checkExpectation({ kind: 'argmin', metric: 'energy_pJ', over: 'device.bitsPerCell', at: [4], required: true } as StudyExpectation, apart, ['device.bitsPerCell']);
    expect(strict.status).toBe('pass');
    expect(strict.checks[0].measured).toBe('smallest 100 at device.bitsPerCell = 4');
  });

  it('a study passes when every required expectation holds; informational ones do not count', () => {
    const study = {
      title: 't', source: 's', derived: { macShare: 'mac_pJ / energy_pJ' }, figures: [], compare: [],
      expect: [
        { kind: 'within', metric: 'macShare', min: 0.5, max: 0.6, required: true },
        { kind: 'within', metric: 'macShare', min: 0.7, max: 0.8, required: false },
      ] as StudyExpectation[],
    };
    const result = runStudy(study, rows, parameters);
    expect(result.verdicts.map((v) => v.status)).toEqual(['pass', 'fail']);
    expect(result.passed).toBe(true);
    expect(runStudy({ ...study, expect: [{ ...study.expect[1], required: true }] }, rows, parameters).passed).toBe(false);
  });
});

describe('comparison', () => {
  // ADC-less (senseamp) against SAR at 4 and 8 bits, two networks; senseamp ignores the bits, so it is matched on network only.
  const adc: StudyRow[] = [];
  for (const network of ['x', 'y']) {
    const scale = network === 'x' ? 1 : 2;
    for (const bits of [4, 8]) {
      adc.push({ network, 'adc.kind': 'sar', 'adc.bits': bits, energy_pJ: scale * bits * 10, latency_ns: scale * bits * 100, accuracy: 0.98, feasible: 1 });
      adc.push({ network, 'adc.kind': 'senseamp', 'adc.bits': bits, energy_pJ: scale * 20, latency_ns: scale * 50, accuracy: network === 'x' ? 0.95 : NaN, feasible: 1 });
    }
  }
  const compare = {
    baseline: { 'adc.kind': 'sar' }, candidate: { 'adc.kind': 'senseamp' }, by: ['network', 'adc.bits'], match: ['network'],
    metrics: [
      { metric: 'energy_pJ', as: 'ratio' as const, sense: 'min' as const, paper: [2, 7] as const },
      { metric: 'latency_ns', as: 'ratio' as const, sense: 'min' as const, paper: [8.9, 24.6] as const },
      { metric: 'accuracy', as: 'difference' as const, sense: 'max' as const },
    ],
  };

  it('ratios per network and ADC bits, the accuracy difference, and where the range sits against the paper', () => {
    const table = compareRows(compare, adc);
    expect(table.rows.map((r) => [r.key.network, r.key['adc.bits'], ...r.cells.map((c) => c.value)])).toEqual([
      ['x', 4, 2, 8, -0.030000000000000027],
      ['x', 8, 4, 16, -0.030000000000000027],
      ['y', 4, 2, 8, NaN],
      ['y', 8, 4, 16, NaN],
    ]);
    expect(table.summary.map((s) => [s.min, s.max, s.relation])).toEqual([[2, 4, 'inside'], [8, 16, 'overlaps'], [-0.030000000000000027, -0.030000000000000027, undefined]]);
  });

  it('matching on every by column pairs like with like', () => {
    const table = compareRows({ ...compare, match: ['network', 'adc.bits'] }, adc);
    expect(table.rows).toHaveLength(4);
    expect(table.rows[1].cells[0]).toEqual({ baseline: 80, candidate: 20, value: 4 });
  });

  it('band relations', () => {
    expect(bandRelation(1, 1.5, [2, 7])).toBe('below');
    expect(bandRelation(8, 9, [2, 7])).toBe('above');
    expect(bandRelation(3, 9, [2, 7])).toBe('overlaps');
    expect(bandRelation(NaN, NaN, [2, 7])).toBe('no data');
  });
});

describe('within after a reduce', () => {
  it('checks the one row the reduce keeps per group', () => {
    const e = { kind: 'within', metric: 'energy_pJ', min: 25, max: 60, per: ['network'], reduce: { kind: 'best', by: 'energy_pJ', sense: 'max', feasible: true }, required: true } as StudyExpectation;
    // Best feasible by energy: a -> 20 (T = 4 is infeasible), b -> 120.
    expect(checkExpectation(e, rows, parameters).checks.map((c) => [c.ok, c.measured])).toEqual([[false, '20'], [false, '120']]);
    expect(checkExpectation({ ...e, min: 20, max: 120 } as StudyExpectation, rows, parameters).status).toBe('pass');
  });
});
