/**
 * Which MAC error (`macError_rms`) still means a working chip (issue 12: bound the shipped spaces). Designs drawn from
 * the grid of search-spaces/default.json (bits per cell, ADC bits, crossbar size, R_on; RRAM, SAR, differential pair,
 * every other parameter at the registry defaults, T = 4, the space's 50 Monte Carlo reads per crossbar), each run on
 * the two trained networks: hardware accuracy and the network's own MAC error from one simulateConfiguration call,
 * plus VGG16's MAC error for the same design (the network the shipped spaces search). The accuracy drop is measured
 * against ideal hardware on the same test samples (no noise, no spread, no wire resistance, lossless 12-bit ADC:
 * equal to software, docs/accuracy.md "Ideal hardware equals software").
 *   npx tsx scripts/mac-error-bound.ts [--designs 40] [--samples-mlp 500] [--samples-cnn 300] [--seed mac-error-bound]
 *     [--targeted [--reverse]] [--ids 4,6,12] [--shard k/of --out results/mac-error-bound-k.jsonl]     one process's share of the designs, JSON lines
 *   npx tsx scripts/mac-error-bound.ts --report results/mac-error-bound-0.jsonl,results/mac-error-bound-1.jsonl [--ideals 0.972,0.99]
 * The report prints the per-design table sorted by MAC error and, for each candidate bound, the worst accuracy drop
 * of the designs at or under it.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { zooNetwork } from '../src/model/zoo.js';
import { simulateConfiguration } from '../src/sim/simulate.js';

/** The grid of search-spaces/default.json (timesteps left at the trained T = 4: the MAC error does not read it). */
const GRID = {
  'device.bitsPerCell': [1, 2, 3, 4, 5, 6, 7, 8],
  'adc.bits': [2, 3, 4, 5, 6, 7, 8],
  'crossbar.size': [32, 64, 128],
  'device.rOn_ohm': [1e4, 31622.7766017, 1e5, 316227.766017, 1e6],
} as const;
const BASE = { 'adc.kind': 'sar', 'device.kind': 'rram', 'accuracy.macSamples': 50, 'snn.timesteps': 4 } as const;
const IDEAL = { 'device.readNoiseSigma': 0, 'device.programmingSpread': 0, 'crossbar.rWire_ohm': 0, 'adc.bits': 12,
  'crossbar.size': 64, 'device.bitsPerCell': 4 } as const;
const NETWORKS = ['mlp-mnist', 'cnn-mnist'] as const;

type Design = { id: number } & { [K in keyof typeof GRID]: number };
interface Row extends Design {
  vgg16MacError: number;
  [k: string]: number;
}

/**
 * Designs picked to fill the transition (VGG16 MAC error 0.35-0.7, where the random draw puts few): coarser converters
 * and larger columns at R_on 100 kΩ, ids from 100.
 */
const TARGETED: readonly (readonly [number, number, number])[] = [[4, 4, 32], [4, 4, 64], [4, 5, 128], [4, 4, 128], [4, 6, 128], [4, 3, 32],
  [2, 3, 64], [2, 4, 128], [6, 5, 64], [6, 4, 32], [1, 3, 128], [8, 6, 64]];
export function targetedDesigns(): Design[] {
  return TARGETED.map(([cells, adc, size], i) => ({ id: 100 + i, 'device.bitsPerCell': cells, 'adc.bits': adc, 'crossbar.size': size, 'device.rOn_ohm': 1e5 }));
}

export function drawDesigns(n: number, seed: string): Design[] {
  const rng = seedrandom(seed);
  const pick = (xs: readonly number[]) => xs[Math.floor(rng() * xs.length)];
  return Array.from({ length: n }, (_, id) => ({
    id,
    'device.bitsPerCell': pick(GRID['device.bitsPerCell']),
    'adc.bits': pick(GRID['adc.bits']),
    'crossbar.size': pick(GRID['crossbar.size']),
    'device.rOn_ohm': pick(GRID['device.rOn_ohm']),
  }));
}

function measure(design: Design, samples: Record<string, number>): Row {
  const { id, ...overrides } = design;
  const row: Row = { ...design, vgg16MacError: 0 };
  for (const net of NETWORKS) {
    const r = simulateConfiguration(zooNetwork(net), { ...BASE, ...overrides, 'accuracy.samples': samples[net] },
      { metrics: ['accuracy', 'macError_rms'] });
    row[`${net}.macError`] = r.metrics.macError_rms;
    row[`${net}.accuracy`] = r.metrics.accuracy;
  }
  row.vgg16MacError = simulateConfiguration(zooNetwork('vgg16-cifar10'), { ...BASE, ...overrides }, { metrics: ['macError_rms'] })
    .metrics.macError_rms;
  void id;
  return row;
}

