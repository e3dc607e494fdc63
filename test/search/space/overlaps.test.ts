/**
 * Two entries of a space that set one parameter of one layer are refused, naming both: one of them would silently
 * lose (a CSV column twice, a layer's index losing to its name, a base value replaced by the searched one).
 */
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { ConfigError } from '../../../src/core/errors.js';
import { parseSpace } from '../../../src/search/index.js';
import { spaceProblems } from './problems.js';

const context = simulatorSpaceContext();
const space = (patch: Record<string, unknown>) => ({
  network: 'mlp-mnist', objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid', ...patch,
});

describe('entries setting one parameter of one layer (mlp-mnist: layer 0 is fc1)', () => {
  it('refuses a perLayer copy beside the same layer\'s own parameter (the column layers.fc1.adc.bits twice)', () => {
    expect(spaceProblems(space({ parameters: { 'adc.bits': { values: [3, 4], perLayer: true }, 'layers.fc1.adc.bits': [5, 6] } }), context)).toEqual([
      's.json: parameters.layers.fc1.adc.bits: sets adc.bits of layer fc1, as parameters.adc.bits (perLayer) does; '
      + 'remove parameters.layers.fc1.adc.bits, or lay parameters.adc.bits out in groups that leave fc1 out',
    ]);
    // By index, and in the other order: the same refusal.
    expect(spaceProblems(space({ parameters: { 'layers.0.adc.bits': [5, 6], 'adc.bits': { values: [3, 4], perLayer: true } } }), context)).toEqual([
      's.json: parameters.adc.bits: sets adc.bits of layer fc1, as parameters.layers.0.adc.bits does (layer 0 is fc1); '
      + 'remove parameters.layers.0.adc.bits, or lay parameters.adc.bits out in groups that leave fc1 out',
    ]);
  });

  it('refuses a layer by index beside the same layer by name', () => {
    expect(spaceProblems(space({ parameters: { 'layers.0.adc.bits': [5, 6], 'layers.fc1.adc.bits': [3, 4] } }), context)).toEqual([
      's.json: parameters.layers.fc1.adc.bits: sets adc.bits of layer fc1, as parameters.layers.0.adc.bits does (layer 0 is fc1); '
      + 'keep one of them: remove parameters.layers.0.adc.bits or parameters.layers.fc1.adc.bits',
    ]);
    expect(spaceProblems(space({ base: { 'layers.0.adc.bits': 5, 'layers.fc1.adc.bits': 6 }, parameters: { 'crossbar.size': [32, 64] } }), context)).toEqual([
      's.json: base.layers.fc1.adc.bits: sets adc.bits of layer fc1, as base.layers.0.adc.bits does (layer 0 is fc1); '
      + 'keep one of them: remove base.layers.0.adc.bits or base.layers.fc1.adc.bits',
    ]);
  });

  it('refuses a group member beside its own parameter', () => {
    expect(spaceProblems(space({ parameters: { 'adc.bits': { values: [3, 4], groups: { all: ['fc1', 'fc2'] } }, 'layers.1.adc.bits': [5, 6] } }), context)).toEqual([
      's.json: parameters.layers.1.adc.bits: sets adc.bits of layer fc2, as parameters.adc.bits (group all) does (layer 1 is fc2); '
      + 'remove parameters.layers.1.adc.bits, or take fc2 out of parameters.adc.bits.groups.all',
    ]);
  });

  it('refuses a base value that a searched parameter sets too, whichever spelling wins', () => {
    expect(spaceProblems(space({ base: { 'adc.bits': 5, 'layers.fc1.adc.bits': 4 }, parameters: { 'adc.bits': [3, 4], 'layers.0.adc.bits': [6, 7] } }), context)).toEqual([
      's.json: parameters.adc.bits: sets adc.bits, as base.adc.bits does; remove base.adc.bits (a parameter is either fixed in base or searched)',
      's.json: parameters.layers.0.adc.bits: sets adc.bits of layer fc1, as base.layers.fc1.adc.bits does (layer 0 is fc1); '
      + 'remove base.layers.fc1.adc.bits (a parameter is either fixed in base or searched)',
    ]);
    expect(spaceProblems(space({ base: { adc: { bits: 6 }, 'adc.bits': 7 }, parameters: { 'crossbar.size': [32, 64] } }), context)).toEqual([
      's.json: base: adc.bits: got {"adc": {"bits": 6}} and {"adc.bits": 7}, expected the parameter once (only one value would count; write one of them)',
    ]);
  });

  it('refuses perLayer or groups on a path of one layer (the columns were layers.fc1.layers.fc1.adc.bits)', () => {
    expect(spaceProblems(space({ parameters: { 'layers.fc1.adc.bits': { values: [3, 4], perLayer: true } } }), context)).toEqual([
      's.json: parameters.layers.fc1.adc.bits: perLayer on a path of one layer (fc1); expected it on the global path "adc.bits", or no perLayer',
    ]);
    expect(spaceProblems(space({ parameters: { 'layers.0.adc.bits': { values: [3, 4], groups: { a: ['fc1'] } } } }), context)).toEqual([
      's.json: parameters.layers.0.adc.bits: groups on a path of one layer (0); expected it on the global path "adc.bits", or no groups',
    ]);
  });

  it('accepts what sets distinct paths: a global value beside per-layer ones, different layers, different parameters', () => {
    const s = parseSpace(space({
      base: { 'adc.bits': 5, 'layers.fc2.device.bitsPerCell': 2 },
      // base adc.bits still acts on fc2 (layers.fc2.adc.bits beside layers.0 would leave it no layer: refused below).
      parameters: { 'layers.0.adc.bits': [3, 4], 'layers.fc2.adc.columnsPerAdc': [4, 8], 'crossbar.size': { values: [32, 64], perLayer: true }, 'device.bitsPerCell': [1, 2] },
    }), context);
    expect(s.variables.map((v) => v.name)).toEqual(['layers.0.adc.bits', 'layers.fc2.adc.columnsPerAdc', 'layers.fc1.crossbar.size', 'layers.fc2.crossbar.size', 'device.bitsPerCell']);
  });

  it('checks every network of a multi-network space, and throws a SpaceError (a ConfigError) from parseSpace', () => {
    const raw = space({ network: ['vgg16-cifar10', 'vgg16-caltech101'], parameters: { 'layers.0.adc.bits': [3, 4], 'layers.conv1.adc.bits': [5, 6] } });
    expect(spaceProblems(raw, context)).toEqual([
      's.json: parameters.layers.conv1.adc.bits: sets adc.bits of layer conv1, as parameters.layers.0.adc.bits does (layer 0 is conv1); '
      + 'keep one of them: remove parameters.layers.0.adc.bits or parameters.layers.conv1.adc.bits',
    ]);
    expect(() => parseSpace(raw, context)).toThrow(ConfigError);
  });
});

