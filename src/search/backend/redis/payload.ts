/**
 * What travels through Redis: a job is data, never code. It names an evaluator the worker already has (by name,
 * from the worker's own allow-list), the evaluator context, the configurations, and the fingerprint of the code
 * and network files that must produce the numbers. Results come back as JSON with non-finite numbers spelled out,
 * so a NaN or an Infinity survives the trip and the CSVs stay byte-identical to a local run.
 */
import { createHash } from 'node:crypto';
import type { EvalOutcome, Overrides } from '../types.js';
import { RunRefusal } from './refusal.js';

/**
 * Bumped when the payload's or the result's shape changes: a worker refuses a protocol it does not speak.
 * 2: outcomes carry their preformatted CSV cells and only the metrics the run reads (the rest are in the cells).
 * 3: the fingerprint's `weights` hash, apart from `code` (2026-12-06).
 */
export const PROTOCOL_VERSION = 3;

/** What a worker must reproduce before it may evaluate a job. */
export interface RunFingerprint {
  /** cosearch's package version. */
  readonly version: string;
  /** Hash of the evaluating code and WebAssembly kernels (app/fingerprint.ts): another build gives other numbers. */
  readonly code: string;
  /** Hash of the shipped trained weights (weights/): other weights give other accuracies. */
  readonly weights: string;
  /** sha256 of each custom network file the job names (zoo networks are part of the code). */
  readonly networks: Readonly<Record<string, string>>;
}

export interface JobPayload {
  readonly protocol: number;
  /** A name in the worker's evaluator allow-list (e.g. "simulator"). */
  readonly evaluator: string;
  readonly context: unknown;
  readonly fingerprint: RunFingerprint;
  readonly items: readonly Overrides[];
}

export interface JobResult {
  /** Outcomes in item order, encoded by encodeOutcomes. */
  readonly outcomes: string;
  /** Which worker process evaluated it (host:pid), for the manifest's per-worker counts. */
  readonly worker: string;
  readonly compute_ms: number;
  /** Jobs that worker process takes at once (its --concurrency): the coordinator sizes chunks to keep all busy. */
  readonly slots: number;
}

/** A job's id: the run, and the content of its chunk. The same chunk is one job, never evaluated twice into a run. */
export function jobId(runKey: string, items: readonly Overrides[]): string {
  const chunk = createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 24);
  return `${runKey}-${chunk}`;
}

/** A run's key: the evaluator, its context and the fingerprint (so two runs with other settings never share jobs). */
export function runKey(evaluator: string, context: unknown, fingerprint: RunFingerprint): string {
  return createHash('sha256').update(JSON.stringify([PROTOCOL_VERSION, evaluator, context, fingerprint])).digest('hex').slice(0, 16);
}

export function encodeOutcomes(outcomes: readonly EvalOutcome[]): string {
  return JSON.stringify(outcomes, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { $num: String(value) } : value,
  );
}

export function decodeOutcomes(text: string): EvalOutcome[] {
  const parsed: unknown = JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && '$num' in value) {
      const n = Number((value as { $num: unknown }).$num);
      return n;
    }
    return value;
  });
  if (!Array.isArray(parsed)) throw new Error('a job result is not a list of outcomes');
  return parsed.map(toOutcome);
}

function toOutcome(value: unknown): EvalOutcome {
  if (value === null || typeof value !== 'object') throw new Error('a job outcome is not an object');
  const { metrics, error, csv } = value as { metrics?: unknown; error?: unknown; csv?: unknown };
  // The preformatted CSV cells (when the run asked for them) go into evaluations.csv as they are: one line only.
  if (csv !== undefined && (typeof csv !== 'string' || /[\r\n]/.test(csv))) throw new Error('a job outcome\'s CSV cells are not one line of text');
  const cells = csv === undefined ? {} : { csv };
  if (typeof error === 'string') return { error, ...cells };
  if (metrics === null || typeof metrics !== 'object') throw new Error('a job outcome has neither metrics nor error');
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v !== 'number') throw new Error(`a job outcome's metric "${k}" is not a number`);
    out[k] = v;
  }
  return { metrics: out, ...cells };
}

/** Checks a job's data has the payload's shape (a worker reads it from a shared server: trust nothing). */
export function asPayload(data: unknown): JobPayload {
  if (data === null || typeof data !== 'object') throw new Error('job data is not an object');
  const d = data as Record<string, unknown>;
  if (d['protocol'] !== PROTOCOL_VERSION) throw new RunRefusal(`job protocol ${String(d['protocol'])}, this worker speaks ${PROTOCOL_VERSION}`, 'run this worker from the coordinator\'s version of cosearch and restart it');
  if (typeof d['evaluator'] !== 'string') throw new Error('job names no evaluator');
  const fp = d['fingerprint'] as Record<string, unknown> | undefined;
  if (!fp || typeof fp['version'] !== 'string' || typeof fp['code'] !== 'string' || typeof fp['weights'] !== 'string' || typeof fp['networks'] !== 'object' || fp['networks'] === null) {
    throw new Error('job has no valid fingerprint');
  }
  for (const v of Object.values(fp['networks'] as object)) if (typeof v !== 'string') throw new Error('job fingerprint: a network hash is not a string');
  const items = d['items'];
  if (!Array.isArray(items) || items.some((i) => i === null || typeof i !== 'object' || Array.isArray(i))) {
    throw new Error('job items are not a list of configurations');
  }
  for (const item of items as object[]) {
    for (const v of Object.values(item)) {
      if (typeof v !== 'number' && typeof v !== 'string') throw new Error('job item: a value is neither a number nor a string');
    }
  }
  return {
    protocol: PROTOCOL_VERSION,
    evaluator: d['evaluator'],
    context: d['context'],
    fingerprint: { version: fp['version'], code: fp['code'], weights: fp['weights'], networks: fp['networks'] as Record<string, string> },
    items: items as Overrides[],
  };
}
