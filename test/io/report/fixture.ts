/**
 * Writes a synthetic run folder in the format `cosearch search` writes (evaluations.csv, pareto.csv,
 * manifest.json), for the report tests. The metric values come from a toy formula of the parameters: they
 * only have to be deterministic and trade off against each other, not to be physics.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { EvaluatedBreakdown, PointEvaluator } from '../../../src/io/report/breakdown.js';
import { createRng } from '../../../src/util/rng.js';

export interface FixtureOptions {
  readonly objectives?: readonly { metric: string; sense: 'min' | 'max' }[];
  readonly evaluations?: number;
  readonly seed?: number;
}

export const COMPONENTS = ['crossbar', 'adc', 'lif', 'noc', 'buffer'] as const;
export const FIXTURE_METRICS = ['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs', 'topsPerW', 'accuracy', 'crossbars'] as const;

export interface FixtureRow {
  readonly index: number;
  readonly generation: number;
  readonly params: Record<string, number | string>;
  readonly metrics: Record<string, number>;
  readonly breakdown: Record<string, number>;
  readonly feasible: boolean;
  readonly violation: number;
  readonly error: string;
}

export interface Fixture {
  readonly dir: string;
  readonly rows: readonly FixtureRow[];
  readonly front: readonly FixtureRow[];
  readonly header: readonly string[];
  readonly manifest: Record<string, unknown>;
}

const AREA_LIMIT_mm2 = 60;

function dominates(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
}

export function writeFixtureRun(dir: string, options: FixtureOptions = {}): Fixture {
  const objectives = options.objectives ?? [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }];
  const n = options.evaluations ?? 48;
  const rng = createRng(`fixture:${options.seed ?? 1}`);
  const sizes = [32, 64, 128, 256];
  const rows: FixtureRow[] = [];
  for (let index = 0; index < n; index++) {
    const bitsPerCell = 1 + rng.int(4);
    const adcBits = 3 + rng.int(6);
    const size = sizes[rng.int(sizes.length)];
    const kind = rng.next() < 0.25 ? 'senseamp' : 'sar';
    const layer0Bits = 4 + rng.int(5);
    const crossbars = Math.ceil(8 / bitsPerCell) * (4096 / size);
    const energy: Record<string, number> = {
      crossbar: 40 * crossbars * (1 + 0.1 * rng.next()),
      adc: (kind === 'senseamp' ? 2 : 3 * 2 ** adcBits) * crossbars,
      lif: 900,
      noc: 15 * crossbars,
      buffer: 300,
    };
    const area: Record<string, number> = {
      crossbar: 0.02 * crossbars * (size / 64) ** 2,
      adc: (kind === 'senseamp' ? 0.001 : 0.0004 * 2 ** adcBits) * crossbars * (size / 8),
      lif: 2.5,
      noc: 0.05 * crossbars,
      buffer: 1.2,
    };
    const energy_pJ = Object.values(energy).reduce((s, v) => s + v, 0);
    const area_mm2 = Object.values(area).reduce((s, v) => s + v, 0);
    const latency_ns = 1e4 * (size / 64) * adcBits * (kind === 'senseamp' ? 0.3 : 1) * (1 + 0.2 * rng.next());
    const metrics: Record<string, number> = {
      energy_pJ, latency_ns, area_mm2,
      edp_pJs: energy_pJ * latency_ns * 1e-9,
      topsPerW: 1e6 / energy_pJ,
      accuracy: 0.8 + 0.02 * bitsPerCell + 0.01 * adcBits - (kind === 'senseamp' ? 0.05 : 0),
      crossbars,
    };
    const breakdown: Record<string, number> = {};
    for (const c of COMPONENTS) breakdown[`breakdown.energy_pJ.${c}`] = energy[c];
    for (const c of COMPONENTS) breakdown[`breakdown.area_mm2.${c}`] = area[c];
    const failed = index === 7;
    rows.push({
      index,
      generation: Math.floor(index / 12),
      params: { 'device.bitsPerCell': bitsPerCell, 'adc.bits': adcBits, 'adc.kind': kind, 'crossbar.size': size, 'layers.0.adc.bits': layer0Bits },
      metrics: failed ? {} : metrics,
      breakdown: failed ? {} : breakdown,
      feasible: !failed && area_mm2 <= AREA_LIMIT_mm2,
      violation: failed ? 0 : Math.max(0, area_mm2 - AREA_LIMIT_mm2),
      error: failed ? 'worker crashed: simulated failure' : '',
    });
  }
  // An objective may be a breakdown.* column.
  const oriented = (r: FixtureRow) => objectives.map((o) => (o.sense === 'min' ? 1 : -1) * (r.metrics[o.metric] ?? r.breakdown[o.metric]));
  const candidates = rows.filter((r) => r.feasible);
  const front = candidates.filter((r) => !candidates.some((q) => q !== r && dominates(oriented(q), oriented(r))));

  const paramNames = Object.keys(rows[0].params);
  const breakdownNames = Object.keys(rows.find((r) => r.error === '')!.breakdown);
  const header = ['index', 'generation', ...paramNames, ...FIXTURE_METRICS, ...breakdownNames, 'feasible', 'violation', 'error'];
  const toRecord = (r: FixtureRow) => [
    r.index, r.generation, ...paramNames.map((p) => r.params[p]), ...FIXTURE_METRICS.map((m) => r.metrics[m] ?? ''),
    ...breakdownNames.map((b) => r.breakdown[b] ?? ''), r.feasible ? 'true' : 'false', r.violation, r.error,
  ];
  const generations = Math.ceil(n / 12);
  // The flat layout `cosearch search` writes (src/io/manifest.ts).
  const manifest: Record<string, unknown> = {
    space: 'fixture-space',
    spaceFile: '/nowhere/fixture-space.json',
    network: 'vgg16-cifar10',
    packageVersion: '0.1.0',
    seed: options.seed ?? 1,
    strategy: { name: 'nsga2', settings: { populationSize: 12, generations } },
    budget: { evaluations: n },
    workers: 2,
    parameters: paramNames.map((name) => ({ name, path: name.replace(/^layers\.[^.]+\./, '') })),
    base: { 'snn.timesteps': 4, 'arch.clock_MHz': 250 },
    objectives,
    constraints: [{ metric: 'area_mm2', max: AREA_LIMIT_mm2 }],
    status: 'completed',
    startedAt: '2026-11-23T01:00:00.000Z',
    endedAt: '2026-11-23T01:00:42.500Z',
    evaluations: n,
    hypervolumeReference: objectives.map(() => 1),
    hypervolumeByGeneration: Array.from({ length: generations }, (_, g) => ({ generation: g, evaluations: 12 * (g + 1), hypervolume: 0.5 + 0.3 * (1 - 0.5 ** g) })),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'evaluations.csv'), stringify([header, ...rows.map(toRecord)]));
  writeFileSync(join(dir, 'pareto.csv'), stringify([header, ...front.map(toRecord)]));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, rows, front, header, manifest };
}

/**
 * A test evaluator standing in for the simulator: it finds the fixture row whose parameters the overrides
 * carry and returns that row's component breakdown (so totals agree with the CSV), split over two layers
 * 30 / 70. `calls` records each call.
 */
