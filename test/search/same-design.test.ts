/**
 * One chip, one front row (QA adcless defect 3): configurations that differ only in a setting their converters ignore
 * (the ADC registry's ignoredSettings, src/sim/effectiveDesign.ts) are one design. The run evaluates it once, keeps every
 * row drawn in evaluations.csv with the repeats marked (sameDesignAs), and lists it once on pareto.csv, in the
 * hypervolume, the report, `cosearch pick` and `cosearch pareto`; the CSVs are the same after a resume and on 1 or 2 workers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { readRun } from '../../src/io/report/run.js';
import { pickFromRun } from '../../src/cli/commands/pick.js';
import { frontOfCsv } from '../../src/cli/commands/pareto.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { effectiveOverrides } from '../../src/sim/effectiveDesign.js';
import { parseSpace } from '../../src/search/space/parse.js';

const context = simulatorSpaceContext();
const space = (parameters: Record<string, unknown>, objectives = ['energy_pJ:min', 'area_mm2:min'], base: Record<string, unknown> = {}, batchSize = 100) => parseSpace({
  name: 'same-design', network: 'mlp-mnist', base, parameters, objectives, strategy: { name: 'grid', batchSize }, seed: 1,
}, context);
const root = mkdtempSync(join(tmpdir(), 'cosearch-same-design-'));
let runs = 0;
const outDir = () => join(root, `run${runs++}`);
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** A CSV's column `name`, row by row. */
const column = (text: string, name: string) => {
  const table = parseCsv(text);
  return table.records.map((r) => r[table.header.indexOf(name)]);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('designs that differ only in a setting their converters ignore', () => {
  it('a sense-amplifier space sweeping adc.bits has one front row per chip', async () => {
    const run = await runSearch({ space: space({ 'adc.bits': [1, 4, 8], 'crossbar.size': [64, 128] }, undefined, { 'adc.kind': 'senseamp' }), outDir: outDir(), backend: 'in-thread' });
    const evaluations = read(run.dir, 'evaluations.csv');
    // Every row drawn stays (the strategy drew 6), the repeats naming the first row of their chip (grid order: bits slowest).
    expect(column(evaluations, 'index')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(column(evaluations, 'sameDesignAs')).toEqual(['', '', '0', '1', '0', '1']);
    expect(column(evaluations, 'energy_pJ')[2]).toBe(column(evaluations, 'energy_pJ')[0]);
    // Two chips (64 and 128 rows); the old engine put every bits value of the front's chip on pareto.csv.
    const front = column(read(run.dir, 'pareto.csv'), 'index');
    expect(front.length).toBe(run.paretoSize);
    expect(front.every((i) => ['0', '1'].includes(i))).toBe(true);
    const report = await readRun(run.dir);
    expect(report.front.map((r) => String(r.index))).toEqual(front);
    expect(report.notes.join(' ')).not.toMatch(/recomputed/);
    // Without pareto.csv (a run stopped before its end), the report's recomputed front skips the repeats too.
    rmSync(join(run.dir, 'pareto.csv'));
    expect((await readRun(run.dir)).front.map((r) => String(r.index))).toEqual(front);
    const pick = pickFromRun(run.dir, { constraint: [] });
    expect([pick.frontRows, pick.considered, pick.evaluations]).toEqual([front.length, 2, 6]);
    const pareto = frontOfCsv(join(run.dir, 'evaluations.csv'), run.manifest.objectives);
    expect(pareto.front.map((r) => r.index)).toEqual(front);
    expect(pareto.repeats).toBe(4);
  }, 120_000);

  it('a space of SAR and sense amplifiers merges the sense amplifiers only: SAR designs of different bits stay apart', async () => {
    // energy max against area min: every SAR resolution is a trade-off of its own, so all three are on the front.
    const run = await runSearch({ space: space({ 'adc.kind': ['sar', 'senseamp'], 'adc.bits': [2, 4, 8] }, ['energy_pJ:max', 'area_mm2:min']), outDir: outDir(), backend: 'in-thread' });
    const evaluations = read(run.dir, 'evaluations.csv');
    expect(column(evaluations, 'adc.kind')).toEqual(['sar', 'sar', 'sar', 'senseamp', 'senseamp', 'senseamp']);
    expect(column(evaluations, 'sameDesignAs')).toEqual(['', '', '', '', '3', '3']);
    const front = column(read(run.dir, 'pareto.csv'), 'index');
    expect(front.filter((i) => ['0', '1', '2'].includes(i))).toEqual(['0', '1', '2']);
    expect(front.filter((i) => ['4', '5'].includes(i))).toEqual([]);
  }, 120_000);

  it('a 1-bit SAR, flash and ramp are one chip, listed once (QA runs defect 1: rows 1, 5 and 9 on pareto.csv)', async () => {
    const run = await runSearch({ space: space({ 'adc.kind': ['sar', 'flash', 'ramp'], 'adc.bits': [1, 4], 'crossbar.size': [64, 128] }), outDir: outDir(), backend: 'in-thread' });
    const evaluations = read(run.dir, 'evaluations.csv');
    // Grid order, kind slowest: the 1-bit flash and ramp rows (4, 5, 8, 9) repeat the 1-bit SAR's (0, 1); 4 bits stay apart.
    expect(column(evaluations, 'sameDesignAs')).toEqual(['', '', '', '', '0', '1', '', '', '0', '1', '', '']);
    const front = column(read(run.dir, 'pareto.csv'), 'index');
    expect(front).toEqual(['1']);
    const pick = pickFromRun(run.dir, { constraint: [] });
    expect([pick.frontRows, pick.considered, pick.evaluations]).toEqual([1, 8, 12]);
  }, 120_000);

  it('a space no converter of which ignores a searched setting keeps its columns', async () => {
    const run = await runSearch({ space: space({ 'adc.kind': ['sar', 'flash'], 'adc.bits': [4, 8] }), outDir: outDir(), backend: 'in-thread' });
    expect(parseCsv(read(run.dir, 'evaluations.csv')).header).not.toContain('sameDesignAs');
  }, 120_000);

  it('gives the same CSVs after a resume and on 1 or 2 workers', async () => {
    const s = space({ 'adc.kind': ['senseamp', 'sar'], 'adc.bits': [1, 4, 8], 'adc.columnsPerAdc': [4, 8] }, undefined, {}, 4);
    const whole = await runSearch({ space: s, outDir: outDir(), backend: 'in-thread' });
    expect(column(read(whole.dir, 'evaluations.csv'), 'sameDesignAs')).toEqual(['', '0', '0', '0', '0', '0', '', '', '', '', '', '']);
    let batches = 0;
    const stopped = await runSearch({ space: s, outDir: outDir(), backend: 'in-thread', shouldStop: () => ++batches >= 1 });
    expect([stopped.status, stopped.evaluations]).toEqual(['interrupted', 4]);
    const resumed = await runSearch({ space: s, outDir: stopped.dir, backend: 'in-thread', resume: true });
    const one = await runSearch({ space: s, outDir: outDir(), workers: 1 });
    const two = await runSearch({ space: s, outDir: outDir(), workers: 2 });
    for (const run of [resumed, one, two]) {
      for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(run.dir, file)).toBe(read(whole.dir, file));
      expect(run.hypervolume).toBe(whole.hypervolume);
    }
  }, 300_000);

  it('in a layer-wise design, merges only over the ignored settings of the layer whose converter ignores them', async () => {
    const base = { 'layers.fc1.adc.kind': 'senseamp' };
    const run = await runSearch({ space: space({ 'layers.fc1.adc.bits': [4, 8], 'layers.fc2.adc.bits': [4, 8] }, undefined, base), outDir: outDir(), backend: 'in-thread' });
    // fc1 senses (its bits are ignored), fc2 converts with a SAR (its bits are not): (4, 4) = (8, 4), (4, 8) = (8, 8).
    expect(column(read(run.dir, 'evaluations.csv'), 'sameDesignAs')).toEqual(['', '', '0', '1']);
    // The rule itself: a global adc.bits and the chip's adc.offsetSigma_lsb reach fc2's SAR, so they stay; fc1's own values
    // (by name or index) go; fc2's own value stays.
    const network = zooNetwork('mlp-mnist');
    expect(network.layers.find((l) => l.index === 0)?.name).toBe('fc1');
    const overrides = { 'adc.bits': 6, 'layers.fc1.adc.bits': 8, 'layers.fc2.adc.columnsPerAdc': 4, 'layers.0.adc.columnsPerAdc': 16, 'adc.offsetSigma_lsb': 1 };
    const config = applyOverrides(applyOverrides(defaultConfig(), base), overrides);
    expect(effectiveOverrides(network, config, overrides)).toEqual({ 'adc.bits': 6, 'layers.fc2.adc.columnsPerAdc': 4, 'adc.offsetSigma_lsb': 1 });
    // Every layer sensing: the global adc.bits is read by none.
    const all = applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'adc.bits': 6 });
    expect(effectiveOverrides(network, all, { 'adc.kind': 'senseamp', 'adc.bits': 6 })).toEqual({ 'adc.kind': 'senseamp' });
  }, 120_000);

  it('is the simulator evaluator\'s rule, none for a space that cannot repeat a chip', () => {
    const { designKey } = simulatorEvaluator();
    const variables = (paths: Record<string, (string | number)[]>) => Object.entries(paths).map(([path, values]) => ({ name: path, path, targets: [path], values }));
    expect(designKey?.create({ network: 'mlp-mnist', networks: ['mlp-mnist'], base: {}, variables: variables({ 'adc.kind': ['sar', 'flash'], 'adc.bits': [4, 8] }) })).toBeUndefined();
    const key = designKey?.create({ network: 'mlp-mnist', networks: ['mlp-mnist'], base: {}, variables: variables({ 'adc.kind': ['sar', 'senseamp'], 'adc.bits': [4, 8] }) });
    expect(key?.({ 'adc.kind': 'senseamp', 'adc.bits': 4 })).toBe(key?.({ 'adc.kind': 'senseamp', 'adc.bits': 8 }));
    expect(key?.({ 'adc.kind': 'sar', 'adc.bits': 4 })).not.toBe(key?.({ 'adc.kind': 'sar', 'adc.bits': 8 }));
    // A configuration the simulator refuses is a design of its own.
    expect(key?.({ 'adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff' })).toBeUndefined();
  });
});
