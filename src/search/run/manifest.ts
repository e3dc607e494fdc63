/** What a run records about itself: the fingerprint that guards --resume, and the metrics a study adds. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
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
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
