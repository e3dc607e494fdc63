/**
 * A sense amplifier on an unsigned (offset-diff) column (QA adcless defect 1): one rule (src/hardware/adcRange.ts
 * unsignedSenseColumn) refused by the configuration check, globally and per layer key, and said up front by a space
 * that can draw it.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { unsignedSenseColumn } from '../../src/hardware/adcRange.js';
import { adcSpaceNotes } from '../../src/app/adcSpaceNotes.js';
import { spaceLayers } from '../../src/app/spaceValues.js';
import { simulatorEvaluator } from '../../src/app/index.js';
import { refusal } from '../helpers/refusal.js';
import type { SpaceVariable } from '../../src/search/index.js';

const WHY = 'a sense amplifier compares one column with a reference, and on crossbar.signedMapping=offset-diff the offset of every active row ' +
  'dominates the column current, so its bit counts active rows, not the dot product (the digital DIFF comes after the bit)';

const MLP = spaceLayers(['mlp-mnist']);

describe('a sense amplifier needs a signed column', () => {
  it('is one rule: sense amplifiers on offset-diff only', () => {
    expect(unsignedSenseColumn('senseamp', 'offset-diff')).toBe(WHY);
    for (const mapping of ['differential-pair', 'reference-column']) expect(unsignedSenseColumn('senseamp', mapping)).toBeUndefined();
    for (const kind of ['sar', 'flash', 'ramp']) expect(unsignedSenseColumn(kind, 'offset-diff')).toBeUndefined();
  });

  it('is refused in one line naming the field, the value and the expectation, globally and per layer', () => {
    const base = defaultConfig();
    expect(refusal(() => applyOverrides(base, { 'adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff' }))).toBe(
      `crossbar.signedMapping: got offset-diff with adc.kind=senseamp, expected a signed mapping (reference-column or differential-pair): ${WHY} (docs/model-card.md, The ADC-less design)`);
    expect(refusal(() => applyOverrides(base, { 'layers.fc1.adc.kind': 'senseamp', 'layers.fc1.crossbar.signedMapping': 'offset-diff' })))
      .toMatch(/^layers\.fc1\.crossbar\.signedMapping: got offset-diff with layers\.fc1\.adc\.kind=senseamp, expected a signed mapping/);
    expect(applyOverrides(base, { 'adc.kind': 'senseamp' }).crossbar.signedMapping).toBe('differential-pair');
    expect(applyOverrides(base, { 'crossbar.signedMapping': 'offset-diff' }).adc.kind).toBe('sar');
    // A global pair that every layer key overrides with a SAR is read by no layer key's view.
    expect(applyOverrides(base, { 'layers.fc1.adc.kind': 'sar', 'layers.fc1.crossbar.signedMapping': 'differential-pair' }).adc.kind).toBe('sar');
  });

  it('a space that can draw it says so in one line up front', () => {
    const variable = (path: string, values: string[]): SpaceVariable => ({ name: path, path, targets: [path], values });
    const notes = adcSpaceNotes({ base: {}, variables: [variable('adc.kind', ['sar', 'senseamp']), variable('crossbar.signedMapping', ['offset-diff', 'differential-pair'])] }, MLP);
    expect(notes).toEqual([`adc.kind can be senseamp with crossbar.signedMapping=offset-diff: those designs are refused as they are drawn (failed rows in evaluations.csv, never on the front) because ${WHY} (docs/model-card.md, The ADC-less design)`]);
    expect(adcSpaceNotes({ base: {}, variables: [variable('adc.kind', ['sar', 'senseamp'])] }, MLP)).toEqual([]);
    expect(adcSpaceNotes({ base: { 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('adc.kind', ['sar', 'flash'])] }, MLP)).toEqual([]);
  });

  it('a space sweeping a setting some of its converters ignore says so in one line (QA adcless defect 3)', () => {
    const variable = (path: string, values: (string | number)[]): SpaceVariable => ({ name: path, path, targets: [path], values });
    expect(adcSpaceNotes({ base: {}, variables: [variable('adc.kind', ['sar', 'senseamp']), variable('adc.bits', [1, 4, 8])] }, MLP)).toEqual([
      'adc.bits is searched (1, 4, 8), but adc.kind=senseamp (it resolves 1 bit whatever adc.bits says) ignores it: such designs differ only in a ' +
        'setting they do not read, so they are one chip, evaluated once and listed once (its first row) on the front, in pareto.csv, the report and pick; ' +
        'evaluations.csv keeps every row drawn, a repeat naming its first row in sameDesignAs',
    ]);
    // At 1 bit a SAR and a flash are one circuit (QA runs defect 1): adc.kind is then the setting not read; adc.bits never is.
    expect(adcSpaceNotes({ base: {}, variables: [variable('adc.kind', ['sar', 'flash']), variable('adc.bits', [1, 4, 8])] }, MLP)).toEqual([
      'adc.kind is searched (sar, flash), but adc.kind=sar|flash at adc.bits=1 (at 1 bit a SAR, flash and ramp are one circuit, one comparator against ' +
        'one reference) ignores it: such designs differ only in a setting they do not read, so they are one chip, evaluated once and listed once (its ' +
        'first row) on the front, in pareto.csv, the report and pick; evaluations.csv keeps every row drawn, a repeat naming its first row in sameDesignAs',
    ]);
    expect(adcSpaceNotes({ base: {}, variables: [variable('adc.kind', ['sar', 'flash']), variable('adc.bits', [4, 8])] }, MLP)).toEqual([]);
    expect(adcSpaceNotes({ base: { 'adc.bits': 1 }, variables: [variable('adc.offsetSigma_lsb', [0, 1])] }, MLP)[0])
      .toMatch(/^adc\.offsetSigma_lsb is searched \(0, 1\), but adc\.kind=sar at adc\.bits=1 \(a 1-bit decision/);
  });

  it('says a sweep is one chip only where some design lets no layer read it, as the design key merges (QA recent defect 1)', () => {
    const variable = (path: string, values: (string | number)[]): SpaceVariable => ({ name: path, path, targets: [path], values });
    const { designKey } = simulatorEvaluator();
    const keyOf = (base: Record<string, string | number>, variables: SpaceVariable[]) => designKey?.create({ network: 'mlp-mnist', networks: ['mlp-mnist'], base, variables });
    // QA s1 and s6: fc2's SAR (or flash) reads the global adc.bits in every design, so no two designs are one chip.
    const s1 = [variable('layers.fc1.adc.kind', ['sar', 'senseamp']), variable('adc.bits', [4, 6, 8])];
    const s6 = [variable('adc.kind', ['sar', 'senseamp']), variable('layers.fc2.adc.kind', ['sar', 'flash']), variable('adc.bits', [3, 6])];
    for (const variables of [s1, s6]) {
      expect(adcSpaceNotes({ base: {}, variables }, MLP)).toEqual([]);
      expect(keyOf({}, variables)).toBeUndefined();
    }
    // fc1 senses and fc1's sense amplifier reads the global sense offset: not ignored either.
    expect(adcSpaceNotes({ base: { 'layers.fc1.adc.kind': 'senseamp' }, variables: [variable('adc.senseOffsetSigma_uA', [0, 5])] }, MLP)).toEqual([]);
    // Where fc2 can sense too, the designs with both layers sensing are one chip: said, and merged by the key.
    const both = [variable('layers.fc2.adc.kind', ['sar', 'senseamp']), variable('adc.bits', [4, 8])];
    const fc1Senses = { 'layers.fc1.adc.kind': 'senseamp' };
    expect(adcSpaceNotes({ base: fc1Senses, variables: both }, MLP)[0]).toMatch(/^adc\.bits is searched \(4, 8\), but adc\.kind=senseamp \(it resolves 1 bit whatever adc\.bits says\) ignores it: /);
    const key = keyOf(fc1Senses, both);
    expect(key?.({ 'layers.fc2.adc.kind': 'senseamp', 'adc.bits': 4 })).toBe(key?.({ 'layers.fc2.adc.kind': 'senseamp', 'adc.bits': 8 }));
    expect(key?.({ 'layers.fc2.adc.kind': 'sar', 'adc.bits': 4 })).not.toBe(key?.({ 'layers.fc2.adc.kind': 'sar', 'adc.bits': 8 }));
    // A value one layer reads alone (fc2 sets its own bits): ignored wherever fc1 senses.
    expect(adcSpaceNotes({ base: { 'layers.fc2.adc.bits': 6 }, variables: [variable('layers.fc1.adc.kind', ['sar', 'senseamp']), variable('adc.bits', [4, 8])] }, MLP)).toHaveLength(1);
    // Beyond 4096 joint designs (16 VGG16 layers of two kinds each, x 2 bits) each layer is read alone: every layer can
    // sense, so said; conv1 held at its SAR reads the bits in every design, so not.
    const vgg = spaceLayers(['vgg16-cifar10']);
    const kinds = vgg.map((l) => variable(`layers.${l?.name ?? ''}.adc.kind`, ['sar', 'senseamp']));
    expect(adcSpaceNotes({ base: {}, variables: [...kinds, variable('adc.bits', [4, 8])] }, vgg)).toHaveLength(1);
    expect(adcSpaceNotes({ base: {}, variables: [...kinds.slice(1), variable('adc.bits', [4, 8])] }, vgg)).toEqual([]);
  });
});

