/**
 * The IR-loss note on every evaluation (QA edges defect 2): `cosearch evaluate`'s model notes without accuracy, and a
 * search row's note (SIMULATOR_ROW_NOTE) beside the trained-point note.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATOR_ROW_NOTE } from '../../src/app/rowNote.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';

describe('the IR-loss note on every evaluation', () => {
  it('is one of the model notes (not only beside accuracy): 256x256 crossbars at R_on 20 kΩ', () => {
    const notes = modelAssumptionNotes(zooNetwork('vgg16-cifar10'), applyOverrides(defaultConfig(), { 'crossbar.size': 256 }));
    expect(notes.filter((n) => /IR drop/.test(n))).toHaveLength(1);
    expect(notes.find((n) => /IR drop/.test(n))).toMatch(/energy and latency price the full column current, without the loss/);
    expect(modelAssumptionNotes(zooNetwork('vgg16-cifar10'), defaultConfig()).some((n) => /IR drop/.test(n))).toBe(false);
  });
  it("is in a search row's note for such a design, and absent at the defaults", () => {
    const of = SIMULATOR_ROW_NOTE.create({ network: 'vgg16-cifar10', base: {} });
    expect(of({ 'crossbar.size': 256 })).toMatch(/^layer conv1's 256x256 crossbars .* lose an estimated \d+% of their column current to IR drop/);
    expect(of({})).toBeUndefined();
  });
});
