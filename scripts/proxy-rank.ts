/**
 * How well the accuracy proxies for networks without trained weights order designs like the measured hardware
 * accuracy (issue 11 item 3): the MAC error (`macError_rms`, Monte Carlo over i.i.d. Gaussian weights), the
 * spike-propagating proxy (`spikeProxy`, src/sim/nonideal/spikeProxy.ts), the rank proxy (`rankProxy`,
 * src/sim/nonideal/rankProxy.ts) and the two activity-prior candidates (`activityMacError`, `activityRankProxy`:
 * hidden layers at the untrained network's spike rates, src/sim/nonideal/activityPrior.ts; docs/accuracy.md), and the
 * empirical-read candidates (`empiricalRankProxy` C, `hiddenEmpiricalRankProxy` D = the shipped `accuracyProxy`).
 * The pre-registered measurements: --seed proxy-rank-wave2 (60 designs, 200 / 100 test samples) and --seed
 * proxy-rank-wave3 (60 designs, --samples-mlp 500 --samples-cnn 100).
 *   npx tsx scripts/proxy-rank.ts [--designs 60] [--samples-mlp 200] [--samples-cnn 100] [--samples S]
 *     [--networks mlp-mnist,cnn-mnist] [--seed proxy-rank] [--jobs 2] [--out results/proxy-rank.csv]
 *     [--accuracy-from results/proxy-rank.csv]
 * --samples S sets the test samples of both networks. Designs are drawn with a fixed seed (see drawDesigns); each
 * design is simulated on every network through simulateConfiguration (MAC error and accuracy from the same call),
 * the designs split over --jobs child processes. --accuracy-from takes the measured accuracy of each (network, id,
 * samples) from an earlier run's CSV (it is deterministic) and computes only the proxies; the stored runs are
 * test/sim/nonideal/rankProxyActivity.fixture.csv (seeds proxy-rank, proxy-rank-holdout, proxy-rank-wave2,
 * proxy-rank-wave3). Prints a per-design table and Spearman's rho per network and proxy (all designs, even ids, odd ids), and writes the rows to a CSV under
 * results/ (ignored by git).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { sampleRankCorrelation } from 'simple-statistics';
import { zooNetwork } from '../src/model/zoo.js';
import { macErrorOf } from '../src/sim/accuracy.js';
import { networkActivityProxy, networkEmpiricalProxy, networkRankProxy } from '../src/sim/nonideal/rankProxy.js';
import { networkSpikeProxy } from '../src/sim/nonideal/spikeProxy.js';
import { resolveConfiguration, simulateConfiguration } from '../src/sim/simulate.js';

export const MAPPINGS = ['differential-pair', 'offset-diff', 'reference-column'] as const;
export const SIZES = [32, 64, 128] as const;

export interface Design {
  readonly id: number;
  readonly 'device.bitsPerCell': number;
  readonly 'adc.bits': number;
  readonly 'crossbar.size': number;
  readonly 'device.rOn_ohm': number;
  readonly 'device.onOffRatio': number;
  readonly 'device.readNoiseSigma': number;
  readonly 'crossbar.signedMapping': string;
}

export interface Row extends Design {
  readonly network: string;
  readonly samples: number;
  readonly macError_rms: number;
  readonly spikeProxy: number;
  readonly rankProxy: number;
  readonly activityMacError: number;
  readonly activityRankProxy: number;
  readonly empiricalRankProxy: number;
  readonly hiddenEmpiricalRankProxy: number;
  readonly accuracy: number;
  readonly accuracy_ci95: number;
  readonly seconds: number;
}

/**
 * `n` designs, deterministic in `seed`: bits per cell uniform in 1..8, ADC bits uniform in 2..10, crossbar size
 * uniform in {32, 64, 128}, R_on log-uniform in [1e4, 1e6] Ω, On/Off uniform in [5, 100], read noise uniform in
 * [0.01, 0.2], signed mapping uniform over the three. Everything else at the registry defaults.
 */
export function drawDesigns(n: number, seed = 'proxy-rank'): Design[] {
  const rng = seedrandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const sig = (x: number) => Number(x.toPrecision(3));
  return Array.from({ length: n }, (_, id) => ({
    id,
    'device.bitsPerCell': int(1, 8),
    'adc.bits': int(2, 10),
    'crossbar.size': pick(SIZES),
    'device.rOn_ohm': sig(10 ** (4 + 2 * rng())),
    'device.onOffRatio': sig(5 + 95 * rng()),
    'device.readNoiseSigma': sig(0.01 + 0.19 * rng()),
    'crossbar.signedMapping': pick(MAPPINGS),
  }));
}

