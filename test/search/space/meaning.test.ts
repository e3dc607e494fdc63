/** The space validator knows which metrics a network measures and which layers it has (issue 12). */
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { createEvaluator } from '../../../src/app/simulatorEvaluator.js';
import { spaceProblems } from './problems.js';

const context = simulatorSpaceContext();
const space = (patch: Record<string, unknown>) => ({
  network: 'vgg16-cifar10',
  parameters: { 'adc.bits': [4, 5] },
  objectives: ['energy_pJ:min'],
  strategy: 'grid',
  ...patch,
});

describe('metrics a space\'s settings measure', () => {
  it('refuses a training-cost objective or constraint where training.algorithm is none in every design; accepts it set in base or searched', () => {
    const train = (patch: Record<string, unknown>) => space({ network: 'nmnist-fc3', objectives: ['trainEnergy_pJ_per_sample:min'], ...patch });
    expect(spaceProblems(train({}), context)).toEqual([
      's.json: objectives[0]: "trainEnergy_pJ_per_sample" is not measured in this space (training.algorithm is none in every design); set "training.algorithm": "sdfa" (or "bptt") in base, or search it as a parameter',
    ]);
    expect(spaceProblems(train({ objectives: ['energy_pJ:min'], constraints: ['trainLatency_ns_per_sample <= 1e9'], base: { 'training.algorithm': 'none' } }), context)[0])
      .toMatch(/^s\.json: constraints\[0\]: "trainLatency_ns_per_sample" is not measured in this space/);
    expect(spaceProblems(train({ base: { 'training.algorithm': 'bptt' } }), context)).toEqual([]);
    expect(spaceProblems(train({ parameters: { 'adc.bits': [4, 5], 'training.algorithm': ['none', 'sdfa'] } }), context)).toEqual([]);
  });
});

