/** Malformed search spaces for the corpus: one mistake each on a valid space, and the field the message must name. */
import type { CorpusCase } from './types.js';

const VALID = { name: 'c', network: 'vgg16-cifar10', parameters: { 'adc.bits': [4, 5] }, objectives: ['energy_pJ:min'], strategy: 'grid' };

/** A space file `s.json` = VALID with `patch` (undefined deletes a field), validated; the message must name `field`. */
function space(id: string, patch: Record<string, unknown>, field: string): CorpusCase {
  const raw: Record<string, unknown> = { ...VALID, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete raw[k];
  return { id: `space: ${id}`, files: { 's.json': JSON.stringify(raw) }, args: ['validate', '$D/s.json'], field };
}
const file = (id: string, text: string, field: string, name = 's.json'): CorpusCase =>
  ({ id: `space file: ${id}`, files: { [name]: text }, args: ['validate', `$D/${name}`], field });

const perLayer10 = { 'adc.bits': { values: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11], perLayer: true } };

export const SPACE_CASES: readonly CorpusCase[] = [
  // The top level and its fields.
  file('a list', '[]', '(top level)'),
  file('a number', '42', '(top level)'),
  file('null', 'null', '(top level)'),
  file('a string', '"space"', '(top level)'),
  file('empty file', '', 'not valid JSON'),
  file('invalid JSON', '{"network": ', 'not valid JSON'),
  { ...file('a secret file', 'root:$6$hash:19000:0:99999:7:::\n', 'not valid JSON'), absent: 'hash' },
  { ...file('JSON quoting a secret', '{"network": oops-secret}', 'not valid JSON'), absent: 'secret' },
  file('JSON with an escape sequence', '{"network": \u001b[31m}', 'not valid JSON'),
  file('invalid YAML', 'network: [vgg16\n  - x: :', 'not valid YAML', 's.yaml'),
  { id: 'space file: missing', args: ['validate', '$D/none.json'], field: 'no such file' },
  { id: 'space file: a directory', files: { 'd/x.json': '{}' }, args: ['validate', '$D/d'], field: 'is a directory' },
  space('unknown field', { netwrk: 'x' }, 'netwrk'),
  space('name not a string', { name: 5 }, 'name'),
  space('name with a space', { name: 'a b' }, 'name'),
  space('empty name', { name: '' }, 'name'),
  space('name with an escape sequence', { name: 'a\u001b[31m' }, 'name'),
  space('description not a string', { description: 5 }, 'description'),
  // network
  space('no network', { network: undefined }, 'network'),
  space('network a number', { network: 5 }, 'network'),
  space('network an empty list', { network: [] }, 'network'),
  space('network an empty name', { network: [''] }, 'network[0]'),
  space('network a typo', { network: 'vgg16-cifar1' }, 'network'),
  space('network listed twice', { network: ['mlp-mnist', 'mlp-mnist'] }, 'network[1]'),
  space('network file missing', { network: 'nope.json' }, 'network'),
  // base
  space('base a number', { base: 5 }, 'base'),
  space('base a list', { base: [1] }, 'base'),
  space('base value out of range', { base: { 'adc.bits': 99 } }, 'base.adc.bits'),
  space('base unknown parameter', { base: { 'adc.bitz': 4 } }, 'base.adc.bitz'),
  space('base unknown choice', { base: { 'adc.kind': 'nope' } }, 'base.adc.kind'),
  space('base wrong type', { base: { 'device.kind': 5 } }, 'base.device.kind'),
  space('base layer conv99', { base: { 'layers.conv99.adc.bits': 4 } }, 'base.layers.conv99.adc.bits'),
  space('base layer 99', { base: { 'layers.99.adc.bits': 4 } }, 'base.layers.99.adc.bits'),
  space('base layer -1', { base: { 'layers.-1.adc.bits': 4 } }, 'base.layers.-1.adc.bits'),
  space('base pool layer', { base: { 'layers.pool1.adc.bits': 4 } }, 'base.layers.pool1.adc.bits'),
  space('base layer name with a trailing space', { base: { 'layers.conv1 .adc.bits': 4 } }, 'base.layers.conv1 .adc.bits'),
  space('base layer __proto__', { base: { 'layers.__proto__.adc.bits': 4 } }, 'base.layers.__proto__.adc.bits'),
  space('base nested layer conv99', { base: { layers: { conv99: { adc: { bits: 4 } } } } }, 'base.layers.conv99.adc.bits'),
  space('base layer for a global-only parameter', { base: { 'layers.conv1.snn.timesteps': 4 } }, 'base.layers.conv1.snn.timesteps'),
  // parameters
  space('no parameters', { parameters: undefined }, 'parameters'),
  space('parameters empty', { parameters: {} }, 'parameters'),
  space('parameters a number', { parameters: 5 }, 'parameters'),
  space('parameter unknown', { parameters: { 'adc.bitz': [1] } }, 'parameters.adc.bitz'),
  space('parameter values empty', { parameters: { 'adc.bits': [] } }, 'parameters.adc.bits'),
  space('parameter value out of range', { parameters: { 'adc.bits': [99] } }, 'parameters.adc.bits'),
  space('parameter range min > max', { parameters: { 'adc.bits': { min: 5, max: 1 } } }, 'parameters.adc.bits'),
  space('parameter step 0', { parameters: { 'adc.bits': { min: 1, max: 8, step: 0 } } }, 'parameters.adc.bits'),
  space('parameter perLayer not boolean', { parameters: { 'adc.bits': { values: [4], perLayer: 'yes' } } }, 'parameters.adc.bits.perLayer'),
  space('parameter range without max', { parameters: { 'adc.bits': { min: 1 } } }, 'parameters.adc.bits'),
  space('parameter a string', { parameters: { 'crossbar.size': 'big' } }, 'parameters.crossbar.size'),
  space('parameter unknown domain field', { parameters: { 'adc.bits': { values: [4], bogus: 1 } } }, 'parameters.adc.bits'),
  space('parameter count on a linear range', { parameters: { 'device.rOn_ohm': { min: 1e4, max: 1e6, count: 3 } } }, 'parameters.device.rOn_ohm'),
  space('parameter group member unknown', { parameters: { 'adc.bits': { values: [4, 5], groups: { g: ['conv99'] } } } }, 'parameters.adc.bits.groups.g'),
  space('parameter group empty', { parameters: { 'adc.bits': { values: [4, 5], groups: { g: [] } } } }, 'parameters.adc.bits.groups.g'),
  space('parameter perLayer and groups', { parameters: { 'adc.bits': { values: [4, 5], perLayer: true, groups: { g: ['conv1'] } } } }, 'parameters.adc.bits'),
  space('parameter per layer not allowed', { parameters: { 'snn.timesteps': { values: [2, 4], perLayer: true } } }, 'parameters.snn.timesteps'),
  space('parameter layer conv99', { parameters: { 'layers.conv99.adc.bits': [3, 4] } }, 'parameters.layers.conv99.adc.bits'),
  space('parameter layer pool1', { parameters: { 'layers.pool1.adc.bits': [3, 4] } }, 'parameters.layers.pool1.adc.bits'),
  space('parameter layer 99', { parameters: { 'layers.99.adc.bits': [3, 4] } }, 'parameters.layers.99.adc.bits'),
  space('parameter layer __proto__', { parameters: { 'layers.__proto__.adc.bits': [3, 4] } }, 'parameters.layers.__proto__.adc.bits'),
  space('parameter name with an escape sequence', { parameters: { 'adc.bits\u001b[31m': [4, 5] } }, 'parameters.adc.bits\\u001b[31m'),
  // objectives
  space('no objectives', { objectives: undefined }, 'objectives'),
  space('objectives empty', { objectives: [] }, 'objectives'),
  space('objectives a string', { objectives: 'energy_pJ:min' }, 'objectives'),
  space('objective without a sense', { objectives: ['energy_pJ'] }, 'objectives[0].sense'),
  space('objective with two senses', { objectives: ['energy_pJ:min:max'] }, 'objectives[0].sense'),
  space('objective metric unknown', { objectives: ['energy:min'] }, 'objectives[0].metric'),
  space('objective sense unknown', { objectives: ['energy_pJ:up'] }, 'objectives[0].sense'),
  space('objective object without sense', { objectives: [{ metric: 'energy_pJ' }] }, 'objectives[0].sense'),
  space('objective reference not a number', { objectives: [{ metric: 'energy_pJ', sense: 'min', reference: 'x' }] }, 'objectives[0].reference'),
  space('objective twice', { objectives: ['energy_pJ:min', 'energy_pJ:max'] }, 'objectives[1].metric'),
  space('objective accuracy without trained weights', { objectives: ['accuracy:max'] }, 'objectives[0]'),
  space('objective a number', { objectives: [5] }, 'objectives[0]'),
  // constraints
  space('constraints a number', { constraints: 5 }, 'constraints'),
  space('constraint accuracy without trained weights', { constraints: ['accuracy >= 0.9'] }, 'constraints[0]'),
  space('constraint accuracy_ci95 without trained weights', { constraints: ['accuracy_ci95 <= 0.1'] }, 'constraints[0]'),
  space('constraints contradict', { constraints: ['area_mm2 >= 600', 'area_mm2 <= 500'] }, 'constraints[1]'),
  space('constraint strict inequality', { constraints: ['area_mm2 > 5'] }, 'constraints[0]'),
  space('constraint bound not a number', { constraints: ['area_mm2 <= x'] }, 'constraints[0]'),
  space('constraint without a bound', { constraints: [{ metric: 'area_mm2' }] }, 'constraints[0]'),
  space('constraint min a string', { constraints: [{ metric: 'area_mm2', min: '1' }] }, 'constraints[0].min'),
  space('constraint metric unknown', { constraints: [{ metric: 'nope', max: 1 }] }, 'constraints[0].metric'),
  space('constraint max below min', { constraints: [{ metric: 'area_mm2', min: 5, max: 1 }] }, 'constraints[0].max'),
  // strategy, seed, budget
  space('no strategy', { strategy: undefined }, 'strategy'),
  space('strategy a number', { strategy: 5 }, 'strategy'),
  space('strategy a typo', { strategy: 'grd' }, 'strategy.name'),
  space('strategy setting out of range', { strategy: { name: 'nsga2', populationSize: 0, generations: 2 } }, 'strategy.populationSize'),
  space('strategy setting unknown', { strategy: { name: 'nsga2', bogus: 1 } }, 'strategy.bogus'),
  space('random without a budget', { strategy: 'random' }, 'budget'),
  space('evolve weights all zero', { objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: { name: 'evolve', populationSize: 8, weights: [0, 0] } }, 'strategy.weights'),
  space('evolve weight negative', { objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: { name: 'evolve', populationSize: 8, weights: [1, -1] } }, 'strategy.weights'),
  space('grid of 10^16 points without a budget', { parameters: perLayer10 }, 'grid'),
  space('seed negative', { seed: -1 }, 'seed'),
  space('seed fractional', { seed: 1.5 }, 'seed'),
  space('seed a string', { seed: '1' }, 'seed'),
  space('budget a number', { budget: 5 }, 'budget'),
  space('budget evaluations 0', { budget: { evaluations: 0 } }, 'budget.evaluations'),
  space('budget evaluations fractional', { budget: { evaluations: 1.5 } }, 'budget.evaluations'),
  space('budget time negative', { budget: { time_s: -1 } }, 'budget.time_s'),
  space('budget field unknown', { budget: { evals: 10 } }, 'budget.evals'),
  space('study a number', { study: 5 }, 'study'),
];
