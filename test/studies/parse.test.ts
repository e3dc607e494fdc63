/** Validation of a space's study section: every mistake on its own line, `<file>: study.<field>: got ..., expected ...`. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { parseSpace, SpaceError } from '../../src/search/space/parse.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import type { SpaceContext } from '../../src/search/index.js';
import { studyMetrics } from '../../src/studies/index.js';

const context: SpaceContext = simulatorSpaceContext({
  metrics: ['energy_pJ', 'latency_ns', 'area_mm2', 'accuracy', 'breakdown.energy_pJ.adc', 'breakdown.energy_pJ.crossbar'],
  weightLayers(network) {
    if (network !== 'tiny' && network !== 'other') throw new ConfigError(`unknown network "${network}"`);
    return ['conv1', 'fc'];
  },
});
const study = {
  title: 'T sweep',
  source: 'paper, Fig. 8',
  derived: { mac_pJ: 'breakdown.energy_pJ.adc + breakdown.energy_pJ.crossbar', macShare: 'mac_pJ / energy_pJ' },
  figures: [{ name: 'edp', x: 'snn.timesteps', y: ['mac_pJ', 'energy_pJ'], series: 'network', reduce: { best: 'energy_pJ', sense: 'min' }, log: 'y' }],
  expect: [
    { metric: 'energy_pJ', along: 'snn.timesteps', trend: 'increasing' },
    { metric: 'macShare', within: [0.7, 0.9], required: false, note: 'about 80%' },
    { metric: 'energy_pJ', of: { 'snn.timesteps': 4 }, to: { 'snn.timesteps': 1 }, within: [3.9, 4.1] },
    { argmax: 'accuracy', over: 'snn.timesteps', at: [4, 8], where: { network: 'tiny' } },
  ],
  compare: {
    baseline: { 'snn.timesteps': 4 }, candidate: { 'snn.timesteps': 1 }, by: ['network'],
    metrics: ['energy_pJ', { metric: 'accuracy', as: 'difference', paper: [-0.05, 0] }],
  },
};
const space = (s: unknown) => ({
  network: ['tiny', 'other'],
  parameters: { 'snn.timesteps': [1, 4, 8] },
  objectives: ['energy_pJ:min'],
  strategy: 'grid',
  study: s,
});
function problems(s: unknown): readonly string[] {
  try {
    parseSpace(space(s), context, { file: 's.json' });
  } catch (error) {
    expect(error).toBeInstanceOf(SpaceError);
    return (error as SpaceError).problems;
  }
  return [];
}

describe('study section', () => {
  it('a valid study parses to its normalised form and names the metrics it reads', () => {
    const parsed = parseSpace(space(study), context, { file: 's.json' });
    expect(parsed.studySpec).toEqual(study);
    const s = parsed.study!;
    expect(s.figures[0]).toMatchObject({ y: ['mac_pJ', 'energy_pJ'], reduce: { kind: 'best', by: 'energy_pJ', sense: 'min', feasible: false } });
    expect(s.expect.map((e) => e.kind)).toEqual(['trend', 'within', 'ratio', 'argmax']);
    expect(s.expect[1]).toMatchObject({ min: 0.7, max: 0.9, required: false });
    expect(s.compare[0]).toMatchObject({ by: ['network'], match: ['network'], metrics: [
      { metric: 'energy_pJ', as: 'ratio', sense: 'min' }, { metric: 'accuracy', as: 'difference', sense: 'max', paper: [-0.05, 0] }] });
    expect(studyMetrics(s, context.metrics).sort()).toEqual(['accuracy', 'breakdown.energy_pJ.adc', 'breakdown.energy_pJ.crossbar', 'energy_pJ']);
  });

  it('reports each mistake on one line naming the field', () => {
    expect(problems({ ...study, title: 3, colour: 'red' })).toEqual([
      's.json: study.colour: got "colour", expected a known field (title, source, description, derived, figures, expect, compare)',
      's.json: study.title: got 3, expected a title (text)',
    ]);
    expect(problems({ ...study, derived: { ...study.derived, energy_pJ: 'x', bad: 'adc +', odd: 'nope * 2' } })).toEqual([
      's.json: study.derived.energy_pJ: got "energy_pJ", expected a new name (letters, digits, "_", "."; not an existing column)',
      's.json: study.derived.bad: got "adc +", expected an expression of columns, numbers, + - * / and parentheses (the expression ends early)',
      expect.stringMatching(/^s\.json: study\.derived\.odd: got "nope", expected a column: a searched parameter, a metric or an earlier derived name \(parameters: network, snn\.timesteps; metrics: energy_pJ, latency_ns, area_mm2, accuracy, breakdown\.<quantity>\.<component>\)$/),
    ]);
    const figure = problems({ ...study, figures: [{ name: 'a b', x: 'adc.bitz', y: [], log: 'z', stack: true, series: 'network', reduce: { best: 'energy_pJ', sense: 'up' } }] });
    expect(figure[0]).toBe('s.json: study.figures[0].name: got "a b", expected a name of letters, digits, "-" or "_" (the file study-<name>.svg)');
    expect(figure[1]).toMatch(/^s\.json: study\.figures\[0\]\.x: got "adc\.bitz", expected a column: a searched parameter, network, a metric or a derived name/);
    expect(figure.slice(2)).toEqual([
      's.json: study.figures[0].y: got [], expected a metric or a non-empty list of metrics',
      's.json: study.figures[0].reduce.sense: got "up", expected "min" or "max"',
      's.json: study.figures[0].log: got "z", expected "x", "y" or "xy"',
      's.json: study.figures[0].series: a stacked figure colours its bars by metric: give no series (use facet)',
    ]);
  });

  it('refuses a selection of a value the space never gives its column (it would select no row, found only after the run)', () => {
    expect(problems({ ...study, expect: [{ metric: 'energy_pJ', of: { 'snn.timesteps': 2 }, to: { 'snn.timesteps': 1 }, within: [1, 3] },
      { argmax: 'accuracy', over: 'snn.timesteps', at: [4, 16] }], figures: [{ ...study.figures[0], where: { network: 'resnet' } }] })).toEqual([
      's.json: study.figures[0].where.network: got "resnet", expected one of the space\'s values of network ("tiny", "other"): another selects no row',
      's.json: study.expect[0].of.snn.timesteps: got 2, expected one of the space\'s values of snn.timesteps (1, 4, 8): another selects no row',
      's.json: study.expect[1].at: got 16, expected one of the space\'s values of snn.timesteps (1, 4, 8): another selects no row',
    ]);
    // A log x axis over text values would be drawn ordinal, the log ignored: refused.
    expect(problems({ ...study, figures: [{ ...study.figures[0], x: 'network', series: undefined, log: 'xy' }] })).toEqual([
      's.json: study.figures[0].log: got "xy", expected "y" or none: x (network) holds text values, which have no log scale',
    ]);
    // Every value the space gives, in a list too: accepted.
    expect(problems({ ...study, figures: [{ ...study.figures[0], where: { 'snn.timesteps': [1, 8] } }] })).toEqual([]);
  });

  it('checks expectations and the comparison', () => {
    expect(problems({ ...study, expect: [{ metric: 'energy_pJ', along: 'snn.timesteps', trend: 'up' }, { metric: 'energy_pJ', within: [2, 1] }, { metric: 'x' }, 7] })).toEqual([
      's.json: study.expect[0].trend: got "up", expected "increasing", "decreasing", "nonincreasing", "nondecreasing"',
      's.json: study.expect[1].within: got [2,1], expected [min, max], two numbers with min <= max',
      's.json: study.expect[2]: got {"metric":"x"}, expected {metric, along, trend}, {metric, within: [min, max]}, {metric, of, to, within} or {argmin|argmax: metric, over, at}',
      's.json: study.expect[3]: got 7, expected {metric, along, trend}, {metric, within: [min, max]}, {metric, of, to, within} or {argmin|argmax: metric, over, at}',
    ]);
    expect(problems({ ...study, expect: [{ metric: 'energy_pJ', of: { 'snn.timesteps': 4 }, within: [1, 2], tolerance: 1 }] })).toEqual([
      's.json: study.expect[0].tolerance: got "tolerance", expected a known field (metric, of, to, within, note, where, per, reduce, required)',
      's.json: study.expect[0].to: got nothing, expected the denominator selection, an object of column: value',
    ]);
    expect(problems({ ...study, compare: { baseline: { 'snn.timesteps': 4 }, by: ['network'], match: ['snn.timesteps'], metrics: [{ metric: 'accuracy', as: 'percent' }] } })).toEqual([
      's.json: study.compare.candidate: got nothing, expected the candidate selection, an object of column: value',
      's.json: study.compare.match[0]: got "snn.timesteps", expected one of the "by" columns (network)',
      's.json: study.compare.metrics[0].as: got "percent", expected "ratio" (improvement) or "difference" (candidate - baseline)',
    ]);
    // A list of comparisons: each one's fields are named by its index.
    const list = parseSpace(space({ ...study, compare: [study.compare, { ...study.compare, title: 'second' }] }), context, { file: 's.json' }).study!;
    expect(list.compare.map((c) => c.title)).toEqual([undefined, 'second']);
    expect(problems({ ...study, compare: [study.compare, { ...study.compare, by: ['nope'] }] })).toEqual([
      expect.stringMatching(/^s\.json: study\.compare\[1\]\.by\[0\]: got "nope", expected a column/),
    ]);
    expect(parseSpace(space({ ...study, figures: [{ ...study.figures[0], where: { feasible: 1 } }] }), context, { file: 's.json' }).study!.figures[0].where).toEqual({ feasible: 1 });
    expect(parseSpace(space({ ...study, figures: [{ ...study.figures[0], where: [{ network: 'tiny' }, { 'snn.timesteps': [1, 4] }] }] }), context, { file: 's.json' })
      .study!.figures[0].where).toEqual([{ network: 'tiny' }, { 'snn.timesteps': [1, 4] }]);
    expect(problems({ ...study, figures: [{ ...study.figures[0], where: [{ network: 'tiny' }, { nope: 1 }] }] })).toEqual([
      expect.stringMatching(/^s\.json: study\.figures\[0\]\.where\[1\]\.nope: got "nope", expected a column/),
    ]);
    expect(problems({ title: 't', source: 's' })).toEqual(['s.json: study: a study needs at least one of figures, expect or compare']);
    expect(problems('fig 8')).toEqual(['s.json: study: got "fig 8", expected an object with title, source, figures and/or expect, compare']);
  });
});