describe('metrics a space with sense-amplifier designs measures', () => {
  it('refuses a MAC-error or proxy objective or constraint where any design can sense (base, parameters, one layer); accepts it otherwise', () => {
    const why = '(adc.kind can be senseamp: sense amplifiers binarise each partial sum by design, so an error against the exact dot product measures the design, not the hardware); '
      + 'constrain accuracy on a network with ADC-less weights (mlp-mnist, cnn-mnist; docs/accuracy.md "Sense-amplifier designs")';
    expect(spaceProblems(space({ parameters: { 'adc.kind': ['sar', 'senseamp'] }, constraints: ['macError_rms <= 0.33'] }), context)).toEqual([
      `s.json: constraints[0]: "macError_rms" is not measured in this space ${why}`,
    ]);
    expect(spaceProblems(space({ base: { 'adc.kind': 'senseamp' }, objectives: ['energy_pJ:min', 'macSnr_dB:max'] }), context)).toEqual([
      `s.json: objectives[1]: "macSnr_dB" is not measured in this space ${why}`,
    ]);
    expect(spaceProblems(space({ network: 'mlp-mnist', parameters: { 'layers.fc2.adc.kind': ['sar', 'senseamp'] }, objectives: ['energy_pJ:min', 'accuracyProxy:min'] }), context)[0])
      .toMatch(/^s\.json: objectives\[1\]: "accuracyProxy" is not measured in this space \(adc\.kind can be senseamp/);
    expect(spaceProblems(space({ base: { 'adc.kind': 'senseamp' }, constraints: ['macErrorMax_rms <= 0.5'] }), context)).toHaveLength(1);
    // Accuracy itself is measured on sensing designs, and converters that are not sense amplifiers leave the MAC error alone.
    expect(spaceProblems(space({ network: 'mlp-mnist', base: { 'adc.kind': 'senseamp' }, constraints: ['accuracy >= 0.9'] }), context)).toEqual([]);
    expect(spaceProblems(space({ parameters: { 'adc.kind': ['sar', 'flash'] }, constraints: ['macError_rms <= 0.33'] }), context)).toEqual([]);
  });
});

describe('metrics a space searching the membrane width measures', () => {
  it('accepts accuracy and its interval where snn.membraneBits is searched (the word is simulated), and each width reads its own; refuses the proxy', () => {
    const why = '(snn.membraneBits is searched (4, 8, 16), but the accuracy proxy measures crossbar reads, not the membrane word: every width reads the same proxy and the search would pick the narrowest for free); '
      + 'use accuracy (it rounds every stored potential to the word), or fix snn.membraneBits in base';
    const membranes = (patch: Record<string, unknown>) => space({ network: 'mlp-mnist', parameters: { 'snn.membraneBits': [4, 8, 16] }, ...patch });
    // Until 2026-12-06 accuracy was refused here too (float64 membranes: /work/qa-acc3/s5.json put only the 4-bit design on the front).
    expect(spaceProblems(membranes({ objectives: ['energy_pJ:min', 'area_mm2:min', 'accuracy:max'] }), context)).toEqual([]);
    expect(spaceProblems(membranes({ constraints: ['accuracy_ci95 <= 0.02', 'accuracyProxy <= 0.5'] }), context)).toEqual([
      `s.json: constraints[1]: "accuracyProxy" is not measured in this space ${why}`,
    ]);
    // The MAC error reads one crossbar, no membrane; one width (in base or as the only value) is no choice.
    expect(spaceProblems(membranes({ constraints: ['macError_rms <= 0.33'] }), context)).toEqual([]);
    expect(spaceProblems(space({ network: 'mlp-mnist', base: { 'snn.membraneBits': 4 }, objectives: ['accuracy:max'] }), context)).toEqual([]);
    expect(spaceProblems(space({ network: 'mlp-mnist', parameters: { 'adc.bits': [4, 5], 'snn.membraneBits': [8] }, objectives: ['accuracy:max'] }), context)).toEqual([]);
  });

  it('a search\'s evaluator reads each width\'s own accuracy (mlp-mnist, 2000 samples: 1910 right at 4 bits, 1908 at 8; test/sim/accuracy.test.ts)', async () => {
    const evaluate = createEvaluator({ network: 'mlp-mnist', base: { 'accuracy.samples': 2000 }, needed: ['accuracy', 'energy_pJ'] });
    expect((await evaluate({ 'snn.membraneBits': 4 })).accuracy).toBe(1910 / 2000);
    expect((await evaluate({ 'snn.membraneBits': 8 })).accuracy).toBe(1908 / 2000);
  }, 60_000);
});

describe('metrics a network measures', () => {
  it('refuses accuracy as a constraint or objective on a network without trained weights, with what to use instead', () => {
    expect(spaceProblems(space({ constraints: ['accuracy >= 0.9'] }), context)).toEqual([
      's.json: constraints[0]: "accuracy" is not measured for vgg16-cifar10 (no trained weights; accuracyProxy: the functional SNN graph cannot run it); use macError_rms, or a network with weights: mlp-mnist, cnn-mnist',
    ]);
    expect(spaceProblems(space({ objectives: ['energy_pJ:min', { metric: 'accuracy_ci95', sense: 'min' }] }), context)).toEqual([
      's.json: objectives[1]: "accuracy_ci95" is not measured for vgg16-cifar10 (no trained weights; accuracyProxy: the functional SNN graph cannot run it); use macError_rms, or a network with weights: mlp-mnist, cnn-mnist',
    ]);
    // In a multi-network space, every network must measure it.
    expect(spaceProblems(space({ network: ['mlp-mnist', 'vgg9-cifar10'], constraints: ['accuracy >= 0.9'] }), context)[0])
      .toMatch(/constraints\[0\]: "accuracy" is not measured for vgg9-cifar10/);
  });

  it('refuses accuracyProxy on a network the functional SNN graph cannot run (VGG: average pools); accepts it on mlp-mnist', () => {
    expect(spaceProblems(space({ objectives: ['accuracyProxy:min'] }), context)).toEqual([
      's.json: objectives[0]: "accuracyProxy" is not measured for vgg16-cifar10 (no trained weights; accuracyProxy: the functional SNN graph cannot run it); use macError_rms, or a network with weights: mlp-mnist, cnn-mnist',
    ]);
    expect(spaceProblems(space({ network: 'mlp-mnist', objectives: ['accuracyProxy:min'] }), context)).toEqual([]);
  });

  it('refuses accuracyProxy on an event-coded network (N-MNIST: its input is not MNIST images); accepts macError_rms there', () => {
    expect(spaceProblems(space({ network: 'nmnist-fc2-small', objectives: ['accuracyProxy:min'] }), context)).toEqual([
      's.json: objectives[0]: "accuracyProxy" is not measured for nmnist-fc2-small (no trained weights; accuracyProxy: its input is not MNIST images, the only input the proxy propagates); use macError_rms, or a network with weights: mlp-mnist, cnn-mnist',
    ]);
    expect(spaceProblems(space({ network: 'nmnist-fc2-small', constraints: ['macError_rms <= 0.33'] }), context)).toEqual([]);
  });

  it('accepts accuracy on a network with trained weights, and macError_rms on any', () => {
    expect(spaceProblems(space({ network: 'mlp-mnist', constraints: ['accuracy >= 0.9'], objectives: ['accuracy:max'] }), context)).toEqual([]);
    expect(spaceProblems(space({ constraints: ['macError_rms <= 0.1'] }), context)).toEqual([]);
  });

  it('refuses a constraint no value of its metric can meet (a percentage for a fraction, a negative area), naming the range', () => {
    expect(spaceProblems(space({ network: 'mlp-mnist', constraints: ['accuracy >= 95'] }), context)).toEqual([
      's.json: constraints[0]: got "accuracy >= 95", expected a bound accuracy can meet (accuracy is a fraction in [0, 1]: 0.95 for 95%)',
    ]);
    expect(spaceProblems(space({ constraints: ['area_mm2 <= -5', { metric: 'utilisation', min: 2 }] }), context)).toEqual([
      's.json: constraints[0]: got "area_mm2 <= -5", expected a bound area_mm2 can meet (area_mm2 is a value >= 0 mm2)',
      's.json: constraints[1]: got {"metric":"utilisation","min":2}, expected a bound utilisation can meet (utilisation is a fraction in [0, 1]: 0.02 for 2%)',
    ]);
    // At the edge of the range, and a normalised error above 1 (not a share), and dB below 0: accepted.
    expect(spaceProblems(space({ network: 'mlp-mnist', constraints: ['accuracy >= 1', 'macError_rms <= 2', 'macSnr_dB >= -3', 'area_mm2 <= 0'] }), context)).toEqual([]);
  });

  it('refuses a hypervolume reference no design can beat (every front would read 0)', () => {
    expect(spaceProblems(space({ objectives: [{ metric: 'energy_pJ', sense: 'min', reference: -1 }, { metric: 'utilisation', sense: 'max', reference: 1 }] }), context)).toEqual([
      's.json: objectives[0].reference: got -1, expected a value designs can beat (energy_pJ is never below 0: this reference leaves every design outside the hypervolume, 0 for any front)',
      's.json: objectives[1].reference: got 1, expected a value designs can beat (utilisation is never above 1: this reference leaves every design outside the hypervolume, 0 for any front)',
    ]);
    expect(spaceProblems(space({ objectives: [{ metric: 'energy_pJ', sense: 'min', reference: 1e9 }, { metric: 'macSnr_dB', sense: 'max', reference: -50 }] }), context)).toEqual([]);
  });

  it('refuses contradictory constraints and an objective with two senses', () => {
    expect(spaceProblems(space({ constraints: ['area_mm2 >= 600', 'area_mm2 <= 500'] }), context)).toEqual([
      's.json: constraints[1]: got "area_mm2 <= 500", expected a bound no other constraint contradicts (constraints[0]: area_mm2 >= 600: no design can meet both)',
    ]);
    expect(spaceProblems(space({ constraints: [{ metric: 'area_mm2', max: 5 }, 'energy_pJ <= 1', { metric: 'area_mm2', min: 6 }] }), context)[0])
      .toMatch(/constraints\[2\]: .*\(constraints\[0\]: area_mm2 <= 5: no design/);
    expect(spaceProblems(space({ constraints: ['area_mm2 >= 5', 'area_mm2 <= 5'] }), context)).toEqual([]);
    expect(spaceProblems(space({ objectives: ['energy_pJ:min:max'] }), context)).toEqual(['s.json: objectives[0].sense: got "min:max", expected "min" or "max"']);
  });
});

describe('per-layer overrides name a weight layer of the network', () => {
  const bad = ['conv99', '99', '-1', 'pool1', 'conv1 ', '__proto__'];
  it.each(bad)('refuses layers.%j in base and parameters', (key) => {
    const path = `layers.${key}.adc.bits`;
    const fromBase = spaceProblems(space({ base: { [path]: 4 } }), context);
    expect(fromBase).toHaveLength(1);
    expect(fromBase[0]).toContain(`base.${path}: layer: got ${JSON.stringify(key)}, expected a weight layer of vgg16-cifar10`);
    const fromParameters = spaceProblems(space({ parameters: { [path]: [3, 4] } }), context);
    expect(fromParameters).toHaveLength(1);
    expect(fromParameters[0]).toContain(`parameters.${path}: layer: got ${JSON.stringify(key)}`);
  });

  it('suggests the layer one edit away; accepts names and weight-layer indexes', () => {
    expect(spaceProblems(space({ base: { 'layers.conv99.adc.bits': 4 } }), context)[0]).toMatch(/\(did you mean "conv9"\?\)$/);
    expect(spaceProblems(space({ base: { 'layers.conv1 .adc.bits': 4 } }), context)[0]).toMatch(/\(did you mean "conv1"\?\)$/);
    expect(spaceProblems(space({ base: { 'layers.conv2.adc.bits': 4, 'layers.0.adc.bits': 5 }, parameters: { 'layers.fc3.adc.bits': [3, 4] } }), context)).toEqual([]);
  });

  it('refuses a nested __proto__ layer', () => {
    const raw = JSON.parse('{"network":"vgg16-cifar10","base":{"layers":{"__proto__":{"adc":{"bits":3}}}},"parameters":{"adc.bits":[4,5]},"objectives":["energy_pJ:min"],"strategy":"grid"}') as unknown;
    expect(spaceProblems(raw, context)[0]).toMatch(/base\.layers\.__proto__\.adc\.bits: layer: got "__proto__"/);
  });
});

describe('per-layer overrides that would have no effect', () => {
  // conv1's input is the image's bit planes (direct coding): a spike rate there changed nothing, unrefused, until
  // 2026-12-05 (an override in evaluate, and a searched variable whose rows were all the same design).
  const direct = 'expected no spike rate on conv1: its input is direct-coded (the image\'s bit planes, not spikes), so a rate there has no effect';
  it('refuses a spike rate on a direct-coded layer in base, parameters (by name or index) and perLayer copies; accepts it on the others', () => {
    expect(spaceProblems(space({ base: { 'layers.conv1.snn.spikeRate': 0.05 } }), context)).toEqual([`s.json: base.layers.conv1.snn.spikeRate: got 0.05, ${direct}`]);
    expect(spaceProblems(space({ parameters: { 'layers.0.snn.spikeRate': [0.05, 0.1] } }), context)).toEqual([`s.json: parameters.layers.0.snn.spikeRate: got [0.05,0.1], ${direct}`]);
    // The layers after VGG16's average pools read the pools' spike counts, not spikes (since 2026-12-06).
    const pooled = [['conv3', 'pool1'], ['conv5', 'pool2'], ['conv8', 'pool3'], ['conv11', 'pool4'], ['fc1', 'pool5']].map(([layer, pool]) =>
      `s.json: parameters.layers.${layer}.snn.spikeRate: got [0.05,0.1], expected no spike rate on ${layer}: its input is average pool ${pool}'s spike counts (their planes follow that pool's input rate), so a rate there has no effect`);
    expect(spaceProblems(space({ parameters: { 'snn.spikeRate': { values: [0.05, 0.1], perLayer: true } } }), context)).toEqual([`s.json: parameters.layers.conv1.snn.spikeRate: got [0.05,0.1], ${direct}`, ...pooled]);
    expect(spaceProblems(space({ base: { 'layers.conv2.snn.spikeRate': 0.05 }, parameters: { 'snn.spikeRate': [0.05, 0.1] } }), context)).toEqual([]);
    // Event-coded inputs (N-MNIST) are spikes: the first layer's rate counts.
    expect(spaceProblems(space({ network: 'nmnist-fc3', base: { 'layers.fc1.snn.spikeRate': 0.05 } }), context)).toEqual([]);
  });
});

describe("the space's base design", () => {
  it('refuses a space whose base design (base, every parameter at its first value) the simulator refuses, with its one line', () => {
    // Before, validate passed it ("2 points") and every evaluation of the search failed (exit 3).
    expect(spaceProblems(space({ network: 'cnn-mnist', base: { 'arch.crossbarsPerPe': 1 } }), context)).toEqual([
      "s.json: base: the space's base design (base values, every parameter at its first value) is refused on cnn-mnist: arch.crossbarsPerPe: got 1, expected at least 2 crossbars per PE for 'differential-pair' mapping of layer conv1 (its G+ and G- arrays sit in one PE)",
    ]);
    // The first values count: a per-layer size of 8 first cannot hold 8 reference columns; 16 first maps, and the 8s,
    // refused whatever the other layers' sizes, are refused one line each (until 2026-12-06 they were failed rows).
    const reference = (values: number[]) => space({
      network: 'cnn-mnist', base: { 'crossbar.signedMapping': 'reference-column', 'device.bitsPerCell': 1 }, parameters: { 'crossbar.size': { values, perLayer: true } },
    });
    expect(spaceProblems(reference([8, 16]), context)).toEqual([
      "s.json: base: the space's base design (base values, every parameter at its first value) is refused on cnn-mnist: layers.conv1.crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer conv1 (8 reference columns per crossbar)",
    ]);
    expect(spaceProblems(reference([16, 8]), context)).toEqual(['conv1', 'conv2', 'fc1'].map((layer) =>
      `s.json: parameters.layers.${layer}.crossbar.size: value 8 is refused on cnn-mnist whatever value any other parameter takes, so every design holding it would fail (drop the value): layers.${layer}.crossbar.size: got 8, expected more than 8 columns for 'reference-column' mapping of layer ${layer} (8 reference columns per crossbar)`));
    expect(spaceProblems(reference([16, 32]), context)).toEqual([]);
    // Each network of the space: vgg16's first design maps, mlp-mnist's too; offset-diff needs one crossbar per PE.
    // Its differential pairs, which need two with every other value, are refused (until 2026-12-06: failed rows).
    expect(spaceProblems(space({ network: ['vgg16-cifar10', 'mlp-mnist'], base: { 'arch.crossbarsPerPe': 1 }, parameters: { 'crossbar.signedMapping': ['offset-diff', 'differential-pair'] } }), context)).toEqual([
      "s.json: parameters.crossbar.signedMapping: value \"differential-pair\" is refused on vgg16-cifar10 whatever value any other parameter takes, so every design holding it would fail (drop the value): arch.crossbarsPerPe: got 1, expected at least 2 crossbars per PE for 'differential-pair' mapping of layer conv1 (its G+ and G- arrays sit in one PE)",
    ]);
    expect(spaceProblems(space({ network: ['vgg16-cifar10', 'mlp-mnist'], base: { 'arch.crossbarsPerPe': 1 }, parameters: { 'crossbar.signedMapping': ['offset-diff'], 'adc.bits': [4, 5] } }), context)).toEqual([]);
    expect(spaceProblems(space({ network: ['vgg16-cifar10', 'mlp-mnist'], base: { 'arch.crossbarsPerPe': 1 } }), context)[0])
      .toMatch(/^s\.json: base: the space's base design \(base values, every parameter at its first value\) is refused on vgg16-cifar10: arch\.crossbarsPerPe: got 1, /);
  });
});

describe("values and pairs of values the simulator refuses in every design of the space", () => {
  const ONE_BIT_FULL = "adc.bits: got 1 with adc.rangeMode=full, expected 2 bits or more (a 1-bit converter on a signed column is a sign comparator; 'full' would read every nonzero column as the whole range): use adc.rangeMode=clip, or adc.kind=senseamp for a 1-bit design";
  const onMlp = (patch: Record<string, unknown>) => space({ network: 'mlp-mnist', ...patch });

  it('refuses adc.bits 1 searched beside a base adc.rangeMode "full", naming the value and the simulator\'s line', () => {
    // Before (2026-12-06), validate passed it ("2 points") and the row adc.bits=1 failed at evaluation.
    expect(spaceProblems(onMlp({ base: { 'adc.rangeMode': 'full' }, parameters: { 'adc.bits': [4, 1] } }), context)).toEqual([
      `s.json: parameters.adc.bits: value 1 is refused on mlp-mnist whatever value any other parameter takes, so every design holding it would fail (drop the value): ${ONE_BIT_FULL}`,
    ]);
  });

  it('refuses the pair adc.bits 1 with adc.rangeMode "full", naming both fields and values', () => {
    expect(spaceProblems(onMlp({ parameters: { 'adc.bits': [4, 1], 'adc.rangeMode': ['clip', 'full'] } }), context)).toEqual([
      `s.json: parameters.adc.bits: value 1 with parameters.adc.rangeMode value "full" is refused on mlp-mnist whatever value any other parameter takes, so every design holding them would fail (drop one of the two values, or search them in separate spaces): ${ONE_BIT_FULL}`,
    ]);
  });

  it('accepts the pair where another searched value makes it evaluable (a sense amplifier, an unsigned mapping)', () => {
    expect(spaceProblems(onMlp({ parameters: { 'adc.bits': [4, 1], 'adc.rangeMode': ['clip', 'full'], 'adc.kind': ['sar', 'senseamp'] } }), context)).toEqual([]);
    expect(spaceProblems(onMlp({ parameters: { 'adc.bits': [4, 1], 'adc.rangeMode': ['clip', 'full'], 'crossbar.signedMapping': ['differential-pair', 'offset-diff'] } }), context)).toEqual([]);
    // No pair, no refusal: 1 bit clipped, 4 bits full.
    expect(spaceProblems(onMlp({ parameters: { 'adc.bits': [4, 1] } }), context)).toEqual([]);
  });

  it('refuses the other cross-field refusals the same way: a converter wider than its crossbar, bits per cell above the device\'s', () => {
    expect(spaceProblems(onMlp({ parameters: { 'adc.columnsPerAdc': [8, 64], 'crossbar.size': [64, 32] } }), context)).toEqual([
      's.json: parameters.adc.columnsPerAdc: value 64 with parameters.crossbar.size value 32 is refused on mlp-mnist whatever value any other parameter takes, so every design holding them would fail (drop one of the two values, or search them in separate spaces): adc.columnsPerAdc: got 64, expected at most crossbar.size = 32 columns per converter (a converter cannot serve more columns than the crossbar has)',
    ]);
    expect(spaceProblems(onMlp({ parameters: { 'device.kind': ['rram', 'fefet'], 'device.bitsPerCell': [4, 8] } }), context)[0])
      .toMatch(/^s\.json: parameters\.device\.kind: value "fefet" with parameters\.device\.bitsPerCell value 8 is refused on mlp-mnist .*device\.bitsPerCell: got 8, expected at most 5 bits per cell for device\.kind=fefet$/);
  });
});