export function fixtureEvaluator(fixture: Fixture, calls: { network: unknown; overrides: Record<string, unknown> }[] = []): PointEvaluator {
  return async (network, overrides): Promise<EvaluatedBreakdown> => {
    calls.push({ network, overrides: { ...overrides } });
    const row = fixture.rows.find((r) => r.error === '' && Object.entries(r.params).every(([k, v]) => overrides[k] === v));
    if (!row) throw new Error('fixtureEvaluator: no fixture row has these parameters');
    const part = (quantity: string): Record<string, number> => Object.fromEntries(COMPONENTS.map((c) => [c, row.breakdown[`breakdown.${quantity}.${c}`]]));
    const { energy_pJ, area_mm2, latency_ns } = row.metrics;
    return {
      energy_pJ: part('energy_pJ'),
      area_mm2: part('area_mm2'),
      layers: [
        { index: 0, name: 'conv1', kind: 'conv', values: { energy_pJ: 0.3 * energy_pJ, latency_ns: 0.3 * latency_ns, area_mm2: 0.3 * area_mm2 } },
        { index: 1, name: 'fc', kind: 'linear', values: { energy_pJ: 0.7 * energy_pJ, latency_ns: 0.7 * latency_ns, area_mm2: 0.7 * area_mm2 } },
      ],
    };
  };
}
