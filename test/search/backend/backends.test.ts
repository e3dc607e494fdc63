/** The backend seam: in-thread and piscina backends give byte-identical runs; the cache wraps any backend. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { CachedBackend, InThreadBackend, parseSpace, runSearch as runSearchWithBackend, type EvalOutcome, type EvaluatorContext, type EvaluationBackend, type Overrides } from '../../../src/search/index.js';
import { FIXTURE_METRICS } from '../fixtures/hardwareEvaluator.js';
import { cliRunner } from '../../cli-harness.js';
import { register as registerSearch } from '../../../src/cli/commands/search.js';
import { asyncRefusal, refusal } from '../../helpers/refusal.js';
import { parseManifest, readManifest } from '../../../src/io/run/index.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const space = parseSpace(
  {
    name: 'small',
    network: 'tiny',
    parameters: { 'device.bitsPerCell': { min: 1, max: 4 }, 'adc.bits': { min: 2, max: 6 }, 'crossbar.size': [64, 128] },
    objectives: ['energy_uJ:min', 'area_mm2:min'],
    constraints: ['accuracy >= 0.6'],
    strategy: { name: 'nsga2', populationSize: 8, generations: 4 },
    seed: 5,
  },
  context,
);
const evaluator = { module: new URL('../fixtures/hardwareEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS };
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const outDir = () => join(mkdtempSync(join(tmpdir(), 'cosearch-backend-')), 'run');

describe('evaluation backends', () => {
  it('give byte-identical CSVs in-thread and on 1 or 2 piscina workers', async () => {
    const inThread = await runSearch({ space, outDir: outDir(), evaluator, backend: 'in-thread' });
    const one = await runSearch({ space, outDir: outDir(), evaluator, workers: 1 });
    const two = await runSearch({ space, outDir: outDir(), evaluator, workers: 2 });
    expect(inThread.evaluations).toBeGreaterThan(8);
    for (const file of ['evaluations.csv', 'pareto.csv']) {
      expect(read(one.dir, file)).toBe(read(inThread.dir, file));
      expect(read(two.dir, file)).toBe(read(inThread.dir, file));
    }
    expect(inThread.manifest.workers).toBe(1);
    expect(two.manifest.workers).toBe(2);
  });

  it('evaluates in the calling thread through the evaluator-module interface, recording errors', async () => {
    const backend = new InThreadBackend({ evaluator: new URL('../pool/fixtures/evaluator.ts', import.meta.url), context: { offset: 1 } });
    const out = await backend.evaluate([{ x: 1 }, { x: 2, mode: 'throw' }, { x: 3 }]);
    expect(out).toEqual([{ metrics: expect.objectContaining({ y: 3 }) }, { error: 'cannot evaluate x=2' }, { metrics: expect.objectContaining({ y: 7 }) }]);
    expect(backend.parallelism).toBe(1);
    await backend.close();
  });

  it('caches by canonical key around any backend and replays remembered outcomes', async () => {
    const seen: Overrides[][] = [];
    const counting: EvaluationBackend = {
      parallelism: 3,
      evaluate: async (items) => {
        seen.push([...items]);
        return items.map((o): EvalOutcome => ({ metrics: { y: Number(o.x) } }));
      },
      close: async () => undefined,
    };
    const cached = new CachedBackend(counting);
    cached.remember({ x: 9 }, { error: 'recorded' });
    const out = await cached.evaluate([{ x: 1, k: 'a' }, { k: 'a', x: 1 }, { x: 9 }, { x: 2 }]);
    expect(out).toEqual([{ metrics: { y: 1 } }, { metrics: { y: 1 } }, { error: 'recorded' }, { metrics: { y: 2 } }]);
    expect(seen).toEqual([[{ x: 1, k: 'a' }, { x: 2 }]]);
    expect(cached.parallelism).toBe(3);
    expect(cached.evaluated).toBe(2);
  });

  // A Redis job that failed on every worker crashed `cosearch search` with a raw stack (exit 1, no cosearch: line).
  it('passes a backend failure to its callers only: no unhandled rejection from the evaluations it shares', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const failing: EvaluationBackend = { parallelism: 1, evaluate: async () => Promise.reject(new Error('job failed on the workers')), close: async () => undefined };
      const cached = new CachedBackend(failing);
      await expect(cached.evaluate([{ x: 1 }, { x: 2 }])).rejects.toThrow('job failed on the workers');
      await new Promise((resolve) => setTimeout(resolve, 20)); // Node reports unhandled rejections after the microtasks
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('runs the simulator in-thread from the command line (--in-thread) to the same CSVs as a worker', { timeout: 120_000 }, async () => {
    const cli = cliRunner([registerSearch]);
    const space = new URL('../../../search-spaces/fig12-lif-cache.json', import.meta.url).pathname;
    const [a, b] = [outDir(), outDir()];
    expect((await cli('search', space, '--in-thread', '--out', a, '--plain')).exitCode).toBe(0);
    expect((await cli('search', space, '--workers', '1', '--out', b, '--plain')).exitCode).toBe(0);
    for (const file of ['evaluations.csv', 'pareto.csv']) expect(read(a, file)).toBe(read(b, file));
    expect(JSON.parse(read(a, 'manifest.json')).workers).toBe(1);
  });

  it('says why the hypervolume is 0 when no front design beats the reference point', { timeout: 120_000 }, async () => {
    const cli = cliRunner([registerSearch]);
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-backend-'));
    const space = join(dir, 'space.json');
    writeFileSync(space, JSON.stringify({ name: 'below-reference', network: 'vgg16-cifar10', parameters: { 'adc.bits': [4, 6] },
      objectives: [{ metric: 'energy_pJ', sense: 'min', reference: 1 }, 'area_mm2:min'], strategy: 'grid', seed: 1 }));
    const run = await cli('search', space, '--in-thread', '--no-cache', '--out', join(dir, 'run'), '--plain');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Pareto front: \d+ configurations?, hypervolume 0\.00000\n/);
    expect(run.stderr).toContain('search: hypervolume 0: no front design beats the reference point in every objective');
  });
});

describe('runSearch refuses what it would ignore, before anything is written', () => {
  /** The ConfigError message, and that the run folder was not created. */
  async function refused(run: (out: string) => Promise<unknown>): Promise<string> {
    const out = outDir();
    const message = await asyncRefusal(() => run(out));
    expect(existsSync(out)).toBe(false);
    return message;
  }

  it('a backend name no local backend has, with a suggestion (a JavaScript caller\'s typo ran piscina)', async () => {
    const typo = 'inthread' as 'in-thread';
    const expected = 'backend: got "inthread", expected one of piscina, in-thread or a Redis choice { target } (did you mean "in-thread"?)';
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: typo }))).toBe(expected);
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: typo, workers: 2 }))).toBe(expected);
  });

  it('an in-thread backend with a time limit or workers, a Redis backend with workers or a time limit (the CLI says it in flags)', async () => {
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', evalTimeout_ms: 1000 }))).toBe(
      'backend "in-thread": got evalTimeout_ms too, expected one of backend "in-thread" and evalTimeout_ms (an evaluation in this thread cannot be timed out)');
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', workers: 2 }))).toBe(
      'backend "in-thread": got workers too, expected one of backend "in-thread" and workers (evaluations in this thread use no worker threads)');
    const target = { host: '127.0.0.1', port: 1, db: 0, tls: false };
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: { target }, workers: 2 }))).toBe(
      'backend: got a Redis backend and workers, expected workers on each `cosearch worker` process (evaluations run there)');
    // A worker has no time limit to give it (it used to say to give evalTimeout_ms to each worker).
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: { target }, evalTimeout_ms: 1000 }))).toBe(
      'backend: got a Redis backend and evalTimeout_ms, expected one of a Redis backend and evalTimeout_ms (a `cosearch worker` does not time out its evaluations)');
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-backend-')), 's.json');
    writeFileSync(file, JSON.stringify({ network: 'mlp-mnist', parameters: { 'adc.bits': [4, 6] }, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid' }));
    const out = outDir();
    const r = await cliRunner([registerSearch])('search', file, '--in-thread', '--eval-timeout', '1000', '--out', out);
    expect([r.stderr, r.exitCode, existsSync(out)]).toEqual([
      'cosearch: --in-thread: got --eval-timeout too, expected one of --in-thread and --eval-timeout (an evaluation in this thread cannot be timed out)\n', 1, false]);
    // --backend with what its workers would ignore: the library's messages, named as flags.
    for (const [flag, message] of [
      [['--workers', '2'], '--backend: got a Redis backend and --workers, expected --workers on each `cosearch worker` process (evaluations run there)'],
      [['--eval-timeout', '1000'], '--backend: got a Redis backend and --eval-timeout, expected one of a Redis backend and --eval-timeout (a `cosearch worker` does not time out its evaluations)'],
      [['--in-thread'], '--backend: got --in-thread too, expected one of --backend and --in-thread (evaluations run on `cosearch worker` processes)'],
    ] as const) {
      const redis = await cliRunner([registerSearch])('search', file, '--backend', 'redis://127.0.0.1:1', ...flag, '--out', out);
      expect([redis.stderr, redis.exitCode, existsSync(out)]).toEqual([`cosearch: ${message}\n`, 1, false]);
    }
  });

  it('workers and a time limit the run manifest cannot record; a time limit of 0 (none) is recorded and read back', async () => {
    // workers 0 was a RangeError after evaluations.csv was written; -5 ran without a limit into a manifest the report refuses.
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, workers: 0 }))).toBe('workers: got 0, expected an integer >= 1');
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, workers: 1.5 }))).toBe('workers: got 1.5, expected an integer >= 1');
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, evalTimeout_ms: -5 }))).toBe('evalTimeout_ms: got -5, expected a number >= 0 (ms; 0: no time limit)');
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, evalTimeout_ms: NaN }))).toBe('evalTimeout_ms: got NaN, expected a number >= 0 (ms; 0: no time limit)');
    const run = await runSearch({ space, outDir: outDir(), evaluator, workers: 1, evalTimeout_ms: 0 });
    expect(readManifest(run.dir).evalTimeout_ms).toBe(0);
  });

  it('a seed or budget the run manifest cannot record (they ran into a manifest the report refuses)', async () => {
    const seed = `expected an integer in [0, ${Number.MAX_SAFE_INTEGER}] (2^53 - 1)`;
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', seed: -1 }))).toBe(`seed: got -1, ${seed}`);
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', seed: 1.5 }))).toBe(`seed: got 1.5, ${seed}`);
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', seed: 2 ** 60 }))).toBe(`seed: got ${2 ** 60}, ${seed}`);
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', budget: 0 }))).toBe('budget: got 0, expected an integer >= 1');
    expect(await refused((out) => runSearch({ space, outDir: out, evaluator, backend: 'in-thread', budget: 2 ** 60 })))
      .toBe(`budget: got ${2 ** 60}, expected an integer >= 1 up to 2^53 - 1 = 9007199254740991 (above it, numbers no longer hold every integer)`);
    expect(await refused((out) => runSearchWithBackend({
      space, outDir: out, backend: new InThreadBackend({ evaluator: evaluator.module, context: {} }), metrics: FIXTURE_METRICS, budget: 2.5,
    }))).toBe('budget: got 2.5, expected an integer >= 1');
  });

  it('refuses a seed, budget, worker count or time limit in the range and words of the manifest reader (one table: src/io/run/runNumbers.ts)', async () => {
    const expectedOf = (message: string) => message.slice(message.indexOf(', expected ') + ', expected '.length);
    const manifest = JSON.parse(read((await runSearch({ space, outDir: outDir(), evaluator, backend: 'in-thread', budget: 4 })).dir, 'manifest.json'));
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['seed', { seed: -1 }, { seed: -1 }],
      ['budget', { budget: 0 }, { budget: { evaluations: 0 } }],
      ['workers', { workers: 0 }, { workers: 0 }],
      ['evalTimeout_ms', { evalTimeout_ms: -1 }, { evalTimeout_ms: -1 }],
    ];
    const said = [];
    for (const [field, option, recorded] of cases) {
      const started = await refused((out) => runSearch({ space, outDir: out, evaluator, ...option }));
      said.push([field, expectedOf(started), expectedOf(refusal(() => parseManifest(JSON.stringify({ ...manifest, ...recorded }), 'm.json')))]);
    }
    expect(said).toEqual([
      ['seed', 'an integer in [0, 9007199254740991] (2^53 - 1)', 'an integer in [0, 9007199254740991] (2^53 - 1)'],
      ['budget', 'an integer >= 1', '{ evaluations?: an integer >= 1, time_s?: a number > 0 }'],
      ['workers', 'an integer >= 1', 'an integer >= 1'],
      ['evalTimeout_ms', 'a number >= 0 (ms; 0: no time limit)', 'a number >= 0 (ms; 0: no time limit)'],
    ]);
  });

  it('a custom backend whose parallelism the manifest cannot record as workers (the report refused the run after)', async () => {
    const inner = new InThreadBackend({ evaluator: evaluator.module, context: {} });
    for (const parallelism of [0, 1.5, NaN]) {
      const backend = { parallelism, evaluate: inner.evaluate.bind(inner), close: () => Promise.resolve() };
      expect(await refused((out) => runSearchWithBackend({ space, outDir: out, backend, metrics: FIXTURE_METRICS }))).toBe(
        `backend.parallelism: got ${parallelism}, expected an integer >= 1 (evaluations it runs at once)`);
    }
    // From a factory it is known only once opened.
    await expect(runSearchWithBackend({ space, outDir: outDir(), metrics: FIXTURE_METRICS, backend: () => ({ parallelism: 0, evaluate: inner.evaluate.bind(inner), close: () => Promise.resolve() }) }))
      .rejects.toThrow('backend.parallelism: got 0, expected an integer >= 1 (evaluations it runs at once)');
    await inner.close();
  });

  it('an unknown option, in runSearch, its evaluator and runSearchWithBackend', async () => {
    const loose = (options: Record<string, unknown>) => options as unknown as Parameters<typeof runSearch>[0];
    expect(await refused((out) => runSearch(loose({ space, outDir: out, evaluator, backend: 'in-thread', budjet: 2 })))).toMatch(
      /^budjet: got "budjet", expected an option of runSearch \(AppRunSearchOptions\) \(space, outDir, backend, .*evalTimeout_ms, closeInBackground, onCloseWarning\) \(did you mean "budget"\?\)$/);
    expect(await refused((out) => runSearch(loose({ space, outDir: out, evaluator: { ...evaluator, metric: [] }, backend: 'in-thread' })))).toBe(
      'evaluator.metric: got "metric", expected an option of evaluator (module, metrics, context, expensive, onDemand, rowNote, designKey, added) (did you mean "metrics"?)');
    expect(await refused((out) => runSearchWithBackend({
      space, outDir: out, metrics: FIXTURE_METRICS, backend: (ctx: EvaluatorContext) => new InThreadBackend({ evaluator: evaluator.module, context: ctx }), workers: 2,
    } as unknown as Parameters<typeof runSearchWithBackend>[0]))).toMatch(/^workers: got "workers", expected an option of runSearchWithBackend \(RunSearchOptions\) \(space, outDir, /);
  });
});