function ideal(samples: Record<string, number>): Record<string, number> {
  return Object.fromEntries(NETWORKS.map((net) => [net, simulateConfiguration(zooNetwork(net),
    { ...BASE, ...IDEAL, 'accuracy.samples': samples[net] }, { metrics: ['accuracy'] }).metrics.accuracy]));
}

const pct = (x: number) => (100 * x).toFixed(1);

function report(rows: Row[], ideals: Record<string, number>, samples: Record<string, number>): void {
  rows.sort((a, b) => a.vgg16MacError - b.vgg16MacError);
  console.log(`ideal hardware: ${NETWORKS.map((n) => `${n} ${pct(ideals[n])}% (${samples[n]} samples)`).join(', ')}\n`);
  console.log('| id | bits/cell | ADC | size | R_on | VGG16 macError | mlp macError | mlp drop (pp) | cnn macError | cnn drop (pp) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const drop = (n: string) => pct(ideals[n] - r[`${n}.accuracy`]);
    console.log(`| ${r.id} | ${r['device.bitsPerCell']} | ${r['adc.bits']} | ${r['crossbar.size']} | ${r['device.rOn_ohm'].toPrecision(3)} | `
      + `${r.vgg16MacError.toFixed(3)} | ${r['mlp-mnist.macError'].toFixed(3)} | ${drop('mlp-mnist')} | `
      + `${r['cnn-mnist.macError'].toFixed(3)} | ${drop('cnn-mnist')} |`);
  }
  console.log('\n| bound on the VGG16 macError | designs under it | worst mlp drop (pp) | worst cnn drop (pp) | first design above it: mlp / cnn drop (pp) |');
  console.log('|---|---|---|---|---|');
  for (const x of [0.1, 0.15, 0.2, 0.25, 0.3, 0.33, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8]) {
    const under = rows.filter((r) => r.vgg16MacError <= x);
    const above = rows.find((r) => r.vgg16MacError > x);
    const worst = (n: string) => (under.length ? pct(Math.max(...under.map((r) => ideals[n] - r[`${n}.accuracy`]))) : '-');
    const next = above ? `${pct(ideals['mlp-mnist'] - above['mlp-mnist.accuracy'])} / ${pct(ideals['cnn-mnist'] - above['cnn-mnist.accuracy'])}` : '-';
    console.log(`| ${x} | ${under.length} | ${worst('mlp-mnist')} | ${worst('cnn-mnist')} | ${next} |`);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      designs: { type: 'string', default: '40' },
      'samples-mlp': { type: 'string', default: '500' },
      'samples-cnn': { type: 'string', default: '300' },
      seed: { type: 'string', default: 'mac-error-bound' },
      shard: { type: 'string', default: '0/1' },
      out: { type: 'string', default: 'results/mac-error-bound.jsonl' },
      report: { type: 'string' },
      targeted: { type: 'boolean', default: false },
      reverse: { type: 'boolean', default: false },
      ids: { type: 'string' },
      ideals: { type: 'string' },
    },
  });
  const samples = { 'mlp-mnist': Number(values['samples-mlp']), 'cnn-mnist': Number(values['samples-cnn']) };
  if (values.report !== undefined) {
    const all = values.report.split(',').flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Row));
    const rows = [...new Map(all.map((r) => [r.id, r])).values()];
    // --ideals 0.972,0.99: ideal hardware's mlp and cnn accuracy already measured on these samples (skips two runs).
    const ideals = values.ideals === undefined ? ideal(samples) : Object.fromEntries(NETWORKS.map((n, i) => [n, Number(values.ideals!.split(',')[i])]));
    report(rows, ideals, samples);
    return;
  }
  const [k, of] = values.shard!.split('/').map(Number);
  mkdirSync(dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, '');
  const t0 = process.cpuUsage();
  const drawn = values.targeted ? targetedDesigns() : drawDesigns(Number(values.designs), values.seed!);
  // --ids 4,6,12: only these designs of the draw (to add designs to an earlier measurement).
  const only = values.ids === undefined ? undefined : new Set(values.ids.split(',').map(Number));
  const designs = only ? drawn.filter((d) => only.has(d.id)) : drawn;
  // --reverse: a second process working from the other end (the report keeps one row per id).
  for (const d of values.reverse ? designs.reverse() : designs) {
    if (d.id % of !== k) continue;
    appendFileSync(values.out!, `${JSON.stringify(measure(d, samples))}\n`);
  }
  const cpu = process.cpuUsage(t0);
  console.error(`shard ${k}/${of}: ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
