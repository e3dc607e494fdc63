/** `cosearch studies` (the list) and `cosearch studies run NAME` on a folder with a tiny study space. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerReport } from '../../src/cli/commands/report.js';
import { register } from '../../src/cli/commands/studies.js';
import { describeSpace } from '../../src/cli/commands/validate.js';
import { shippedSpace } from './helpers.js';
import { cliRunner } from '../cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-studies-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const cosearch = cliRunner([register, registerReport]);

const tiny = {
  description: 'SRAM vs FeFET LIF cache on VGG9 (2 evaluations, energy-latency-area only)',
  network: 'vgg9-cifar10',
  parameters: { 'snn.lifCache': ['sram', 'fefet'] },
  objectives: ['area_mm2:min'],
  strategy: 'grid',
  study: {
    title: 'Tiny LIF cache study',
    source: 'test',
    figures: [{ name: 'lif', x: 'snn.lifCache', y: ['breakdown.area_mm2.lif'] }],
    expect: [{ metric: 'breakdown.area_mm2.lif', of: { 'snn.lifCache': 'sram' }, to: { 'snn.lifCache': 'fefet' }, within: [2, 20] }],
    compare: { baseline: { 'snn.lifCache': 'sram' }, candidate: { 'snn.lifCache': 'fefet' }, metrics: ['area_mm2'] },
  },
};

describe('cosearch studies', () => {
  it('lists the shipped study spaces with title, source, size and strategy', async () => {
    const r = await cosearch('studies');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^name +title +source +size +strategy$/);
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual([
      'adc-less-vs-hp-adc', 'fig10d-ron', 'fig11-device-adc', 'fig12-lif-cache', 'fig7-area', 'fig8-timesteps', 'membrane-bits', 'pipesdfa-devices', 'pipesdfa-vs-bptt', 'table2-codependence',
    ]);
    expect(r.stdout).toMatch(/fig11-device-adc +Device precision vs ADC precision.* +72 +grid/);
  });

  it('refuses an unknown study name naming the shipped ones, and suggests the one a unique prefix or one edit gives', async () => {
    const names = 'adc-less-vs-hp-adc, fig10d-ron, fig11-device-adc, fig12-lif-cache, fig7-area, fig8-timesteps, membrane-bits, pipesdfa-devices, pipesdfa-vs-bptt, table2-codependence';
    const prefix = await cosearch('studies', 'run', 'fig8');
    expect(prefix.exitCode).toBe(1);
    expect(prefix.stderr).toBe(`cosearch: studies run: got "fig8", expected a study name (${names}) (did you mean "fig8-timesteps"?)\n`);
    const typo = await cosearch('studies', 'run', 'fig7-arae');
    expect(typo.stderr).toBe(`cosearch: studies run: got "fig7-arae", expected a study name (${names}) (did you mean "fig7-area"?)\n`);
    // A prefix of several names suggests none of them.
    const ambiguous = await cosearch('studies', 'run', 'fig1');
    expect(ambiguous.stderr).toBe(`cosearch: studies run: got "fig1", expected a study name (${names})\n`);
  });

  it('refuses a --dir that is missing or a file in one line, exit 1', async () => {
    const file = join(root, 'not-a-folder.json');
    writeFileSync(file, '{}');
    const r = await cosearch('studies', '--dir', file);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`cosearch: --dir: ${file}: is a file, expected a folder of search spaces\n`);
    const run = await cosearch('studies', 'run', 'tiny', '--dir', file);
    expect(run.stderr).toBe(`cosearch: --dir: ${file}: is a file, expected a folder of search spaces\n`);
    const missing = await cosearch('studies', '--dir', join(root, 'nope'));
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe(`cosearch: --dir: ${join(root, 'nope')}: no such folder, expected a folder of search spaces\n`);
  });

  it('cosearch validate names the study', () => {
    expect(describeSpace('f.json', shippedSpace('fig12-lif-cache'))).toContain(
      '  study: "SRAM vs FeFET U_mem cache: LIF area and energy" (Moitra et al. 2024 (the review), Fig. 12 a-b): 2 figures, 4 expectations (2 informational), 1 comparison\n');
  });

  it('runs one from a folder, writes study.md and its figure, and the report command redraws them', async () => {
    const dir = join(root, 'spaces');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ ...tiny, name: 'tiny' }));
    writeFileSync(join(dir, 'plain.json'), JSON.stringify({ ...tiny, study: undefined, name: 'plain' }));
    const list = await cosearch('studies', '--dir', dir);
    expect(list.stdout.trim().split('\n').slice(1).map((l) => l.split(' ')[0])).toEqual(['tiny']);

    const out = join(root, 'run');
    const r = await cosearch('studies', 'run', 'tiny', '--dir', dir, '--out', out, '--workers', '1', '--plain');
    expect(r.stderr).not.toMatch(/cosearch:|report failed/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`study:       ${join(out, 'study.md')} (every required expectation holds)`);
    const md = readFileSync(join(out, 'study.md'), 'utf8');
    expect(md).toContain('Verdict: **pass** (1 of 1 required expectation holds)');
    expect(md).toMatch(/\| area_mm2 improvement \| 1\.\d+x \| – \| – \|/);
    expect(existsSync(join(out, 'study-lif.svg'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<section id="study"><h2>Study: Tiny LIF cache study</h2>');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).study).toEqual(tiny.study);

    rmSync(join(out, 'study.md'));
    const again = await cosearch('report', out, '--no-evaluate');
    expect(again.stdout).toContain(`wrote ${join(out, 'study.md')}\n`);
    expect(readFileSync(join(out, 'study.md'), 'utf8')).toBe(md);

    // Into the same folder: refused, the run being complete: nothing to continue, another --out for a new run (since
    // 2026-12-07; before, the hint said --resume, which only reports the run complete, as below).
    const twice = await cosearch('studies', 'run', 'tiny', '--dir', dir, '--out', out, '--workers', '1', '--plain');
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain('already holds a completed run (evaluations.csv, ');
    expect(twice.stderr).toContain('nothing is left to continue; start the new run with another --out');
    const resumed = await cosearch('studies', 'run', 'tiny', '--dir', dir, '--out', out, '--resume', '--no-cache', '--plain');
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toMatch(/is already complete \(\d+ evaluations, stopped by .*\); nothing to resume/);

    // A broken neighbour in the folder does not stop the named study (only its own file is read).
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    const beside = await cosearch('studies', 'run', 'tiny', '--dir', dir, '--out', join(dir, 'beside'), '--workers', '1', '--plain');
    expect(beside.exitCode, beside.stderr).toBe(0);
    rmSync(join(dir, 'broken.json'));

    const unknown = await cosearch('studies', 'run', 'nope', '--dir', dir);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe('cosearch: studies run: got "nope", expected a study name (tiny)\n');
  });

  it('study.md of a run that did not complete says its verdict is provisional, how far the run got and how to continue it', async () => {
    const dir = join(root, 'spaces-cut');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ ...tiny, name: 'tiny', budget: { evaluations: 2 } }));
    const out = join(root, 'cut');
    expect((await cosearch('studies', 'run', 'tiny', '--dir', dir, '--out', out, '--workers', '1', '--plain')).exitCode).toBe(0);
    // Cut to 1 of the 2 evaluations, as a run interrupted before pareto.csv was written leaves it.
    const csv = readFileSync(join(out, 'evaluations.csv'), 'utf8').split('\n');
    writeFileSync(join(out, 'evaluations.csv'), `${csv.slice(0, 2).join('\n')}\n`);
    rmSync(join(out, 'pareto.csv'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted', evaluations: 1, feasibleEvaluations: 1, paretoSize: 1 }));
    const r = await cosearch('report', out, '--no-evaluate');
    expect(r.exitCode, r.stderr).toBe(0);
    const progress = 'the run was interrupted after 1 of 2 evaluations';
    expect(r.stdout).toContain(`study: an expectation FAILS (provisional: ${progress})\n`);
    expect(readFileSync(join(out, 'study.md'), 'utf8')).toContain(
      `Verdict: **FAIL** (provisional: ${progress}; continue it with: cosearch search ${join(dir, 'tiny.json')} --resume --out ${out} --strategy grid --seed ${manifest.seed} --budget 2; 0 of 1 required expectation hold)`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`FAIL</strong> (provisional: ${progress}; continue it with: cosearch search`);
  });
});
