import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { configOverrides, canonicalKey, gridPoint } from '../../../src/search/space/assign.js';
import { loadSpace, parseSpace, spaceSize } from '../../../src/search/space/parse.js';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import type { SpaceContext } from '../../../src/search/index.js';
import { spaceProblems } from './problems.js';
import { STRATEGIES } from '../../../src/search/strategies/registry.js';

const context: SpaceContext = simulatorSpaceContext({
  metrics: ['energy_uJ', 'latency_ms', 'area_mm2', 'accuracy'],
  weightLayers(network) {
    if (network !== 'tiny') throw new ConfigError(`unknown network "${network}"`);
    return ['conv1', 'conv2', 'fc'];
  },
});
const valid = {
  name: 'demo',
  network: 'tiny',
  base: { 'adc.kind': 'sar', snn: { timesteps: 2 } },
  parameters: {
    'device.bitsPerCell': [1, 2, 4],
    'adc.bits': { min: 3, max: 7, step: 2 },
    'device.rOn_ohm': { min: 1e4, max: 1e6, count: 3, scale: 'log' },
  },
  objectives: ['energy_uJ:min', { metric: 'accuracy', sense: 'max' }],
  constraints: ['area_mm2 <= 10', { metric: 'accuracy', min: 0.5 }],
  strategy: { name: 'nsga2', populationSize: 8, generations: 3 },
  seed: 7,
  budget: { evaluations: 24 },
};
/** The problems reported for `valid` with `patch` applied (undefined values delete the field). */
function problems(patch: Record<string, unknown>): readonly string[] {
  const raw: Record<string, unknown> = { ...valid, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete raw[k];
  return spaceProblems(raw, context);
}

describe('parseSpace', () => {
  it('expands lists, integer ranges with step and log ranges; flattens the base', () => {
    const space = parseSpace(valid, context, { file: 's.json' });
    expect(space.variables.map((v) => [v.name, v.values])).toEqual([
      ['device.bitsPerCell', [1, 2, 4]],
      ['adc.bits', [3, 5, 7]],
      ['device.rOn_ohm', [1e4, 1e5, 1e6]],
    ]);
    expect(space.base).toEqual({ 'adc.kind': 'sar', 'snn.timesteps': 2 });
    expect(space.objectives).toEqual([{ metric: 'energy_uJ', sense: 'min' }, { metric: 'accuracy', sense: 'max' }]);
    expect(space.constraints).toEqual([{ metric: 'area_mm2', max: 10 }, { metric: 'accuracy', min: 0.5 }]);
    expect(space.strategy).toEqual({ name: 'nsga2', settings: { populationSize: 8, generations: 3 } });
    expect(space.seed).toBe(7);
    expect(spaceSize(space)).toBe(27);
  });

  it('rounds log-spaced integer parameters and drops the duplicates rounding makes', () => {
    // (Without valid's base: it fixes snn.timesteps, which a space cannot also search.)
    const space = parseSpace({ ...valid, base: {}, parameters: { 'snn.timesteps': { min: 1, max: 8, count: 4, scale: 'log' } } }, context);
    expect(space.variables[0].values).toEqual([1, 2, 4, 8]);
    const dense = parseSpace({ ...valid, base: {}, parameters: { 'snn.timesteps': { min: 1, max: 2, count: 5, scale: 'log' } } }, context);
    expect(dense.variables[0].values).toEqual([1, 2]);
  });

  it('expands per-layer parameters into one variable per weight layer, groups into one per group', () => {
    const space = parseSpace(
      {
        ...valid,
        parameters: {
          'adc.bits': { values: [4, 6], perLayer: true },
          'crossbar.size': { values: [64, 128], groups: { front: ['conv1', 'conv2'], back: ['fc'] } },
        },
      },
      context,
    );
    expect(space.variables.map((v) => [v.name, v.targets])).toEqual([
      ['layers.conv1.adc.bits', ['layers.conv1.adc.bits']],
      ['layers.conv2.adc.bits', ['layers.conv2.adc.bits']],
      ['layers.fc.adc.bits', ['layers.fc.adc.bits']],
      ['groups.front.crossbar.size', ['layers.conv1.crossbar.size', 'layers.conv2.crossbar.size']],
      ['groups.back.crossbar.size', ['layers.fc.crossbar.size']],
    ]);
    expect(spaceSize(space)).toBe(2 ** 5);
    expect(configOverrides(space, [4, 6, 4, 128, 64])).toEqual({
      'adc.kind': 'sar',
      'snn.timesteps': 2,
      'layers.conv1.adc.bits': 4,
      'layers.conv2.adc.bits': 6,
      'layers.fc.adc.bits': 4,
      'layers.conv1.crossbar.size': 128,
      'layers.conv2.crossbar.size': 128,
      'layers.fc.crossbar.size': 64,
    });
  });

  it('enumerates grid points last variable fastest; canonical keys ignore key order', () => {
    const space = parseSpace(valid, context);
    expect(gridPoint(space.variables, 0)).toEqual([1, 3, 1e4]);
    expect(gridPoint(space.variables, 1)).toEqual([1, 3, 1e5]);
    expect(gridPoint(space.variables, 26)).toEqual([4, 7, 1e6]);
    expect(canonicalKey({ b: 1, a: 'x' })).toBe(canonicalKey({ a: 'x', b: 1 }));
    expect(canonicalKey({ a: 1 })).not.toBe(canonicalKey({ a: 2 }));
  });

  it('names the file, the field and the expectation for each mistake, one line each', () => {
    expect(problems({ network: 'nope' })).toEqual(['s.json: network: unknown network "nope"']);
    expect(problems({ extra: 1 })).toEqual([
      's.json: extra: got "extra", expected a known field (name, description, network, base, parameters, objectives, constraints, strategy, seed, budget, study, lazy)',
    ]);
    expect(problems({ parameters: { 'adc.bitz': [1] } })).toEqual([
      's.json: parameters.adc.bitz: unknown parameter "adc.bitz" (did you mean "adc.bits"?) (see `cosearch list parameters`)',
    ]);
    expect(problems({ parameters: { 'adc.bits': [4, 13] } })).toEqual([
      's.json: parameters.adc.bits: adc.bits: got 13, expected an integer in [1, 12] (bit)',
    ]);
    expect(problems({ parameters: { 'crossbar.size': [64, 100] } })).toEqual([
      's.json: parameters.crossbar.size: crossbar.size: got 100, expected one of 8, 16, 32, 64, 128, 256, 512, 1024 (rows=cols)',
    ]);
    expect(problems({ parameters: { 'adc.bits': { min: 3, max: 7, step: 0.5 } } })).toEqual([
      's.json: parameters.adc.bits.step: got 0.5, expected an integer (this parameter is an integer)',
    ]);
    expect(problems({ parameters: { 'adc.bits': { min: 7, max: 3 } } })).toEqual([
      's.json: parameters.adc.bits.max: got 3, expected a number >= min (7)',
    ]);
    // A range past the parameter's allowed values: one line naming min or max, not one per generated value.
    expect(problems({ parameters: { 'adc.bits': { min: 2, max: 20 } } })).toEqual([
      's.json: parameters.adc.bits.max: got 20, expected at most 12',
    ]);
    expect(problems({ parameters: { 'adc.bits': { min: 0, max: 13 }, 'device.rOn_ohm': { min: 1, max: 1e9, count: 20, scale: 'log' } } })).toEqual([
      's.json: parameters.adc.bits.min: got 0, expected at least 1',
      's.json: parameters.adc.bits.max: got 13, expected at most 12',
      's.json: parameters.device.rOn_ohm.min: got 1, expected at least 1000',
      's.json: parameters.device.rOn_ohm.max: got 1000000000, expected at most 10000000',
    ]);
    expect(problems({ parameters: { 'device.readVoltage_V': { min: 0, max: 0.4, step: 0.2 } } })).toEqual([
      's.json: parameters.device.readVoltage_V.min: got 0, expected more than 0.02',
    ]);
    expect(problems({ parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e6, scale: 'log' } } })).toEqual([
      's.json: parameters.device.rOn_ohm.count: got nothing, expected an integer >= 1 (number of log-spaced values)',
    ]);
    // A range that would search its min alone: its max silently dropped.
    expect(problems({ parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e6, scale: 'log', count: 1 }, 'adc.bits': { min: 3, max: 6, step: 10 } } })).toEqual([
      's.json: parameters.device.rOn_ohm.count: got 1, expected an integer >= 2 for a range from 10000 to 1000000 (count 1 gives 10000 alone)',
      's.json: parameters.adc.bits.step: got 10, expected a step <= max - min (3): this one gives 3 alone',
    ]);
    expect(problems({ parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e4, scale: 'log', count: 1 }, 'adc.bits': { min: 3, max: 6, step: 3 } } })).toEqual([]);
    // A count past the limit is refused before anything is built (1e9 used to expand for minutes, deaf to SIGTERM).
    expect(problems({ parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e6, scale: 'log', count: 1e9 } } })).toEqual([
      's.json: parameters.device.rOn_ohm.count: got 1000000000, expected at most 10000 (log-spaced values per parameter)',
    ]);
    expect(problems({ parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e6, scale: 'log', count: 10000 } } })).toEqual([]);
    // 0.3 - 0.1 is 0.19999999999999998 in floating point: the step 0.2 still gives 0.1 and 0.3.
    expect(problems({ parameters: { 'snn.spikeRate': { min: 0.1, max: 0.3, step: 0.2 } } })).toEqual([]);
    // A range field beside values did nothing (the values won): each is refused, named.
    expect(problems({ parameters: { 'adc.bits': { values: [3, 4, 6], step: 2 }, 'device.rOn_ohm': { values: [1e4, 1e6], count: 4, scale: 'log' } } })).toEqual([
      's.json: parameters.adc.bits: give either values or a range (step), not both',
      's.json: parameters.device.rOn_ohm: give either values or a range (count, scale), not both',
    ]);
    expect(problems({ parameters: { 'adc.bits': { values: [3, 4], min: 3, max: 4 } } })).toEqual([
      's.json: parameters.adc.bits: give either values or a range (min, max), not both',
    ]);
    expect(problems({ parameters: { 'snn.timesteps': { values: [1, 2], perLayer: true } } })).toEqual([
      's.json: parameters.snn.timesteps: this parameter cannot be set per layer (per-layer parameters: see `cosearch list parameters`)',
    ]);
    expect(problems({ parameters: { 'adc.bits': { values: [4], groups: { a: ['conv1', 'conv9'] } } } })).toEqual([
      's.json: parameters.adc.bits.groups.a: got "conv9", expected a weight layer of the network (conv1, conv2, fc) (did you mean "conv1"?)',
    ]);
    expect(problems({ parameters: { 'adc.bits': [4, 4] } })).toEqual(['s.json: parameters.adc.bits: value 4 appears twice']);
    expect(problems({ objectives: ['power:min'] })).toEqual([
      's.json: objectives[0].metric: got "power", expected a metric name (energy_uJ, latency_ms, area_mm2, accuracy)',
    ]);
    expect(problems({ objectives: ['energy:min', 'area_mm2:min'], constraints: ['latency <= 5'] })).toEqual([
      's.json: objectives[0].metric: got "energy", expected a metric name (did you mean "energy_uJ"?)',
      's.json: constraints[0].metric: got "latency", expected a metric name (did you mean "latency_ms"?)',
    ]);
    expect(problems({ objectives: ['energy_uJ:down'] })).toEqual(['s.json: objectives[0].sense: got "down", expected "min" or "max"']);
    expect(problems({ objectives: [] })).toEqual([
      's.json: objectives: got [], expected a non-empty list of objectives, each "metric:min", "metric:max" or {"metric", "sense", "reference"?}',
    ]);
    expect(problems({ constraints: ['area_mm2 < 10'] })).toEqual([
      's.json: constraints[0]: got "area_mm2 < 10", expected a list of constraints, each "metric >= number", "metric <= number" or {"metric", "min"?, "max"?}',
    ]);
    // A bound is decimal text (Number() read 0x10 as 16 and Infinity as no bound at all).
    expect(problems({ constraints: ['area_mm2 <= 0x10', 'accuracy >= Infinity'] })).toEqual([
      's.json: constraints[0]: got "area_mm2 <= 0x10", expected a numeric bound after >= or <=',
      's.json: constraints[1]: got "accuracy >= Infinity", expected a numeric bound after >= or <=',
    ]);
    expect(problems({ strategy: { name: 'annealing' } })).toEqual([`s.json: strategy.name: got "annealing", expected one of ${STRATEGIES.names.join(', ')}`]);
    // The name names the run folder: 300 characters passed validate, then search's mkdir failed (exit 2).
    expect(problems({ name: 'a'.repeat(201) })).toEqual(['s.json: name: got "aaaaaaaaaaaa... (201 characters)", expected a name of at most 200 characters (it names the run folder)']);
    expect(problems({ name: 'a'.repeat(200) })).toEqual([]);
    // "." and ".." passed and named the run folder results/.-<timestamp> (hidden); "-x" would read as an option.
    for (const name of ['.', '..', '.hidden', '-x']) {
      expect(problems({ name })).toEqual([`s.json: name: got ${JSON.stringify(name)}, expected a name starting with a letter, a digit or "_" (it names the run folder results/<name>-<timestamp>)`]);
    }
    expect(problems({ name: 'a/b' })).toEqual(['s.json: name: got "a/b", expected a name of letters, digits, "-", "_" or "."']);
    expect(problems({ name: 'a\u0000' })).toEqual(['s.json: name: got "a\\u0000", expected a name of letters, digits, "-", "_" or "."']);
    expect(problems({ name: '_v1.2-x' })).toEqual([]);
    expect(problems({ strategy: { name: 'nsga2', popSize: 4 } })[0]).toMatch(/^s\.json: strategy\.popSize: got "popSize", expected a setting of nsga2 \(populationSize, /);
    expect(problems({ strategy: { name: 'nsga2', populationSize: 1.5 } })).toEqual(['s.json: strategy.populationSize: got 1.5, expected an integer in [2, 100000]']);
    expect(problems({ strategy: { name: 'nsga2', survival: 'elitist' } })).toEqual(['s.json: strategy.survival: got "elitist", expected "crowding" (textbook NSGA-II) or "iterative-crowding"']);
    // IDEA's share keeps infeasible designs: with no constraint there are none, and it did nothing, silently.
    expect(problems({ constraints: undefined, strategy: { name: 'nsga2', infeasibleShare: 0.2 } })).toEqual([
      's.json: strategy.infeasibleShare: got 0.2, expected 0 or no setting in a space without constraints (the share keeps places for infeasible designs; there are none)',
    ]);
    expect(problems({ constraints: undefined, strategy: { name: 'nsga2', infeasibleShare: 0 } })).toEqual([]);
    expect(problems({ strategy: { name: 'nsga2', infeasibleShare: 0.2 } })).toEqual([]);
    expect(parseSpace({ ...valid, strategy: { name: 'nsga2', survival: 'iterative-crowding' } }, context).strategy.settings.survival).toBe('iterative-crowding');
    expect(problems({ strategy: { name: 'evolve' } })).toEqual([
      's.json: strategy.weights: got nothing, expected 2 numbers, one per objective (evolve optimises their weighted sum)',
    ]);
    expect(problems({ strategy: { name: 'evolve', weights: [1, 2] } })).toEqual([]);
    expect(problems({ seed: -1 })).toEqual(['s.json: seed: got -1, expected an integer in [0, 9007199254740991] (2^53 - 1)']);
    expect(problems({ budget: { evaluations: 0 } })).toEqual(['s.json: budget.evaluations: got 0, expected an integer >= 1']);
    // Beyond 2^53 - 1 (rounded) and as the run manifest reads it back: 2^60 ran into a manifest the report refused.
    expect(problems({ budget: { evaluations: 2 ** 60 } })).toEqual([`s.json: budget.evaluations: got ${2 ** 60}, expected an integer >= 1 up to 2^53 - 1 = 9007199254740991 (above it, numbers no longer hold every integer)`]);
    expect(problems({ budget: { time_s: 0 } })).toEqual(['s.json: budget.time_s: got 0, expected a number > 0 (seconds)']);
    expect(problems({ base: { 'device.bitsPerCell': 9 } })).toEqual([
      's.json: base.device.bitsPerCell: device.bitsPerCell: got 9, expected an integer in [1, 8] (bit)',
    ]);
    expect(problems({ strategy: 'grid', budget: { evaluations: 10 } })).toEqual([
      's.json: budget.evaluations: the grid has 27 points but the budget allows 10: raise budget.evaluations, shrink the parameter lists, or use strategy nsga2/random',
    ]);
  });

  it('reports every mistake of a file at once', () => {
    expect(problems({ seed: 'x', objectives: ['power:min'], network: 'nope' })).toHaveLength(3);
  });

  it('reads YAML and JSON files; a syntax error names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'space-'));
    const yamlFile = join(dir, 'y.yaml');
    writeFileSync(
      yamlFile,
      'network: tiny\nparameters:\n  adc.bits: [4, 5]\nobjectives: [energy_uJ:min]\nstrategy: {name: grid}\n',
    );
    const space = loadSpace(yamlFile, context);
    expect(space.name).toBe('y');
    expect(space.variables[0].values).toEqual([4, 5]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "network": ');
    expect(() => loadSpace(bad, context)).toThrow(/bad\.json: not valid JSON: /);
    expect(() => loadSpace(join(dir, 'missing.json'), context)).toThrow(/missing\.json: no such file/);
  });
});

describe('the run\'s command-line overrides at parse time', () => {
  const randomWithoutBudget = { ...valid, strategy: { name: 'random' }, budget: undefined };
  const source = (runOverrides?: { strategy?: string; budget?: number }) => ({ file: 's.json', ...(runOverrides ? { runOverrides } : {}) });
  it('--budget completes a random search whose file has none; --strategy grid needs none; without them the file is refused', () => {
    expect(() => parseSpace(randomWithoutBudget, context, source())).toThrow(
      's.json: budget: got no budget, expected budget.evaluations, budget.time_s or strategy.generations (random search stops on a budget)');
    expect(parseSpace(randomWithoutBudget, context, source({ budget: 300 })).strategy.name).toBe('random');
    expect(parseSpace(randomWithoutBudget, context, source({ strategy: 'grid' })).strategy.name).toBe('random');
    // The same strategy named again is no change: the file's pair is checked with the flag's budget, if any.
    expect(() => parseSpace(randomWithoutBudget, context, source({ strategy: 'random' }))).toThrow(/random search stops on a budget/);
  });
});
