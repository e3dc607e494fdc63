/** Affinity routing: which waiting configuration a free worker takes (affinity.ts), and the piscina backend using it. */
import { describe, expect, it } from 'vitest';
import { AffinityQueue, WarmKeys } from '../../../src/search/backend/affinity.js';
import { PiscinaBackend, type Overrides } from '../../../src/search/index.js';
import { createRng } from '../../../src/util/rng.js';
import { createAffinity } from '../../../src/app/simulatorEvaluator.js';

describe('AffinityQueue', () => {
  it('gives each worker unclaimed keys first, then its own, then steals from the end of the largest', () => {
    const warm = new WarmKeys(2);
    //                               0    1    2    3    4    5    6    7    8
    const queue = new AffinityQueue(['a', 'b', 'a', 'c', 'a', 'b', 'a', 'a', 'd'], warm, 2);
    expect(queue.take(0, 2)).toEqual([0, 2]); // a: unclaimed, now worker 0's
    expect(queue.take(1, 2)).toEqual([1, 5]); // b: unclaimed, now worker 1's
    expect(queue.take(0, 2)).toEqual([3]); // c: unclaimed, before worker 0's own a
    expect(queue.take(1, 2)).toEqual([8]); // d
    expect(queue.take(0, 2)).toEqual([4, 6]); // a: warm on worker 0
    expect(queue.take(1, 2)).toEqual([7]); // nothing of worker 1's is left: the last of the largest (a), not timed yet
    expect(queue.take(0, 2)).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it("leaves a busy owner's key to it when it would finish sooner than another worker starting cold", () => {
    const warm = new WarmKeys(2);
    warm.timed(true, 10, 1); // 10 ms warm
    warm.timed(false, 200, 2); // 100 ms cold
    const queue = new AffinityQueue(['a', 'a', 'a', 'a'], warm, 2);
    expect(queue.take(0, 1)).toEqual([0]);
    expect(queue.take(1, 1)).toEqual([]); // 3 x 10 ms on worker 0 < 100 ms: worker 1 is done
    expect(queue.take(0, 1)).toEqual([1]);
    const next = new AffinityQueue(['b', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'], warm, 2);
    expect(next.take(1, 1)).toEqual([0]); // b: unclaimed
    expect(next.take(0, 1)).toEqual([1]);
    expect(next.take(1, 1)).toEqual([12]); // 11 x 10 ms > 100 ms: worth stealing, from the end
    expect(new AffinityQueue(['e'], warm, 2).take(0, 1)).toEqual([0]);
    const alone = new AffinityQueue(['e', 'e', 'e'], warm, 2);
    expect(alone.take(1, 1)).toEqual([2]); // worker 0 takes nothing in this call: worker 1 takes e all the same
    expect(alone.take(1, 1)).toEqual([0]); // and now has it warm
  });

  it("weighs a busy owner's whole backlog, over all its keys, against one cold configuration", () => {
    const warm = new WarmKeys(2);
    warm.timed(true, 10, 1); // 10 ms warm
    warm.timed(false, 100, 1); // 100 ms cold
    const first = new AffinityQueue(['a', 'b', 'c'], warm, 2);
    for (const i of [0, 1, 2]) expect(first.take(0, 1)).toEqual([i]); // worker 0 has a, b and c warm
    const short = new AffinityQueue(['a', 'a', 'b', 'b', 'c', 'c'], warm, 2);
    expect(short.take(0, 1)).toEqual([0]);
    expect(short.take(1, 1)).toEqual([]); // 5 x 10 ms < 100 ms: worker 1 is done
    //                              0    1    2    3    4    5    6    7    8    9   10   11
    const queue = new AffinityQueue(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c'], warm, 2);
    expect(queue.take(0, 1)).toEqual([0]);
    // 11 waiting x 10 ms > 100 ms, though the largest key alone (4 x 10 ms of b, or c) is not: the end of b.
    expect(queue.take(1, 1)).toEqual([7]);
  });

  it('remembers across calls which worker has a key warm', () => {
    const warm = new WarmKeys(2);
    const first = new AffinityQueue(['a', 'b'], warm, 2);
    expect(first.take(0, 1)).toEqual([0]);
    expect(first.take(1, 1)).toEqual([1]);
    const second = new AffinityQueue(['b', 'b', 'a', 'a'], warm, 2);
    expect(second.take(0, 8)).toEqual([2, 3]); // worker 0 had a
    expect(second.take(1, 8)).toEqual([0, 1]); // worker 1 had b
  });

  it('hands out every configuration exactly once, never mixing keys or exceeding the maximum', () => {
    const rng = createRng('affinity-queue');
    for (let round = 0; round < 50; round++) {
      const workers = 1 + rng.int(4);
      const warm = new WarmKeys(workers);
      for (let call = 0; call < 3; call++) {
        const keys = Array.from({ length: rng.int(40) }, () => `k${rng.int(6)}`);
        const queue = new AffinityQueue(keys, warm, workers);
        const seen: number[] = [];
        const running = Array.from({ length: workers }, (_, w) => w);
        while (running.length > 0) {
          const at = rng.int(running.length);
          const max = 1 + rng.int(5);
          const taken = queue.take(running[at], max);
          if (taken.length === 0) {
            running.splice(at, 1); // this worker is done for the call
            continue;
          }
          queue.timed(running[at], 1 + rng.int(100), taken.length);
          seen.push(...taken);
          expect(new Set(taken.map((i) => keys[i])).size).toBe(1);
          expect(taken.length).toBeLessThanOrEqual(max);
        }
        expect(seen.sort((x, y) => x - y)).toEqual(keys.map((_, i) => i));
      }
    }
  });
});

describe('piscina backend with affinity keys', () => {
  const evaluator = new URL('./fixtures/affinityEvaluator.ts', import.meta.url);

  it('returns the same outcomes in input order as without routing, keyless configurations included', async () => {
    const items: Overrides[] = Array.from({ length: 30 }, (_, i) => ({ x: i, group: i % 4, mode: i % 7 === 3 ? 'nokey' : 'ok' }));
    const routed = new PiscinaBackend({ evaluator, context: {}, workers: 2 });
    const plain = new PiscinaBackend({ evaluator, context: {}, workers: 2, affinity: false });
    try {
      const a = await routed.evaluate(items);
      const b = await plain.evaluate(items);
      expect(a.map((o) => o.metrics?.y)).toEqual(items.map((o) => 2 * Number(o.x)));
      expect(b.map((o) => o.metrics?.y)).toEqual(a.map((o) => o.metrics?.y));
    } finally {
      await Promise.all([routed.close(), plain.close()]);
    }
  });

  it('close() waits for the evaluators to close, not for the threads; `terminated` resolves when every worker thread has exited', async () => {
    const backend = new PiscinaBackend({ evaluator, context: {}, workers: 2 });
    const pools = (backend as unknown as { pools: { threads: unknown[] }[] }).pools;
    await backend.evaluate([{ x: 1, group: 'a' }, { x: 2, group: 'b' }]);
    expect(backend.terminated).toBeUndefined();
    await backend.close();
    const terminated = backend.terminated;
    expect(terminated).toBeInstanceOf(Promise);
    await backend.close();
    expect(backend.terminated).toBe(terminated); // closing twice terminates once
    await terminated;
    expect(pools.map((pool) => pool.threads.length)).toEqual([0, 0]);
  });

  it('sends a key to the worker that evaluated it before', async () => {
    const backend = new PiscinaBackend({ evaluator, context: {}, workers: 2 });
    try {
      const first = await backend.evaluate([{ x: 1, group: 'a' }, { x: 2, group: 'b' }]);
      const [a, b] = first.map((o) => o.metrics?.thread);
      expect(a).not.toBe(b);
      for (let call = 0; call < 3; call++) {
        const again = await backend.evaluate([{ x: 3, group: 'b' }, { x: 4, group: 'a' }]);
        expect(again.map((o) => o.metrics?.thread)).toEqual([b, a]);
      }
    } finally {
      await backend.close();
    }
  });
});

describe("the simulator's affinity keys", () => {
  const needed = ['energy_pJ', 'macError_rms'];
  it('group designs that program the same MAC-error proxies, and only for runs that use them', () => {
    const key = createAffinity({ network: 'vgg16-cifar10', base: { 'accuracy.macSamples': 50 }, needed });
    if (!key) throw new Error('expected an affinity key for a run that needs macError_rms');
    const design = { 'device.bitsPerCell': 4, 'adc.bits': 4, 'crossbar.size': 64, 'device.rOn_ohm': 1e4, 'snn.timesteps': 4 };
    // 8-bit weights: 2 slices on 4- to 7-bit cells.
    const same: Overrides[] = [{ 'adc.bits': 8 }, { 'snn.timesteps': 8 }, { 'device.bitsPerCell': 7 }];
    for (const change of same) expect(key({ ...design, ...change })).toBe(key(design));
    const other: Overrides[] = [{ 'device.bitsPerCell': 3 }, { 'snn.weightBits': 6 }, { 'device.rOn_ohm': 1e6 }, { 'crossbar.size': 128 }, { network: 'tiny' }, { 'accuracy.macSamples': 60 }, { 'snn.spikeRate': 0.2 }];
    for (const change of other) expect(key({ ...design, ...change })).not.toBe(key(design));
    expect(createAffinity({ network: 'vgg16-cifar10', base: {}, needed: ['energy_pJ', 'area_mm2'] })).toBeUndefined();
  });
});
