/** manifest.json: what a run was (space, seed, strategy, versions), how far it got and how its front improved. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { MANIFEST_JSON, writeFileAtomic } from './results.js';

export interface HypervolumePoint {
  /** Batch (generation) number, 0 = the first. */
  readonly generation: number;
  /** Evaluations so far, including this generation's. */
  readonly evaluations: number;
  /** Hypervolume of the feasible non-dominated set so far, against `hypervolumeReference`. */
  readonly hypervolume: number;
}

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

export interface RunManifest {
  readonly space: string;
  readonly spaceFile: string;
  /** The network, or the networks of a space that searches several (then each row's `network` column says which). */
  readonly network: string | readonly string[];
  readonly packageVersion: string;
  readonly seed: number;
  readonly strategy: { readonly name: string; readonly settings: Readonly<Record<string, number | string | readonly number[]>> };
  readonly budget: { readonly evaluations?: number; readonly time_s?: number };
  readonly workers: number;
  readonly evalTimeout_ms?: number;
  readonly parameters: readonly { readonly name: string; readonly path: string; readonly targets: readonly string[]; readonly values: readonly (number | string)[] }[];
  readonly base: Readonly<Record<string, number | string>>;
  readonly objectives: readonly { readonly metric: string; readonly sense: 'min' | 'max' }[];
  readonly constraints: readonly { readonly metric: string; readonly min?: number; readonly max?: number }[];
  /** Identifies everything that determines the results: a resumed run must match it. */
  readonly fingerprint: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly resumedAt?: readonly string[];
  readonly status: RunStatus;
  /** Why the strategy stopped: generations, evaluations, time, exhausted, complete or aborted. */
  readonly stopReason?: string;
  readonly evaluations: number;
  readonly failedEvaluations: number;
  readonly feasibleEvaluations: number;
  readonly paretoSize: number;
  readonly hypervolumeReference?: readonly number[];
  readonly hypervolumeByGeneration: readonly HypervolumePoint[];
  readonly error?: string;
  /** The space's `study` section as written (docs/studies.md); `cosearch report` draws it. */
  readonly study?: unknown;
}

export function writeManifest(dir: string, manifest: RunManifest): void {
  writeFileAtomic(join(dir, MANIFEST_JSON), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(dir: string): RunManifest {
  const path = join(dir, MANIFEST_JSON);
  if (!existsSync(path)) throw new ConfigError(`--resume: ${path} does not exist (not a cosearch run folder?)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch (error) {
    throw new ConfigError(`--resume: ${path} is not valid JSON (${(error as Error).message})`);
  }
}
