/**
 * Evaluations over Redis (docs/distributed.md), against a private redis-server on 127.0.0.1:
 * (a) a VGG16 MAC-error workload (search-spaces/default.json's objectives) on 1 and 2 `cosearch worker`
 *     processes of one thread each, against the local 2-thread pool on the same configurations
 *     (goal: 2 processes >= 0.9x the local pool);
 * (b) scale-out on paper: an evaluator that sleeps 50 ms (no CPU) on 1, 4, 16 and 64 concurrency slots of one
 *     worker process; evaluations/s against the linear ideal (goal >= 0.8x at 64), and the coordinator's CPU
 *     per 1,000 evaluations (what limits how many machines one coordinator can feed).
 * Skips with a reason where redis-server is missing. DIST_BENCH_ONLY=mac|sleep runs one part.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatorEvaluator, simulatorSpaceContext, localFingerprint } from '../src/app/index.js';
import { PiscinaBackend, type EvaluationBackend, type Overrides } from '../src/search/index.js';
import { parseRedisUrl, RedisBackend } from '../src/search/backend/redis/index.js';
import { gridPoint, pointOverrides } from '../src/search/space/assign.js';
import { loadSpace, spaceSize } from '../src/search/space/parse.js';
import { createRng } from '../src/util/rng.js';
import { start, type Running } from '../test/cli/spawn.js';
import { redisMissing, startTestRedis } from '../test/distributed/redisServer.js';

if (redisMissing) {
  console.log(`distributed: skipped (${redisMissing})`);
  process.exit(0);
}
const only = process.env.DIST_BENCH_ONLY;
const redis = await startTestRedis();
const target = parseRedisUrl(redis.url);
const SLOW = new URL('../test/distributed/fixtures/slowEvaluator.ts', import.meta.url).pathname;

function worker(args: string[]): Promise<Running> {
  const w = start(['worker', '--backend', redis.url, ...args], 3_600_000);
  return new Promise((resolve) => {
    let text = '';
    w.child.stderr?.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('connected to')) resolve(w);
    });
  });
}
async function stop(ws: Running[]): Promise<void> {
  for (const w of ws) {
    w.child.kill('SIGTERM');
    await w.done;
  }
}
async function rate(backend: EvaluationBackend, items: Overrides[]): Promise<number> {
  const t0 = performance.now();
  await backend.evaluate(items);
  return items.length / ((performance.now() - t0) / 1000);
}

if (!only || only === 'mac') {
  const space = loadSpace(new URL('../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
  const context = { network: space.network, base: space.base, needed: space.objectives.map((o) => o.metric) };
  const rng = createRng('distributed-bench');
  const seen = new Set<number>();
  const points: Overrides[] = [];
  while (points.length < 4 * 40) {
    const i = rng.int(spaceSize(space));
    if (seen.has(i)) continue;
    seen.add(i);
    points.push(pointOverrides(space.variables, gridPoint(space.variables, i)));
  }
  // Each measurement warms up on its own 8 points, then evaluates the same 40 as the others.
  const measured = points.slice(0, 40);
  const localPool = new PiscinaBackend({ evaluator: simulatorEvaluator().module, context, workers: 2 });
  await localPool.evaluate(points.slice(40, 48));
  const local = await rate(localPool, measured);
  await localPool.close();
  const results: string[] = [`local pool (2 threads) ${local.toFixed(2)}/s`];
  for (const processes of [1, 2]) {
    // An empty server and no persistent cache: every configuration is evaluated, none recalled.
    spawnSync('redis-cli', ['-p', String(redis.port), 'flushall']);
    const ws = await Promise.all(Array.from({ length: processes }, () => worker(['--workers', '1', '--no-cache'])));
    const backend = new RedisBackend({ target, evaluator: 'simulator', context, fingerprint: () => localFingerprint([]), sweep_ms: 250 });
    await backend.evaluate(points.slice(48 + 8 * processes, 56 + 8 * processes));
    const r = await rate(backend, measured);
    await backend.close();
    await stop(ws);
    await sleep(100);
    results.push(`redis, ${processes} worker process(es) x 1 thread ${r.toFixed(2)}/s (${(r / local).toFixed(2)}x local)`);
  }
  console.log(`distributed mac (VGG16 MAC error, ${measured.length} configurations): ${results.join('; ')}; goal: 2 processes >= 0.9x local`);
}

if (!only || only === 'sleep') {
  const lines: string[] = [];
  let base: number | undefined;
  for (const slots of [1, 4, 16, 64]) {
    // One worker process taking `slots` jobs at once; automatic chunks (learned on a warm-up batch), then a batch
    // of 40 evaluations per slot.
    const ws = [await worker(['--in-thread', '--concurrency', String(slots), '--evaluator', `sleep=${SLOW}`])];
    const backend = new RedisBackend({ target, evaluator: 'sleep', context: { network: 'tiny', base: {}, delay_ms: 50, slots }, fingerprint: () => localFingerprint([]) });
    const point = (i: number): Overrides => ({ 'adc.bits': 2 + (i % 5), 'snn.timesteps': i });
    await backend.evaluate(Array.from({ length: 4 * slots }, (_, i) => point(-1 - i)));
    const items: Overrides[] = Array.from({ length: 40 * slots }, (_, i) => point(i));
    const cpu0 = process.cpuUsage();
    const r = await rate(backend, items);
    const cpu = process.cpuUsage(cpu0);
    await backend.close();
    await stop(ws);
    base ??= r;
    lines.push(`${slots} slot(s) ${r.toFixed(1)}/s (${(r / (base * slots)).toFixed(2)} of linear; coordinator CPU ${((cpu.user + cpu.system) / items.length).toFixed(0)} ms per 1,000 evaluations)`);
  }
  console.log(`distributed sleep (50 ms evaluations, automatic chunks): ${lines.join('; ')}; ideal: 20/s per slot; goal >= 0.8 of linear at 64`);
}
await redis.stop();
process.exit(0);
