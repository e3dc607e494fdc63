/** What a run records about itself: the fingerprint that guards --resume, and the metrics a study adds. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/index.js';
import { studyMetrics } from '../../studies/parse.js';
import { isRecord } from '../guards.js';
import type { SearchSpace } from '../space/types.js';

export const PACKAGE_VERSION = readPackageVersion();

/** The network as manifests and fingerprints record it: its name, or the list a multi-network space searches. */
export function manifestNetwork(space: SearchSpace): string | readonly string[] {
  return space.networks.length > 1 ? space.networks : space.network;
}

export function fingerprintOf(space: SearchSpace, strategy: string, settings: object, seed: number, budget: number | undefined, metrics: readonly string[]): string {
  const content = JSON.stringify({
    network: manifestNetwork(space),
    base: Object.entries(space.base).sort(),
    variables: space.variables.map((v) => [v.name, v.values, v.targets]),
    objectives: space.objectives,
    constraints: space.constraints,
    strategy,
    settings: Object.entries(settings).sort(),
    seed,
    budget: budget ?? null,
    metrics,
    // What the study makes the evaluator compute (e.g. accuracy) changes the CSV; absent when it adds nothing.
    ...(studyNeeds(space, metrics).length ? { studyMetrics: studyNeeds(space, metrics) } : {}),
    // A lazy run (src/search/lazy) records other rows and an extra column; absent for an eager run.
    ...(space.lazy ? { lazy: space.lazy } : {}),
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/**
 * The evaluator's metrics as a run's fingerprint records them: less those it added since (`added`) that the run does
 * not need, so the fingerprint of a run an earlier version started, which cannot need them, is unchanged and it resumes.
 */
export function fingerprintMetrics(metrics: readonly string[], needed: readonly string[], added: readonly string[] = []): readonly string[] {
  return metrics.filter((m) => !added.includes(m) || needed.includes(m));
}

/** Metrics the space's study reads beyond its objectives and constraints (sorted), so the evaluator computes them. */
export function studyNeeds(space: SearchSpace, metrics: readonly string[]): string[] {
  if (!space.study) return [];
  const used = new Set([...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]);
  return studyMetrics(space.study, metrics).filter((m) => !used.has(m)).sort();
}

/** Every metric the run needs the evaluator to compute: objectives, constraints, then the study's. */
export function neededMetrics(space: SearchSpace, metrics: readonly string[]): string[] {
  return [...new Set([...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric), ...studyNeeds(space, metrics)])];
}

function readPackageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    return isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where and how a run was made (manifest `provenance`): enough to reproduce it or to tell two runs apart. */
export type RunProvenance = {
  readonly node: string;
  readonly platform: string;
  /** The git commit of the checkout cosearch ran from (absent outside a checkout), with `dirty` when it had changes. */
  readonly gitCommit?: string;
  readonly gitDirty?: boolean;
  /** The configuration the run resolved: strategy with every setting (defaults filled in), seed, budget, base overrides. */
  readonly configuration: Readonly<Record<string, unknown>>;
  /** sha256 of each network file the space names (zoo networks are identified by the version and commit). */
  readonly networkFiles?: Readonly<Record<string, string>>;
};

/**
 * The run's provenance. Its git process (once per process) is not waited for synchronously: the engine asks for this
 * after requesting a grid's first ranges, so the workers evaluate while git runs (src/search/engine.ts).
 */
export async function runProvenance(space: SearchSpace, configuration: Readonly<Record<string, unknown>>): Promise<RunProvenance> {
  const pending = gitState();
  const hashes = networkFileHashes(space);
  const files = Object.keys(hashes);
  const git = await pending;
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    ...git,
    configuration,
    ...(files.length > 0 ? { networkFiles: hashes } : {}),
  };
}

/** The space's network files (paths, not zoo names) and their content hashes (`sha256:<hex>`, or 'unreadable'). */
export function networkFileHashes(space: SearchSpace): Record<string, string> {
  const files = space.networks.filter((n) => /[/\\]|\.json$/i.test(n));
  return Object.fromEntries(files.map((f) => [f, hashFile(f)]));
}

function hashFile(path: string): string {
  try {
    return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  } catch {
    return 'unreadable';
  }
}

type GitState = { gitCommit?: string; gitDirty?: boolean };

/** The answer, asked once per process (a checkout does not change under a running search often enough to matter). */
let gitCache: Promise<GitState> | undefined;

/**
 * The commit of the checkout holding this package, when it is one and git is installed; {} otherwise (never fails).
 * Asked without blocking: a blocking git process held the main thread 20-350 ms before a run's first evaluation.
 */
function gitState(): Promise<GitState> {
  gitCache ??= new Promise((resolve) => {
    const root = packageRoot();
    // One git process: the commit from the branch header ("# branch.oid <sha>", "(initial)" before the first
    // commit), dirty when any tracked file changed (a line without '#'), the same answers as `rev-parse HEAD` and
    // `status --porcelain --untracked-files=no`.
    const args = ['-C', root, 'status', '--porcelain=v2', '--branch', '--untracked-files=no'];
    execFile('git', args, { encoding: 'utf8', timeout: 5000 }, (error, stdout) => resolve(error ? {} : parseGitStatus(stdout)));
  });
  return gitCache;
}

/**
 * Starts the git query now (the CLI calls this first): forking a small process costs ~20 ms, a search's 350 MB one
 * 110-120 ms of blocked main thread, so the earlier the better; the run's provenance then reads the cached answer.
 */
export function prefetchProvenance(): void {
  void gitState();
}

/** The commit and dirtiness in `git status --porcelain=v2 --branch` output ({} when it names no commit). */
export function parseGitStatus(status: string): GitState {
  const lines = status.trim().split('\n');
  const commit = lines.find((l) => l.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
  return commit && /^[0-9a-f]{40}$/.test(commit) ? { gitCommit: commit, gitDirty: lines.some((l) => l !== '' && !l.startsWith('#')) } : {};
}
