/**
 * What the MAC error does not see, said where it is reported (src/sim/macErrorNotes.ts), and 1-bit converters that
 * are not sense amplifiers treated as one comparator by the accuracy side's notes (isOneBitConverter), as the ELA
 * prices them.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { isOneBitConverter, ADC_KINDS } from '../../src/hardware/components/adc/index.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { weightsDesignMismatch } from '../../src/sim/accuracy.js';
import { macErrorNotes, timestepsMacErrorNote } from '../../src/sim/macErrorNotes.js';
import { simulatorSpaceContext, simulatorSpaceNotes } from '../../src/app/index.js';
import { loadSpace } from '../../src/search/index.js';

const mlp = zooNetwork('mlp-mnist');
const config = (o: Record<string, string | number>) => applyOverrides(defaultConfig(), o);

describe('1-bit converters other than the sense amplifier', () => {
  it('one predicate: one output bit per conversion, whatever the kind', () => {
    for (const kind of ADC_KINDS) {
      expect(isOneBitConverter({ kind, bits: 1 })).toBe(true);
      expect(isOneBitConverter({ kind, bits: 5 })).toBe(kind === 'senseamp');
    }
  });

  it('HP weights on a 1-bit SAR, flash or ramp are noted as off their trained point (54% unnoted until 2026-12-06)', () => {
    for (const kind of ['sar', 'flash', 'ramp']) {
      expect(weightsDesignMismatch(mlp, config({ 'adc.kind': kind, 'adc.bits': 1 }))).toBe(
        `weights off their trained point: adc.bits=1 (${kind}) on fc1, fc2 (one comparator binarises the partial sums; trained for multi-bit converters)`);
    }
    expect(weightsDesignMismatch(mlp, config({ 'adc.bits': 2 }))).toBeUndefined();
    expect(weightsDesignMismatch(mlp, config({ 'layers.fc2.adc.bits': 1 }))).toBe(
      'weights off their trained point: adc.bits=1 (sar) on fc2 (one comparator binarises the partial sums; trained for multi-bit converters)');
  });

  it("evaluate's notes say the MAC error of a 1-bit SAR layer measures the binarisation", () => {
    const notes = macErrorNotes(mlp, config({ 'layers.fc1.adc.bits': 1 }), 0.5);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/^fc1 is read by 1-bit converters \(adc.bits=1, sar\): one comparator binarises each partial sum/);
    expect(macErrorNotes(mlp, config({}), 0.3)).toHaveLength(1);
  });
});

describe('the MAC error does not see timesteps', () => {
  it('evaluate notes it whenever the MAC error is reported, naming T', () => {
    expect(macErrorNotes(mlp, config({ 'snn.timesteps': 6 }), 0.3)[0]).toMatch(/^the MAC error .* is the error of one crossbar read: the same for every snn.timesteps \(here T = 6\)/);
    expect(macErrorNotes(mlp, config({ 'adc.kind': 'senseamp' }), NaN)).toEqual([]); // n/a: nothing reported
  });

  it('a space searching snn.timesteps against a MAC-error objective or constraint gets a note; the proxy sees T', () => {
    expect(timestepsMacErrorNote(['snn.timesteps', 'adc.bits'], ['energy_pJ', 'macError_rms', 'macError_rms'])).toMatch(
      /^snn.timesteps is searched against macError_rms: /);
    expect(timestepsMacErrorNote(['adc.bits'], ['macError_rms'])).toBeUndefined();
    expect(timestepsMacErrorNote(['snn.timesteps'], ['energy_pJ', 'accuracyProxy', 'accuracy'])).toBeUndefined();
  });

  it('the shipped default and ron-timesteps spaces get it, the device-adc-precision space (no T searched) does not', () => {
    for (const name of ['default', 'ron-timesteps']) {
      const notes = simulatorSpaceNotes(loadSpace(`search-spaces/${name}.json`, simulatorSpaceContext()));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^snn.timesteps is searched against macError_rms/);
    }
    expect(simulatorSpaceNotes(loadSpace('search-spaces/device-adc-precision.json', simulatorSpaceContext()))).toEqual([]);
  });
});
