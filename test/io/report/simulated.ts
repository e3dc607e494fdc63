/**
 * A run folder whose rows come from the real simulator: a small grid over device precision, ADC bits and
 * crossbar size, evaluated with evaluate() and written in the layout `cosearch search` writes. Report tests
 * use it to check that re-evaluating a front point reproduces its row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { loadNetwork } from '../../../src/model/index.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { METRICS, metricValues } from '../../../src/sim/metrics.js';

export interface SimulatedRun {
  readonly dir: string;
  readonly network: string;
  readonly base: Record<string, number | string>;
  readonly rows: readonly { index: number; params: Record<string, number | string>; metrics: Record<string, number>; feasible: boolean; error: string }[];
  readonly front: readonly number[];
}

type Sense = 'min' | 'max';

function dominates(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
}

/** Exact hypervolume (minimisation) of up to 3 objectives by slicing along the last one. */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const inside = points.filter((p) => p.every((v, i) => v < reference[i]));
  const d = reference.length;
  if (inside.length === 0) return 0;
  if (d === 1) return reference[0] - Math.min(...inside.map((p) => p[0]));
  const sorted = [...inside].sort((a, b) => a[d - 1] - b[d - 1]);
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) {
    const top = k + 1 < sorted.length ? sorted[k + 1][d - 1] : reference[d - 1];
    const depth = top - sorted[k][d - 1];
    if (depth > 0) volume += depth * hypervolume(sorted.slice(0, k + 1).map((p) => p.slice(0, d - 1)), reference.slice(0, d - 1));
  }
  return volume;
}

export function writeSimulatedRun(dir: string, objectives: readonly { metric: string; sense: Sense }[]): SimulatedRun {
  const network = 'vgg9-cifar10';
  const base = { 'snn.timesteps': 4 };
  const net = loadNetwork(network);
  const baseConfig = applyOverrides(defaultConfig(), base);
  const grid: Record<string, number | string>[] = [];
  const converters = [['sar', 4], ['sar', 5], ['sar', 6], ['sar', 8], ['senseamp', 1]] as const;
  for (const bitsPerCell of [1, 2, 4]) {
    for (const [kind, adcBits] of converters) {
      for (const size of [64, 128, 256]) grid.push({ 'device.bitsPerCell': bitsPerCell, 'adc.kind': kind, 'adc.bits': adcBits, 'crossbar.size': size });
    }
  }
  const evaluated = grid.map((params) => metricValues(evaluate(net, applyOverrides(baseConfig, params))));
  const areas = evaluated.map((m) => m.area_mm2).sort((a, b) => a - b);
  const areaLimit_mm2 = areas[Math.floor(0.8 * areas.length)]; // the largest fifth of designs violates it
  const rows = grid.map((params, index) => ({
    index, params, metrics: evaluated[index], feasible: evaluated[index].area_mm2 <= areaLimit_mm2, error: '',
  }));
  // One evaluation that failed, as a worker time-out is recorded.
  rows.push({ index: rows.length, params: { 'device.bitsPerCell': 2, 'adc.kind': 'sar', 'adc.bits': 7, 'crossbar.size': 32 }, metrics: {}, feasible: false, error: 'evaluation timed out after 1000 ms' });

  const oriented = (m: Record<string, number>) => objectives.map((o) => (o.sense === 'min' ? 1 : -1) * m[o.metric]);
  const frontOf = (subset: typeof rows) => {
    const ok = subset.filter((r) => r.feasible && r.error === '');
    return ok.filter((r) => !ok.some((q) => q !== r && dominates(oriented(q.metrics), oriented(r.metrics))));
  };
  const front = frontOf(rows);
  const perGeneration = 12;
  const generations = Math.ceil(rows.length / perGeneration);
  const all = rows.filter((r) => r.error === '').map((r) => oriented(r.metrics));
  const reference = objectives.map((_, k) => Math.max(...all.map((p) => p[k])) * (objectives[k].sense === 'min' ? 1.1 : 0.9));
  const hypervolumeByGeneration = Array.from({ length: generations }, (_, g) => {
    const seen = rows.slice(0, perGeneration * (g + 1));
    return { generation: g, evaluations: seen.length, hypervolume: hypervolume(frontOf(seen).map((r) => oriented(r.metrics)), reference) };
  });

  const paramNames = Object.keys(grid[0]);
  const metricNames = METRICS.map((m) => m.name);
  const header = ['index', 'generation', ...paramNames, ...metricNames, 'feasible', 'violation', 'error'];
  const record = (r: (typeof rows)[number]) => [
    r.index, Math.floor(r.index / perGeneration), ...paramNames.map((p) => r.params[p]),
    ...metricNames.map((m) => (r.metrics[m] === undefined ? '' : String(r.metrics[m]))),
    r.feasible ? 'true' : 'false', r.error === '' ? Math.max(0, r.metrics.area_mm2 - areaLimit_mm2) : '', r.error,
  ];
  const manifest = {
    space: 'simulated-grid', spaceFile: join(dir, 'space.json'), network, packageVersion: '0.1.0', seed: 7,
    strategy: { name: 'grid', settings: {} }, budget: { evaluations: rows.length }, workers: 1,
    parameters: paramNames.map((name) => ({ name, path: name, values: [...new Set(grid.map((p) => p[name]))] })),
    base, objectives, constraints: [{ metric: 'area_mm2', max: areaLimit_mm2 }], fingerprint: 'test',
    startedAt: '2026-11-23T01:10:00.000Z', endedAt: '2026-11-23T01:10:03.250Z', status: 'completed',
    evaluations: rows.length, failedEvaluations: 1, feasibleEvaluations: rows.filter((r) => r.feasible).length,
    paretoSize: front.length, hypervolumeReference: reference, hypervolumeByGeneration,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'evaluations.csv'), stringify([header, ...rows.map(record)]));
  writeFileSync(join(dir, 'pareto.csv'), stringify([header, ...front.map(record)]));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, network, base, rows, front: front.map((r) => r.index) };
}