describe('a context whose layerKeys returns a list (the form before layer keys named their layer)', () => {
  it('still takes a space keyed by name or index, each key naming itself', () => {
    const listed = simulatorSpaceContext({ layerKeys: () => ['fc1', 'fc2', '0', '2'] });
    expect(spaceProblems(space({ parameters: { 'layers.fc1.adc.bits': [5, 6], 'layers.2.adc.bits': [3, 4] } }), listed)).toEqual([]);
    expect(spaceProblems(space({ parameters: { 'layers.fc9.adc.bits': [5, 6] } }), listed)[0]).toMatch(/layers\.fc9\.adc\.bits/);
  });
});

describe('a global value that layer entries override on every weight layer', () => {
  const why = (path: string) => `(the engines read ${path} per weight layer: a global value every layer overrides does nothing)`;
  it('refuses it, naming the global entry and the layer entries, for perLayer, layers.<key> and groups (cnn-mnist: conv1, conv2, fc1)', () => {
    // Before, each was accepted: QA's t6 gave 16 rows with 8 distinct energies, t5 wrote an inert crossbar.size to pick's config.
    const cnn = (patch: Record<string, unknown>) => space({ network: 'cnn-mnist', ...patch });
    expect(spaceProblems(cnn({ parameters: { 'adc.bits': [4, 5], 'layers.conv1.adc.bits': [6, 7], 'layers.conv2.adc.bits': [6, 7], 'layers.fc1.adc.bits': [6, 7] } }), context)).toEqual([
      `s.json: parameters.adc.bits: sets adc.bits of no layer, as every weight layer takes its own from parameters.layers.conv1.adc.bits, parameters.layers.conv2.adc.bits, parameters.layers.fc1.adc.bits; remove parameters.adc.bits ${why('adc.bits')}`,
    ]);
    expect(spaceProblems(cnn({ base: { 'crossbar.size': 128 }, parameters: { 'crossbar.size': { values: [32, 64], perLayer: true } } }), context)).toEqual([
      `s.json: base.crossbar.size: sets crossbar.size of no layer, as every weight layer takes its own from parameters.crossbar.size (perLayer); remove base.crossbar.size ${why('crossbar.size')}`,
    ]);
    // A group and a layer by index (2 is conv2) together cover the three.
    expect(spaceProblems(cnn({ base: { 'adc.kind': 'sar' }, parameters: { 'adc.kind': { values: ['sar', 'flash'], groups: { front: ['conv1', 'fc1'] } }, 'layers.2.adc.kind': ['sar', 'ramp'] } }), context)).toEqual([
      `s.json: base.adc.kind: sets adc.kind of no layer, as every weight layer takes its own from parameters.adc.kind (group front), parameters.layers.2.adc.kind; remove base.adc.kind ${why('adc.kind')}`,
    ]);
  });
  it('accepts it where a layer, on any network, keeps the global value', () => {
    expect(spaceProblems(space({ network: 'cnn-mnist', parameters: { 'adc.bits': [4, 5], 'layers.conv1.adc.bits': [6, 7], 'layers.fc1.adc.bits': [6, 7] } }), context)).toEqual([]);
    // vgg16-cifar10 and vgg16-caltech101 share their weight layers: covering them all refuses; leaving fc3 out accepts.
    const vggs = ['vgg16-cifar10', 'vgg16-caltech101'];
    expect(spaceProblems(space({ network: vggs, base: { 'adc.bits': 6 }, parameters: { 'adc.bits': { values: [4, 5], perLayer: true } } }), context)[0])
      .toMatch(/^s\.json: base\.adc\.bits: sets adc\.bits of no layer, /);
    const layers = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'conv6', 'conv7', 'conv8', 'conv9', 'conv10', 'conv11', 'conv12', 'conv13', 'fc1', 'fc2'];
    expect(spaceProblems(space({ network: vggs, base: { 'adc.bits': 6 }, parameters: { 'adc.bits': { values: [4, 5], groups: { most: layers } } } }), context)).toEqual([]);
  });
});

