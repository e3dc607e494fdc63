/**
 * The run's manifest as the run goes: its status, end, stop reason or error, and the provenance asked once before the
 * first write. Written at the start, at most once a second after a generation, and at the end (or on a failure).
 */
import { writeManifest, type EvaluationLog, type RunManifest, type RunStatus } from '../../io/run/index.js';
import type { EvaluationBackend } from '../backend/types.js';
import type { RunArchive } from './archive.js';
import { manifestNetwork, PACKAGE_VERSION, runProvenance } from './manifest.js';
import type { RunPlan } from './plan.js';

/** Shortest time between two manifest rewrites during a run (it is also written at the start and the end). */
const MANIFEST_INTERVAL_MS = 1000;

export interface RecordSources {
  readonly dir: string;
  readonly plan: RunPlan;
  readonly modelHash: string | undefined;
  readonly weightsHash: string | undefined;
  /** The run's backend as the caller opened it (its timeout and description) and as the run uses it (its parallelism). */
  readonly inner: EvaluationBackend;
  readonly backend: Pick<EvaluationBackend, 'parallelism'>;
  readonly lazy: boolean;
  readonly archive: RunArchive;
  readonly log: EvaluationLog;
  readonly times: RunTimes;
}

/** When the run started (a resumed run: when it first did) and each time it was resumed. */
export interface RunTimes {
  readonly startedAt: string;
  readonly resumedAt: readonly string[] | undefined;
}

/** The run's times, taken as its folder is opened (a resumed run's from its manifest, with this resume added). */
export function runTimes(previous: Pick<RunManifest, 'startedAt' | 'resumedAt'> | undefined): RunTimes {
  return {
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    resumedAt: previous ? [...(previous.resumedAt ?? []), new Date().toISOString()] : undefined,
  };
}

export class RunRecord {
  status: RunStatus = 'running';
  private stopReason: string | undefined;
  private errorText: string | undefined;
  private provenance: RunManifest['provenance'];
  private writtenAt = performance.now();

  constructor(private readonly s: RecordSources) {}

  /**
   * The manifest's first write, once the provenance is known (no row is written before it). Its git process forks this
   * whole process (20-120 ms of this thread at a search's memory), so the grid's range path asks it only after requesting
   * its first ranges: the workers evaluate meanwhile.
   */
  async first(): Promise<void> {
    if (this.provenance) return;
    this.provenance = await this.provenanceOf();
    writeManifest(this.s.dir, this.manifest());
  }

  /** After a generation: the manifest, at most once a second. */
  writeThrottled(): void {
    const now = performance.now();
    if (now - this.writtenAt < MANIFEST_INTERVAL_MS) return;
    writeManifest(this.s.dir, this.manifest());
    this.writtenAt = now;
  }

  /** The run ended as its strategy says (aborted: interrupted, and resumable). */
  ended(stopReason: string): void {
    this.stopReason = stopReason;
    this.status = stopReason === 'aborted' ? 'interrupted' : 'completed';
  }

  /** The run failed: the manifest says why (the provenance asked now if the first write never came). Call it after the log is finished. */
  async failed(error: unknown): Promise<void> {
    this.status = 'failed';
    this.errorText = error instanceof Error ? error.message : String(error);
    this.provenance ??= await this.provenanceOf();
    writeManifest(this.s.dir, this.manifest());
  }

  /** The final manifest, written. */
  final(): RunManifest {
    const manifest = this.manifest();
    writeManifest(this.s.dir, manifest);
    return manifest;
  }

  private provenanceOf(): ReturnType<typeof runProvenance> {
    const { space, strategy, seed, lazyMode } = this.s.plan;
    return runProvenance(space, {
      strategy: { name: strategy.name, settings: strategy.settings }, seed, budget: strategy.evaluations ?? null, time_s: space.budget.time_s ?? null, base: space.base,
      ...(this.s.lazy ? { lazy: lazyMode } : {}),
    });
  }

  private manifest(): RunManifest {
    const { space, strategy, seed, fingerprint } = this.s.plan;
    const { inner, archive, times: { startedAt, resumedAt } } = this.s;
    const { status } = this;
    const budgetEvaluations = strategy.evaluations;
    return {
      space: space.name,
      spaceFile: space.file,
      network: manifestNetwork(space),
      packageVersion: PACKAGE_VERSION,
      ...(this.s.modelHash !== undefined ? { modelHash: this.s.modelHash } : {}),
      ...(this.s.weightsHash !== undefined ? { weightsHash: this.s.weightsHash } : {}),
      seed,
      strategy: { name: strategy.name, settings: strategy.settings },
      budget: { ...(budgetEvaluations !== undefined ? { evaluations: budgetEvaluations } : {}), ...(space.budget.time_s !== undefined ? { time_s: space.budget.time_s } : {}) },
      workers: this.s.backend.parallelism,
      ...(inner.evalTimeout_ms !== undefined ? { evalTimeout_ms: inner.evalTimeout_ms } : {}),
      ...(inner.describe ? { backend: inner.describe() } : {}),
      parameters: space.variables.map((v) => ({ name: v.name, path: v.path, targets: v.targets, values: v.values })),
      base: space.base,
      objectives: space.objectives.map((o) => ({ metric: o.metric, sense: o.sense })),
      constraints: space.constraints,
      fingerprint,
      startedAt,
      ...(status !== 'running' ? { endedAt: new Date().toISOString() } : {}),
      ...(resumedAt ? { resumedAt } : {}),
      status,
      evaluations: archive.count,
      failedEvaluations: archive.failed,
      feasibleEvaluations: archive.feasible,
      paretoSize: archive.front.length,
      evaluationsDigest: this.s.log.vouch(),
      ...(archive.reference ? { hypervolumeReference: archive.reference } : {}),
      hypervolumeByGeneration: archive.hypervolumes,
      ...(this.stopReason ? { stopReason: this.stopReason } : {}),
      ...(this.errorText ? { error: this.errorText } : {}),
      ...(space.studySpec !== undefined ? { study: space.studySpec } : {}),
      provenance: this.provenance,
    };
  }
}
