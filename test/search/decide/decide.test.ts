/** Picking one design from hand-made fronts: knee, pseudo-weights, lexicographic; and `cosearch pick` on a hand-made run folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kneeIndex, lexicographicIndex, parseCondition, pseudoWeights, tradeoffWorth, weightedIndex } from '../../../src/search/decide/index.js';
import { pickFromRun, pickHeadline } from '../../../src/cli/commands/pick.js';
import { ConfigError } from '../../../src/core/errors.js';
import { refusal } from '../../helpers/refusal.js';

// A convex 2-objective front with an obvious knee at (1, 1): moving away from it costs 4 units per unit gained.
const front = [
  [0, 5],
  [0.2, 2],
  [1, 1],
  [2, 0.2],
  [5, 0],
];

describe('knee (largest marginal trade-off)', () => {
  it('picks the bend of a hand-made front', () => {
    expect(kneeIndex(front, ['min', 'min'])).toBe(2);
  });

  it('is the same with a max objective written as its negation', () => {
    expect(kneeIndex(front.map(([a, b]) => [a, -b]), ['min', 'max'])).toBe(2);
  });

  it('worth: the smallest gain per unit lost against any other point, on scaled objectives', () => {
    // Scaled by 5 on both axes; against (0.2, 2): gain 1/5, loss 0.8/5 -> 1.25; against (2, 0.2) symmetric.
    const w = tradeoffWorth(front, ['min', 'min']);
    expect(w[2]).toBeCloseTo(1.25, 12);
    // (0.2, 2) against (1, 1): gains 0.8, loses 1 -> 0.8.
    expect(w[1]).toBeCloseTo(0.8, 12);
  });
});

describe('weighted compromise (pymoo pseudo-weights)', () => {
  it('pseudo-weights of the extremes are one-hot and each row sums to 1', () => {
    const pw = pseudoWeights(front, ['min', 'min']);
    expect(pw[0]).toEqual([1, 0]);
    expect(pw[4]).toEqual([0, 1]);
    for (const w of pw) expect(w[0] + w[1]).toBeCloseTo(1, 12);
    // (1, 1): (1 - 1/5, 1 - 1/5) normalised -> (0.5, 0.5).
    expect(pw[2][0]).toBeCloseTo(0.5, 12);
  });

  it('picks the design nearest the requested weights', () => {
    expect(weightedIndex(front, ['min', 'min'], [1, 0])).toBe(0);
    expect(weightedIndex(front, ['min', 'min'], [0.5, 0.5])).toBe(2);
    expect(weightedIndex(front, ['min', 'min'], [0, 3])).toBe(4);
    // (0.2, 2): (0.96, 0.6) / 1.56 = (0.615, 0.385): nearest to 0.6 / 0.4.
    expect(weightedIndex(front, ['min', 'min'], [0.6, 0.4])).toBe(1);
  });

  it("takes pymoo's L1 distance, not the Euclidean one (QA's hand front, pymoo 0.6 picks index 2)", () => {
    const qa = [[0.1, 0.62, 0.27], [0.46, 0.52, 0.02], [0.36, 0.4, 0.24], [0.44, 0.38, 0.18]];
    const senses = ['min', 'min', 'min'] as const;
    const pw = pseudoWeights(qa, [...senses]);
    // Row 2: (1 - 0.26/0.36, 1 - 0.02/0.24, 1 - 0.22/0.25) = (0.2778, 0.9167, 0.12), over their sum 1.3144.
    expect(pw[2][0]).toBeCloseTo((1 - 0.26 / 0.36) / (1 - 0.26 / 0.36 + 1 - 0.02 / 0.24 + 0.12), 12);
    const l1 = pw.map((w) => Math.abs(w[0] - 0.6) + Math.abs(w[1] - 0.3) + Math.abs(w[2] - 0.1));
    expect(l1[0]).toBeCloseTo(0.8, 12);
    expect(l1[2]).toBeCloseTo(0.79476, 5);
    // Euclidean: row 0 is nearer (0.51 vs 0.56), which the rule took until 2026-12-06.
    expect(weightedIndex(qa, [...senses], [0.6, 0.3, 0.1])).toBe(2);
    // Weights are scaled to sum 1 (pseudo-weights do): 6,3,1 picks as 0.6,0.3,0.1.
    expect(weightedIndex(qa, [...senses], [6, 3, 1])).toBe(2);
  });

  it('refuses weights of the wrong length or all zero', () => {
    expect(() => weightedIndex(front, ['min', 'min'], [1])).toThrow(ConfigError);
    expect(() => weightedIndex(front, ['min', 'min'], [0, 0])).toThrow(/not all zero/);
  });
});

describe('lexicographic', () => {
  it('best in the first objective, ties by the next', () => {
    const pts = [
      [1, 3, 0],
      [1, 2, 9],
      [2, 0, 0],
      [1, 2, 5],
    ];
    expect(lexicographicIndex(pts, ['min', 'min', 'min'], [0, 1, 2])).toBe(3);
    expect(lexicographicIndex(pts, ['min', 'min', 'min'], [2, 1])).toBe(2);
    expect(lexicographicIndex(pts, ['min', 'max', 'min'], [0, 1])).toBe(0);
  });
});

describe('conditions', () => {
  it('parses "metric OP number" and refuses anything else', () => {
    expect(parseCondition('accuracy >= 0.95')).toEqual({ metric: 'accuracy', op: '>=', value: 0.95 });
    expect(parseCondition('energy_pJ<1e6')).toEqual({ metric: 'energy_pJ', op: '<', value: 1e6 });
    expect(() => parseCondition('accuracy => 0.9')).toThrow(/expected "metric OP number"/);
    // Decimal text only: Number() read these as 16, 3 and an always-true bound.
    for (const text of ['energy_pJ <= 0x10', 'accuracy > 0b11', 'accuracy < Infinity']) {
      expect(() => parseCondition(text)).toThrow(`--constraint: got ${JSON.stringify(text)}, expected "metric OP number" with OP one of <=, >=, <, >, == (e.g. 'accuracy >= 0.95')`);
    }
  });
});

describe('cosearch pick on a hand-made run folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-pick-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      network: 'mlp-mnist',
      strategy: { name: 'grid', settings: {} },
      parameters: [{ name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [4, 6, 8] }],
      base: { 'xbar.rows': 128 },
      objectives: [
        { metric: 'energy', sense: 'min' },
        { metric: 'loss', sense: 'min' },
      ],
      constraints: [],
      hypervolumeByGeneration: [],
    }),
  );
  const rows = [
    ['index', 'adc.bits', 'energy', 'loss', 'accuracy', 'feasible'],
    ...front.map(([e, r], i) => [i, [4, 5, 6, 7, 8][i], e, r, 1 - r / 10, 'true']),
    [5, 3, 0.1, 0.1, 0.99, 'false'],
  ];
  writeFileSync(join(dir, 'evaluations.csv'), rows.map((r) => r.join(',')).join('\n') + '\n');

  it('knee by default; its overrides include the base', () => {
    const pick = pickFromRun(dir, { constraint: [] });
    expect(pick.row.index).toBe('2');
    expect(pick.overrides).toEqual({ 'xbar.rows': 128, 'adc.bits': 6 });
    expect(pick.frontRows).toBe(5);
    expect(pickHeadline('run', pick)).toBe('run: knee (largest trade-off): index 2; front: 5 rows, 5 distinct designs, from 5 feasible rows of 6 evaluations');
  });

  it('a constraint on a simulator metric the run has no column for says why (on-demand metrics: only in runs that read them)', () => {
    expect(() => pickFromRun(dir, { constraint: [parseCondition('macErrorMax_rms <= 0.3')] })).toThrow(
      '--constraint: "macErrorMax_rms" is not a column of evaluations.csv (the run computed only the metrics its objectives, constraints and study read: add it to the space and search again)');
    expect(() => pickFromRun(dir, { constraint: [parseCondition('acuracy >= 0.9')] })).toThrow('--constraint: "acuracy" is not a column of evaluations.csv (did you mean "accuracy"?)');
  });

  it('a constraint filters rows before the front is taken', () => {
    const pick = pickFromRun(dir, { constraint: [parseCondition('accuracy >= 0.95')], lexicographic: 'energy' });
    expect(pick.row.index).toBe('3');
    expect(pickHeadline('run', pick)).toBe('run: lexicographic energy: index 3; front: 2 rows, 2 distinct designs, from 2 feasible rows meeting the constraints of 6 evaluations');
  });

  it('weights by objective name; unknown names are refused', () => {
    expect(pickFromRun(dir, { constraint: [], weights: 'energy=1' }).row.index).toBe('0');
    expect(() => pickFromRun(dir, { constraint: [], weights: 'enrgy=1' })).toThrow(/did you mean "energy"/);
    // A name the objective begins with is suggested too (as in space files: energy for energy_pJ).
    expect(() => pickFromRun(dir, { constraint: [], weights: 'ener=1' })).toThrow(/did you mean "energy"/);
    // Number() read these as 16, 0 and 0: a weight is a decimal number.
    // 1e999 overflows to Infinity: refused as not finite (the message said only "non-negative", which it is).
    for (const w of ['energy=0x10', 'energy= ', 'energy=Infinity', 'energy=1e999', 'energy=-1']) {
      expect(() => pickFromRun(dir, { constraint: [], weights: w })).toThrow(`--weights: got "${w}", expected objective=weight with a finite non-negative weight`);
    }
  });

  it('weights that do not sum to 1 are scaled, with a note naming the weights used', () => {
    expect(pickFromRun(dir, { constraint: [], weights: 'energy=0.5,loss=0.5' }).notes).toEqual([]);
    expect(pickFromRun(dir, { constraint: [], weights: 'energy=0.1,loss=0.9' }).notes).toEqual([]);
    const pick = pickFromRun(dir, { constraint: [], weights: 'energy=3,loss=1' });
    expect(pick.notes).toEqual(['--weights sum to 4, not 1: compared with the pseudo-weights (which sum to 1) as energy=0.75,loss=0.25']);
    expect(pick.row.index).toBe(pickFromRun(dir, { constraint: [], weights: 'energy=0.75,loss=0.25' }).row.index);
  });

  it('no row meeting the constraints: each unmet one is named with the best value a feasible row reaches', () => {
    // Row 5 (energy 0.1, loss 0.1) is infeasible: the least energy of the feasible rows is 0, the nearest loss to 0.5 is 0.2.
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('energy < 0'), parseCondition('loss == 0.5')] })))
      .toBe('--constraint "energy < 0": no feasible row meets it (the least energy of the 5 feasible rows is 0); '
        + '--constraint "loss == 0.5": no feasible row meets it (the nearest loss of the 5 feasible rows is 0.2)');
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('loss >= 6')] })))
      .toBe('--constraint "loss >= 6": no feasible row meets it (the greatest loss of the 5 feasible rows is 5)');
    // Each met alone, none together: how many rows meet each.
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('accuracy >= 0.99'), parseCondition('energy <= 1')] })))
      .toBe('--constraint: no row of the 5 feasible rows meets all 2 together, expected at least one to pick from '
        + '(rows meeting each alone: --constraint "accuracy >= 0.99": 1, --constraint "energy <= 1": 3)');
  });

  it('the CLI writes the config file', async () => {
    const { register } = await import('../../../src/cli/commands/pick.js');
    const { Command } = await import('commander');
    const program = new Command().exitOverride();
    register(program);
    const out = join(dir, 'mine.json');
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = ((s: string) => {
      printed += s;
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'cosearch', 'pick', dir, '--out', out]);
    } finally {
      process.stdout.write = write;
    }
    // The overrides, and where they came from (skipped by evaluate --config).
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ 'xbar.rows': 128, 'adc.bits': 6, $pickedFrom: { run: dir, index: 2, state: 'completed', evaluations: 6 } });
    expect(printed).toMatch(/cosearch evaluate --network mlp-mnist --config/);
  });

  it('refuses a constraint outside its metric\'s range as a space\'s constraint is, not finding no design', () => {
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('accuracy >= 95')] })))
      .toBe('--constraint: got "accuracy >= 95", expected a bound accuracy can meet (accuracy is a fraction in [0, 1]: 0.95 for 95%)');
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('accuracy > 1')] })))
      .toBe('--constraint: got "accuracy > 1", expected a bound accuracy can meet (accuracy is a fraction in [0, 1])');
    expect(pickFromRun(dir, { constraint: [parseCondition('accuracy <= 1')] }).row.index).toBe('2');
    // Contradictory bounds on one metric: refused as a space's pair is, not "no feasible row meets the constraints".
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('accuracy >= 0.95'), parseCondition('accuracy <= 0.9')] })))
      .toBe('--constraint: got "accuracy <= 0.9", expected a bound no other constraint contradicts (--constraint "accuracy >= 0.95": no design can meet both)');
    expect(refusal(() => pickFromRun(dir, { constraint: [parseCondition('accuracy < 0.9'), parseCondition('accuracy > 0.9')] })))
      .toBe('--constraint: got "accuracy > 0.9", expected a bound no other constraint contradicts (--constraint "accuracy < 0.9": no design can meet both)');
    expect(pickFromRun(dir, { constraint: [parseCondition('accuracy >= 0.98'), parseCondition('accuracy <= 0.98')] }).row.index).toBe('3');
  });

  it('a multi-network run: the network goes on --network, not into the config (evaluate --config refuses it)', () => {
    const multi = mkdtempSync(join(tmpdir(), 'cosearch-pick-networks-'));
    writeFileSync(join(multi, 'manifest.json'), JSON.stringify({
      ...JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
      network: ['mlp-mnist', 'cnn-mnist'],
      parameters: [
        { name: 'network', path: 'network', targets: ['network'], values: ['mlp-mnist', 'cnn-mnist'] },
        { name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [4, 6] },
      ],
    }));
    writeFileSync(join(multi, 'evaluations.csv'), 'index,network,adc.bits,energy,loss,feasible\n0,mlp-mnist,4,1,2,true\n1,cnn-mnist,6,2,1,true\n');
    const pick = pickFromRun(multi, { constraint: [], lexicographic: 'loss' });
    expect(pick.network).toBe('cnn-mnist');
    expect(pick.overrides).toEqual({ 'xbar.rows': 128, 'adc.bits': 6 });
    // A condition on a text column is the flag's mistake: not blamed on a cell of the run's CSV.
    expect(refusal(() => pickFromRun(multi, { constraint: [parseCondition('network == 1')] })))
      .toBe('--constraint: got "network == 1", expected a condition on a numeric column ("network" holds text in evaluations.csv)');
    expect(refusal(() => pickFromRun(multi, { constraint: [parseCondition('feasible == 1')] })))
      .toBe('--constraint: got "feasible == 1", expected a condition on a numeric column ("feasible" holds text in evaluations.csv)');
  });

  it('picks no knee on a front of two distinct designs (as the report marks none) and says so', () => {
    const twins = mkdtempSync(join(tmpdir(), 'cosearch-pick-twins-'));
    writeFileSync(join(twins, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    // Five front rows, two distinct objective vectors.
    writeFileSync(join(twins, 'evaluations.csv'), 'index,adc.bits,energy,loss,feasible\n0,4,1,2,true\n1,5,2,1,true\n2,6,1,2,true\n3,7,2,1,true\n4,8,2,1,true\n');
    const pick = pickFromRun(twins, { constraint: [] });
    expect(pick.row.index).toBe('0');
    expect(pickHeadline('run', pick)).toBe('run: no knee (the front has 2 distinct designs, a knee needs 3): the first front row: index 0; front: 5 rows, 2 distinct designs, from 5 feasible rows of 5 evaluations');
    expect(pickHeadline('run', pickFromRun(twins, { constraint: [], knee: true }))).toBe(pickHeadline('run', pick));
  });

  it('counts a knee front\'s rows and its distinct designs apart: twins are two rows of one design', () => {
    const twins = mkdtempSync(join(tmpdir(), 'cosearch-pick-knee-twins-'));
    writeFileSync(join(twins, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    // Five front rows, four distinct objective vectors (rows 1 and 2 equal in both), one dominated row.
    writeFileSync(join(twins, 'evaluations.csv'), 'index,adc.bits,energy,loss,feasible\n0,4,1,8,true\n1,5,2,3,true\n2,6,2,3,true\n3,7,3,2,true\n4,8,8,1,true\n5,3,9,9,true\n');
    const pick = pickFromRun(twins, { constraint: [] });
    expect([pick.frontRows, pick.frontDesigns]).toEqual([5, 4]);
    expect(pickHeadline('run', pick)).toBe('run: knee (largest trade-off): index 1; front: 5 rows, 4 distinct designs, from 6 feasible rows of 6 evaluations');
  });

  it('drops a leading UTF-8 BOM of evaluations.csv, as report and pareto do (the first column is "index", not "\\ufeffindex")', () => {
    const bom = mkdtempSync(join(tmpdir(), 'cosearch-pick-bom-'));
    writeFileSync(join(bom, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    writeFileSync(join(bom, 'evaluations.csv'), `\ufeff${readFileSync(join(dir, 'evaluations.csv'), 'utf8')}`);
    const pick = pickFromRun(bom, { constraint: [parseCondition('index <= 1')] });
    expect(pickHeadline('run', pick)).toBe('run: no knee (the front has 2 distinct designs, a knee needs 3): the first front row: index 0; front: 2 rows, 2 distinct designs, from 2 feasible rows meeting the constraints of 6 evaluations');
  });

  it('reads feasible as report and pareto do: pandas\' True counts, "maybe" is refused by row and column', () => {
    const pandas = mkdtempSync(join(tmpdir(), 'cosearch-pick-pandas-'));
    writeFileSync(join(pandas, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    writeFileSync(join(pandas, 'evaluations.csv'), 'index,adc.bits,energy,loss,feasible\n0,4,1,2,True\n1,5,2,1,TRUE\n2,6,0,0,False\n');
    expect(pickHeadline('run', pickFromRun(pandas, { constraint: [] }))).toBe('run: no knee (the front has 2 distinct designs, a knee needs 3): the first front row: index 0; front: 2 rows, 2 distinct designs, from 2 feasible rows of 3 evaluations');
    writeFileSync(join(pandas, 'evaluations.csv'), 'index,adc.bits,energy,loss,feasible\n0,4,1,2,true\n1,5,2,1,maybe\n');
    expect(refusal(() => pickFromRun(pandas, { constraint: [] }))).toBe(`${join(pandas, 'evaluations.csv')}: row 2: feasible: got "maybe", expected one of true, false, 1, 0 (true and false in any case; empty is false)`);
  });

  it('refuses an objective or constraint cell that is not a number, as the report does', () => {
    const bad = mkdtempSync(join(tmpdir(), 'cosearch-pick-cell-'));
    writeFileSync(join(bad, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    for (const [column, cell] of [['energy', '0x10'], ['loss', ' 1'], ['accuracy', '  ']] as const) {
      const k = rows[0].indexOf(column);
      writeFileSync(join(bad, 'evaluations.csv'), rows.map((r, i) => (i === 2 ? r.map((c, j) => (j === k ? cell : c)) : r).join(',')).join('\n') + '\n');
      expect(refusal(() => pickFromRun(bad, { constraint: [parseCondition('accuracy >= 0.5')] })))
        .toBe(`${join(bad, 'evaluations.csv')}: row 2: ${column}: got ${JSON.stringify(cell)}, expected a number`);
    }
  });
});
