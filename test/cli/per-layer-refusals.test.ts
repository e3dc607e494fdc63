/**
 * QA layerwise defect 3: a per-layer setting of a chip-wide parameter was refused without its value or what can be set
 * per layer; `{"layers": [...]}` was an unknown parameter "layers"; `--set layers.1.0.adc.bits=4` echoed a path never
 * typed (`layers.fc2.0.adc.bits`). Each refusal now names the field as written, the value and what was expected.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/cli/commands/evaluate.js';
import { PARAMETERS } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { refusal } from '../helpers/refusal.js';

describe('per-layer refusals name the value and what was expected, as typed', () => {
  const mlp = zooNetwork('mlp-mnist');
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-per-layer-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const perLayer = PARAMETERS.filter((p) => p.perLayer).map((p) => p.path);

  it('a chip-wide parameter set per layer: its value and the parameters that can be set per layer', () => {
    expect(perLayer).toContain('adc.bits');
    expect(refusal(() => buildConfig(undefined, ['layers.fc2.arch.nocWidth_bits=64'], mlp))).toBe(
      'layers.fc2.arch.nocWidth_bits: got "64", expected a parameter that can be set per layer: arch.nocWidth_bits is one value for the chip '
      + `(set it without "layers.fc2."); per layer: ${perLayer.join(', ')} (see \`cosearch list parameters\`)`);
    // By index, echoed as typed (1 is fc2); from a file, the file's number.
    expect(refusal(() => buildConfig(undefined, ['layers.1.snn.timesteps=4'], mlp))).toMatch(/^layers\.1\.snn\.timesteps: got "4", expected a parameter that can be set per layer: snn\.timesteps is one value/);
    const f = file('nested.json', '{"layers":{"fc1":{"tech":{"node_nm":22}}}}');
    expect(refusal(() => buildConfig(f, [], mlp))).toMatch(new RegExp(`^--config ${f}: layers\\.fc1\\.tech\\.node_nm: got 22, expected a parameter that can be set per layer`));
  });

  it('`layers` as an array, or a layer as a value: an object keyed by layer name or index was expected', () => {
    const array = file('array.json', '{"layers":[{"adc.bits":4}]}');
    expect(refusal(() => buildConfig(array, [], mlp))).toBe(`--config ${array}: layers: got [{"adc.bits":4}], expected an object keyed by weight layer name or index, `
      + 'each an object of parameter path -> value (e.g. {"layers": {"fc1": {"adc.bits": 4}}})');
    const value = file('value.json', '{"layers":{"fc1":4}}');
    expect(refusal(() => buildConfig(value, [], mlp))).toBe(`--config ${value}: layers.fc1: got 4, expected an object of parameter path -> value (e.g. {"layers": {"fc1": {"adc.bits": 4}}})`);
  });

  it('echoes the path the user typed, not the layer key replaced by its name', () => {
    expect(refusal(() => buildConfig(undefined, ['layers.1.0.adc.bits=4'], mlp))).toBe('unknown parameter "layers.1.0.adc.bits" (see `cosearch list parameters`)');
    expect(refusal(() => buildConfig(undefined, ['layers.1.adc.bits=99'], mlp))).toBe('layers.1.adc.bits: got "99", expected an integer in [1, 12] (bit)');
  });
});
