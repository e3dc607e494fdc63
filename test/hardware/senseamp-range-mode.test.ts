/**
 * A sense amplifier ignores adc.rangeMode (QA recent defect 2): the mode sets a quantizer's step, and a threshold's
 * reference only on an unsigned column, which a sense amplifier is refused. Two designs differing only in it are one
 * chip in every engine (the ELA, the accuracy engine, the MAC error, the training cost and the on-chip training's read
 * model), so the registry lists it (senseamp.ts SENSEAMP_IGNORED) and a search lists the chip once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../src/app/index.js';
import { crossbarReadModel } from '../../src/app/train.js';
import { adcKind } from '../../src/hardware/components/adc/index.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { parseCsv } from '../../src/io/run/index.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateAccuracy, macErrorOf } from '../../src/sim/accuracy.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { trainingCost } from '../../src/sim/training/cost.js';
import { parseSpace } from '../../src/search/space/parse.js';

const mlp = loadNetwork('mlp-mnist');
const design = (rangeMode: string, o: Record<string, string | number> = {}) =>
  applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'adc.rangeMode': rangeMode, 'accuracy.samples': 20, 'training.algorithm': 'sdfa', ...o });
const root = mkdtempSync(join(tmpdir(), 'cosearch-range-mode-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a sense amplifier ignores adc.rangeMode (QA recent defect 2)', () => {
  it('gives bit-identical outcomes in every engine for clip and full', () => {
    const [clip, full] = [design('clip'), design('full')];
    expect(evaluate(mlp, full)).toEqual(evaluate(mlp, clip));
    expect(trainingCost(mlp, full)).toEqual(trainingCost(mlp, clip));
    const accuracy = evaluateAccuracy(mlp, clip);
    expect(accuracy.accuracy).toBeGreaterThan(0.5);
    expect(evaluateAccuracy(mlp, full)).toEqual(accuracy);
    // The MAC error does not apply to a sense amplifier: NaN for both, no layer.
    expect(macErrorOf(mlp, full)).toEqual(macErrorOf(mlp, clip));
    // The on-chip training's read model: the same bits for every column value, the same label.
    const [a, b] = [crossbarReadModel(clip, 16), crossbarReadModel(full, 16)];
    const values = Float64Array.from({ length: 64 }, (_, i) => (i - 32) * 7.5);
    const [va, vb] = [values.slice(), values.slice()];
    a.convert!(va, 64);
    b.convert!(vb, 64);
    expect(Array.from(vb)).toEqual(Array.from(va));
    expect([b.label, b.fullScale_levels]).toEqual([a.label, a.fullScale_levels]);
  });

  it('is among its ignored settings: named when set, and read where a layer\'s SAR reads it', () => {
    expect(adcKind('senseamp').ignoredSettings(5).map((s) => s.path)).toContain('adc.rangeMode');
    const ignored = (c: ReturnType<typeof design>) => modelAssumptionNotes(mlp, c).filter((n) => n.includes('is ignored by'));
    expect(ignored(design('full'))).toEqual(['adc.rangeMode=full is ignored by adc.kind=senseamp (its one decision on a signed column compares the difference ' +
      'with its reference, not a range): the result is the same as without it (docs/simulator.md, ADC kinds)']);
    // fc2's SAR reads the mode: no note.
    expect(ignored(design('full', { 'layers.fc2.adc.kind': 'sar' }))).toEqual([]);
  });

  it('a search over {sar, senseamp} x {clip, full} lists the sense-amplifier chip once (QA s8: #4 and #6)', async () => {
    const space = parseSpace({
      name: 'range-mode', network: 'mlp-mnist', parameters: { 'adc.kind': ['sar', 'senseamp'], 'adc.rangeMode': ['clip', 'full'], 'adc.bits': [4, 6] },
      objectives: ['energy_pJ:min', 'latency_ns:min'], strategy: { name: 'grid' }, seed: 1,
    }, simulatorSpaceContext());
    const run = await runSearch({ space, outDir: join(root, 'run'), backend: 'in-thread' });
    const csv = (file: string) => parseCsv(readFileSync(join(run.dir, file), 'utf8'));
    const evaluations = csv('evaluations.csv');
    const col = (name: string) => evaluations.records.map((r) => r[evaluations.header.indexOf(name)]);
    const senseRows = col('index').filter((_, i) => col('adc.kind')[i] === 'senseamp');
    // Four sense-amplifier rows (2 modes x 2 bits), one chip: the first, the others naming it.
    expect(senseRows).toHaveLength(4);
    expect(senseRows.map((i) => col('sameDesignAs')[Number(i)])).toEqual(['', senseRows[0], senseRows[0], senseRows[0]]);
    const front = csv('pareto.csv');
    const frontKinds = front.records.map((r) => r[front.header.indexOf('adc.kind')]);
    expect(frontKinds.filter((k) => k === 'senseamp')).toHaveLength(1);
  }, 120_000);
});
