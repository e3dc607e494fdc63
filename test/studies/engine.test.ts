/** What a study changes in a run: the metrics it reads are computed for every row, the manifest records it, the fingerprint follows its needs. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/run/index.js';
import { runSearch } from '../../src/app/index.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { writeRunReport } from '../../src/io/report/index.js';

const base = {
  network: 'vgg9-cifar10',
  base: { 'accuracy.macSamples': 10 },
  parameters: { 'adc.bits': [4, 6] },
  objectives: ['energy_pJ:min'],
  strategy: 'grid',
};
const elaStudy = { title: 'ELA', source: 'test', expect: [{ metric: 'energy_pJ', along: 'adc.bits', trend: 'increasing' }] };
const macStudy = { title: 'MAC', source: 'test', expect: [{ metric: 'macError_rms', along: 'adc.bits', trend: 'decreasing' }] };

async function run(study?: unknown): Promise<{ fingerprint: string; macError: string[] | undefined; manifestStudy: unknown }> {
  const space = parseSpace({ ...base, ...(study ? { study } : {}) }, simulatorSpaceContext());
  const dir = join(mkdtempSync(join(tmpdir(), 'cosearch-study-engine-')), 'run');
  const result = await runSearch({ space, outDir: dir, workers: 1 });
  const csv = parseCsv(readFileSync(join(dir, 'evaluations.csv'), 'utf8'));
  const col = csv.header.indexOf('macError_rms');
  const macError = col < 0 ? undefined : csv.records.map((r) => r[col] ?? '');
  return { fingerprint: result.manifest.fingerprint, macError, manifestStudy: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).study };
}

describe('a study in the engine', () => {
  it('computes the metrics the study reads, records the study, and changes the fingerprint only when it adds a need', { timeout: 60_000 }, async () => {
    const plain = await run();
    const ela = await run(elaStudy);
    const mac = await run(macStudy);
    // Without a need for the accuracy engine the CSV has no column for it (on-demand columns, src/search/run/rows.ts);
    // a study that reads the MAC error adds the column and fills it.
    expect(plain.macError).toBeUndefined();
    expect(ela.macError).toBeUndefined();
    const measured = (mac.macError ?? []).map(Number);
    expect(measured).toHaveLength(2);
    expect(measured.every((v) => v > 0)).toBe(true);
    expect(measured[1]).toBeLessThan(measured[0] ?? 0);
    expect(plain.manifestStudy).toBeUndefined();
    expect(mac.manifestStudy).toEqual(macStudy);
    expect(ela.fingerprint).toBe(plain.fingerprint);
    expect(mac.fingerprint).not.toBe(plain.fingerprint);
  });

  it('a trend along network follows the space\'s network list, not the order a random strategy evaluated them in', { timeout: 60_000 }, async () => {
    // Random seed 1 evaluates caltech101, tinyimagenet, cifar10 first for one cache: the verdict used to follow that order and FAIL.
    const space = parseSpace({
      network: ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'],
      parameters: { 'snn.lifCache': ['sram', 'fefet'] },
      objectives: ['area_mm2:min'],
      strategy: 'random',
      seed: 1,
      budget: { evaluations: 12 },
      study: { title: 'LIF share', source: 'test', expect: [{ metric: 'lifAreaShare', along: 'network', trend: 'increasing' }] },
    }, simulatorSpaceContext());
    const dir = join(mkdtempSync(join(tmpdir(), 'cosearch-study-order-')), 'run');
    await runSearch({ space, outDir: dir, workers: 1 });
    const report = await writeRunReport(dir, { evaluatePoint: null });
    expect(report.studyPassed).toBe(true);
    const md = readFileSync(join(dir, 'study.md'), 'utf8');
    expect(md).toContain('(network vgg16-cifar10, vgg16-caltech101, vgg16-tinyimagenet)');
    expect(md).not.toContain('(network vgg16-caltech101');
  });
});
