/**
 * `cosearch validate` shows where each group's value goes (`-> layers.<member>.<path>`), a one-member group's too:
 * it printed the targets only for groups of two or more, so `groups.back.adc.bits` read as if it set nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { describeSpace } from '../../src/cli/commands/validate.js';
import { loadSpace } from '../../src/search/index.js';

describe('cosearch validate: group targets', () => {
  it('lists the members of one- and two-member groups, and none for plain or per-layer variables', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-validate-')), 'lw.json');
    writeFileSync(file, JSON.stringify({
      name: 'lw', network: 'cnn-mnist', base: { 'adc.kind': 'sar' },
      parameters: {
        'crossbar.size': { values: [32, 64, 128], perLayer: true },
        'adc.bits': { values: [4, 6], groups: { front: ['conv1', 'conv2'], back: ['fc1'] } },
        'adc.columnsPerAdc': [4, 8],
      },
      objectives: ['energy_pJ:min', 'latency_ns:min', 'area_mm2:min'], strategy: 'grid', seed: 3,
    }));
    const lines = describeSpace(file, loadSpace(file, simulatorSpaceContext())).split('\n').slice(1, 8);
    expect(lines).toEqual([
      '  layers.conv1.crossbar.size: 3 values (32, 64, 128)',
      '  layers.conv2.crossbar.size: 3 values (32, 64, 128)',
      '  layers.fc1.crossbar.size: 3 values (32, 64, 128)',
      '  groups.front.adc.bits: 2 values (4, 6) -> layers.conv1.adc.bits, layers.conv2.adc.bits',
      '  groups.back.adc.bits: 2 values (4, 6) -> layers.fc1.adc.bits',
      '  adc.columnsPerAdc: 2 values (4, 8)',
      '  objectives: energy_pJ (min), latency_ns (min), area_mm2 (min)',
    ]);
  });
});
