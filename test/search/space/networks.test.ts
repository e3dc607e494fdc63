/** Spaces over several networks: `network` becomes the first, searched choice variable. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { parseCsv } from '../../../src/io/run/index.js';
import { writeRunReport } from '../../../src/io/report/index.js';
import { computeBreakdowns } from '../../../src/io/report/breakdown.js';
import { readRun, type RunRow } from '../../../src/io/report/run.js';
import { simulatorPointEvaluator } from '../../../src/io/report/simulator.js';
import { splitNetworkOverride } from '../../../src/model/index.js';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { parseSpace, spaceSize, type SpaceContext } from '../../../src/search/index.js';
import { spaceProblems } from './problems.js';

const LAYERS: Record<string, string[]> = { a: ['conv1', 'fc'], b: ['conv1', 'fc'], c: ['fc1', 'fc2'] };
const context: SpaceContext = simulatorSpaceContext({
  metrics: ['energy_pJ', 'area_mm2'],
  weightLayers(network) {
    const layers = LAYERS[network];
    if (!layers) throw new ConfigError(`unknown network "${network}"; expected one of a, b, c`);
    return layers;
  },
});
const space = (network: unknown, parameters: Record<string, unknown> = { 'adc.bits': [4, 5] }) => ({
  network, parameters, objectives: ['energy_pJ:min'], strategy: 'grid',
});
const problems = (raw: unknown): readonly string[] => spaceProblems(raw, context);

describe('network lists in a space', () => {
  it('a single name (or a one-name list) adds no variable', () => {
    for (const network of ['a', ['a']]) {
      const s = parseSpace(space(network), context);
      expect(s.network).toBe('a');
      expect(s.networks).toEqual(['a']);
      expect(s.variables.map((v) => v.name)).toEqual(['adc.bits']);
    }
  });

  it('several names make `network` the first variable, multiplying the space size', () => {
    const s = parseSpace(space(['a', 'b']), context);
    expect(s.network).toBe('a');
    expect(s.networks).toEqual(['a', 'b']);
    expect(s.variables[0]).toEqual({ name: 'network', path: 'network', values: ['a', 'b'], targets: ['network'] });
    expect(spaceSize(s)).toBe(4);
  });

  it('per-layer parameters work across networks with the same weight layers, and are refused otherwise', () => {
    const perLayer = { 'adc.bits': { values: [4, 5], perLayer: true } };
    expect(parseSpace(space(['a', 'b'], perLayer), context).variables.map((v) => v.name))
      .toEqual(['network', 'layers.conv1.adc.bits', 'layers.fc.adc.bits']);
    expect(problems(space(['a', 'c'], perLayer))).toEqual([
      's.json: network: per-layer or group parameters need networks with the same weight layers; a and c differ',
    ]);
  });

  it('names the entry of a bad list', () => {
    expect(problems(space(['a', 'zzz']))).toEqual(['s.json: network[1]: unknown network "zzz"; expected one of a, b, c']);
    expect(problems(space(['a', 'a']))).toEqual(['s.json: network[1]: "a" is listed twice']);
    expect(problems(space(['a', 3]))[0]).toMatch(/^s\.json: network\[1\]: got 3, expected a network name/);
    expect(problems(space([]))[0]).toMatch(/^s\.json: network: got \[\], expected a network name/);
  });

  it('splitNetworkOverride takes the network off a configuration', () => {
    expect(splitNetworkOverride({ network: 'a', 'adc.bits': 4 })).toEqual({ network: 'a', rest: { 'adc.bits': 4 } });
    expect(splitNetworkOverride({ 'adc.bits': 4 })).toEqual({ rest: { 'adc.bits': 4 } });
  });
});

describe('a search over several zoo networks', () => {
  it('evaluates each row on its own network; the report re-evaluates each front point on it', { timeout: 120_000 }, async () => {
    const s = parseSpace({
      name: 'two-nets',
      network: ['vgg9-cifar10', 'vgg16-cifar10'],
      parameters: { 'adc.bits': [4, 6] },
      objectives: ['energy_pJ:min', 'area_mm2:min'],
      strategy: 'grid',
    }, simulatorSpaceContext());
    const out = mkdtempSync(join(tmpdir(), 'cosearch-nets-'));
    const result = await runSearch({ space: s, outDir: join(out, 'run'), workers: 1 });
    expect(result.evaluations).toBe(4);
    const csv = parseCsv(readFileSync(join(result.dir, 'evaluations.csv'), 'utf8'));
    const col = (name: string) => csv.header.indexOf(name);
    expect(csv.header.slice(csv.header.indexOf('generation') + 1, csv.header.indexOf('generation') + 3)).toEqual(['network', 'adc.bits']);
    const crossbars = new Map(csv.records.map((r) => [r[col('network')], Number(r[col('crossbars')])]));
    // VGG16 holds more weights than VGG9, so more crossbars: each row ran on the network its column names.
    expect(crossbars.get('vgg16-cifar10')).toBeGreaterThan(crossbars.get('vgg9-cifar10') as number);
    const manifest = JSON.parse(readFileSync(join(result.dir, 'manifest.json'), 'utf8'));
    expect(manifest.network).toEqual(['vgg9-cifar10', 'vgg16-cifar10']);

    const rows: RunRow[] = [];
    const run = await readRun(result.dir, { onRow: (r) => rows.push(r) });
    expect(run.manifest.network).toEqual(['vgg9-cifar10', 'vgg16-cifar10']);
    // Re-evaluated on the wrong network, a point's totals would not match its CSV row.
    const breakdowns = await computeBreakdowns({ ...run, front: rows }, simulatorPointEvaluator());
    expect(breakdowns.length).toBe(4);
    for (const b of breakdowns) {
      expect(b.source).toBe('evaluate');
      expect(b.source === 'evaluate' && b.mismatch).toBeFalsy();
    }
    await writeRunReport(result.dir);
    expect(readFileSync(join(result.dir, 'report.html'), 'utf8')).toContain('vgg9-cifar10, vgg16-cifar10');
  });
});