/** The proxies compared (both: smaller = worse hardware predicted). */
export const PROXIES = ['macError_rms', 'spikeProxy', 'rankProxy', 'activityMacError', 'activityRankProxy', 'empiricalRankProxy',
  'hiddenEmpiricalRankProxy'] as const;
export type ProxyName = (typeof PROXIES)[number];

/** A measured accuracy to reuse instead of simulating it (see --accuracy-from). */
export type KnownAccuracy = Pick<Row, 'accuracy' | 'accuracy_ci95'>;

/**
 * One design on one network: the MAC error and the measured accuracy from one simulateConfiguration call (or the
 * accuracy from `known`, the MAC error alone), and the spike-propagating proxy with the MAC error's seed and samples.
 */
export function measure(design: Design, network: string, samples: number, known?: KnownAccuracy): Row {
  const t0 = performance.now();
  const { id, ...overrides } = design;
  void id;
  const over = { ...overrides, 'accuracy.samples': samples };
  const { network: net, config } = resolveConfiguration(zooNetwork(network), over);
  const measured = known ? { ...known, macError_rms: macErrorOf(net, config).macError_rms }
    : simulateConfiguration(zooNetwork(network), over, { metrics: ['accuracy', 'accuracy_ci95', 'macError_rms'] }).metrics;
  const spike = networkSpikeProxy(net, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples);
  const rp = networkRankProxy(net, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples);
  const act = networkActivityProxy(net, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples);
  const emp = networkEmpiricalProxy(net, config, `${config.accuracy.seed}:macerror`, config.accuracy.macSamples);
  return {
    ...design,
    network,
    samples,
    macError_rms: measured.macError_rms,
    spikeProxy: spike.spikeProxy,
    rankProxy: rp.rankProxy,
    activityMacError: act.activityMacError,
    activityRankProxy: act.activityRankProxy,
    empiricalRankProxy: emp.empiricalRankProxy,
    hiddenEmpiricalRankProxy: emp.hiddenEmpiricalRankProxy,
    accuracy: measured.accuracy,
    accuracy_ci95: measured.accuracy_ci95,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Spearman's rho (midranks for ties) between a proxy and the accuracy of the rows of one network. */
export function spearman(rows: readonly Row[], proxy: ProxyName = 'macError_rms'): number {
  return sampleRankCorrelation(rows.map((r) => r[proxy]), rows.map((r) => r.accuracy));
}

/**
 * Accuracies of an earlier run's CSV, keyed `${network}:${id}:${samples}`. A CSV with a `seed` column (the stored
 * runs of test/sim/nonideal/rankProxyActivity.fixture.csv) gives only the rows of `seed`.
 */
export function readAccuracies(path: string, seed?: string): Map<string, KnownAccuracy> {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const col = head.split(',');
  const at = (name: string) => col.indexOf(name);
  const out = new Map<string, KnownAccuracy>();
  for (const line of lines) {
    const v = line.split(',');
    if (seed !== undefined && at('seed') >= 0 && v[at('seed')] !== seed) continue;
    out.set(`${v[at('network')]}:${v[at('id')]}:${v[at('samples')]}`, { accuracy: Number(v[at('accuracy')]), accuracy_ci95: Number(v[at('accuracy_ci95')]) });
  }
  return out;
}

const COLUMNS = ['network', 'id', 'device.bitsPerCell', 'adc.bits', 'crossbar.size', 'device.rOn_ohm', 'device.onOffRatio',
  'device.readNoiseSigma', 'crossbar.signedMapping', 'samples', 'macError_rms', 'spikeProxy', 'rankProxy',
  'activityMacError', 'activityRankProxy', 'empiricalRankProxy', 'hiddenEmpiricalRankProxy', 'accuracy', 'accuracy_ci95', 'seconds'] as const;

function toCsv(rows: readonly Row[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => String(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly Row[]): string {
  // Within a network: ranks of each proxy (1 = smallest) and of the accuracy (1 = highest), midranks.
  const rank = (xs: number[], desc: boolean) => xs.map((x) => {
    const less = xs.filter((y) => (desc ? y > x : y < x)).length;
    const eq = xs.filter((y) => y === x).length;
    return less + (eq + 1) / 2;
  });
  const pr = PROXIES.map((p) => rank(rows.map((r) => r[p]), false));
  const ar = rank(rows.map((r) => r.accuracy), true);
  const out = [`| id | bits/cell | ADC | size | R_on | On/Off | σ_read | mapping | ${PROXIES.join(' | ')} | accuracy ± CI95 | ${PROXIES.map((p) => `${p} rank`).join(' | ')} | acc rank |`,
    `|${'---|'.repeat(10 + 2 * PROXIES.length)}`];
  rows.forEach((r, i) => out.push(`| ${r.id} | ${r['device.bitsPerCell']} | ${r['adc.bits']} | ${r['crossbar.size']} | ${r['device.rOn_ohm'].toExponential(2)} | ${r['device.onOffRatio']} | ${r['device.readNoiseSigma']} | ${r['crossbar.signedMapping']} | ${PROXIES.map((p) => r[p].toPrecision(3)).join(' | ')} | ${(100 * r.accuracy).toFixed(1)}% ± ${(100 * r.accuracy_ci95).toFixed(1)} | ${pr.map((x) => x[i]).join(' | ')} | ${ar[i]} |`));
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      designs: { type: 'string', default: '60' },
      samples: { type: 'string' },
      'samples-mlp': { type: 'string', default: '200' },
      'samples-cnn': { type: 'string', default: '100' },
      networks: { type: 'string', default: 'mlp-mnist,cnn-mnist' },
      seed: { type: 'string', default: 'proxy-rank' },
      jobs: { type: 'string', default: '2' },
      out: { type: 'string', default: 'results/proxy-rank.csv' },
      'accuracy-from': { type: 'string' },
      shard: { type: 'string' },
    },
  });
  const designs = drawDesigns(Number(values.designs), values.seed);
  const networks = values.networks!.split(',');
  const samplesOf = (net: string) => Number(values.samples ?? (net === 'cnn-mnist' ? values['samples-cnn'] : values['samples-mlp']));
  if (values.shard !== undefined) {
    // Child: every design whose index is this shard modulo jobs, one JSON row per line on stdout.
    const [k, of] = values.shard.split('/').map(Number);
    const known = values['accuracy-from'] ? readAccuracies(values['accuracy-from'], values.seed) : undefined;
    for (const d of designs) {
      if (d.id % of !== k) continue;
      for (const net of networks) {
        const key = `${net}:${d.id}:${samplesOf(net)}`;
        if (known && !known.has(key)) throw new Error(`--accuracy-from ${values['accuracy-from']}: got no row ${key}, expected every design measured`);
        process.stdout.write(`${JSON.stringify(measure(d, net, samplesOf(net), known?.get(key)))}\n`);
      }
    }
    return;
  }
  const t0 = performance.now();
  const jobs = Math.max(1, Number(values.jobs));
  const script = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2).filter((a, i, all) => a !== '--jobs' && all[i - 1] !== '--jobs');
  const rows: Row[] = [];
  let done = 0;
  await Promise.all(Array.from({ length: jobs }, (_, k) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...passOn, '--shard', `${k}/${jobs}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const row = JSON.parse(buf.slice(0, nl)) as Row;
        buf = buf.slice(nl + 1);
        rows.push(row);
        done++;
        process.stderr.write(`\r${done}/${designs.length * networks.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${k} exited with ${code}`))));
  })));
  process.stderr.write('\n');
  rows.sort((a, b) => a.network.localeCompare(b.network) || a.id - b.id);
  for (const net of networks) {
    const rs = rows.filter((r) => r.network === net);
    const ci = Math.max(...rs.map((r) => r.accuracy_ci95));
    console.log(`\n## ${net}: ${rs.length} designs, ${samplesOf(net)} test samples each (95% Wilson half-width ≤ ${(100 * ci).toFixed(1)} pp)\n`);
    console.log(table(rs));
  }
  console.log('\nSpearman rank correlation between each proxy and accuracy (negative = more error, less accuracy):');
  for (const net of networks) {
    const rs = rows.filter((r) => r.network === net);
    const half = (odd: number) => rs.filter((r) => r.id % 2 === odd);
    for (const p of PROXIES) {
      console.log(`  ${net} ${p.padEnd(17)}: rho = ${spearman(rs, p).toFixed(3)} (${rs.length} designs, ${samplesOf(net)} samples;`
        + ` even ids ${spearman(half(0), p).toFixed(3)}, odd ids ${spearman(half(1), p).toFixed(3)})`);
    }
  }
  mkdirSync(dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, toCsv(rows));
  console.log(`\nrows: ${values.out}; wall time ${((performance.now() - t0) / 1000).toFixed(0)} s on ${jobs} processes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
