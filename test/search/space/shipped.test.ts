import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { loadSpace, spaceSize } from '../../../src/search/space/parse.js';

const dir = new URL('../../../search-spaces/', import.meta.url).pathname;

describe('shipped search spaces', () => {
  it('all validate against the simulator (metrics, VGG16 layers, registry ranges)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([
      'adc-less-vs-hp-adc.json', 'default.json', 'device-adc-precision.json', 'fig10d-ron.json', 'fig11-device-adc.json', 'fig12-lif-cache.json',
      'fig7-area.json', 'fig8-timesteps.json', 'layerwise-peripheral.json', 'membrane-bits.json', 'pipesdfa-devices.json', 'pipesdfa-vs-bptt.json', 'ron-timesteps.json',
      'table2-codependence.json',
    ]);
    const sizes = Object.fromEntries(files.map((f) => [f, spaceSize(loadSpace(`${dir}${f}`, simulatorSpaceContext()))]));
    expect(sizes).toEqual({
      'adc-less-vs-hp-adc.json': 4 * 2 * 2 * 5,
      'default.json': 8 * 7 * 3 * 5 * 4,
      'device-adc-precision.json': 8 * 10 * 4,
      'fig10d-ron.json': 2 * 4,
      'fig11-device-adc.json': 8 * 9,
      'fig12-lif-cache.json': 3 * 2,
      'fig7-area.json': 3 * 2 * 2 * 2 * 2,
      'fig8-timesteps.json': 2 * 4,
      'layerwise-peripheral.json': 6 ** 4 * 4 ** 4,
      'membrane-bits.json': 2 * 5,
      'pipesdfa-devices.json': 3 * 2 * 2,
      'pipesdfa-vs-bptt.json': 4 * 2 * 4 * 2,
      'ron-timesteps.json': 9 * 8,
      'table2-codependence.json': 4 * 4 * 2 * 2 * 2,
    });
  });

  it('layerwise-peripheral covers every VGG16 weight layer exactly once per parameter', () => {
    const space = loadSpace(`${dir}layerwise-peripheral.json`, simulatorSpaceContext());
    const weightLayers = simulatorSpaceContext().weightLayers(space.network);
    for (const path of ['adc.bits', 'crossbar.size']) {
      const targets = space.variables.filter((v) => v.path === path).flatMap((v) => v.targets);
      expect(targets.sort()).toEqual(weightLayers.map((l) => `layers.${l}.${path}`).sort());
    }
  });

  it('default and layerwise-peripheral bound the MAC error at the measured 0.33 and say where it comes from (issue 12)', () => {
    for (const f of ['default.json', 'layerwise-peripheral.json']) {
      const space = loadSpace(`${dir}${f}`, simulatorSpaceContext());
      expect(space.constraints).toEqual([{ metric: 'macError_rms', max: 0.33 }]);
      expect(space.description).toContain('0.33');
      expect(space.description).toContain('scripts/mac-error-bound.ts');
      expect(space.description).toContain("docs/accuracy.md 'The MAC-error bound of the shipped spaces'");
    }
  });
});
