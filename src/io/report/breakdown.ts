/**
 * Energy and area breakdowns of front points, by component and by layer, for the report. They are computed
 * at report time by re-evaluating each front point's configuration (the space's base overrides, then the
 * row's parameter values) with the simulator, so the CSV only has to carry what the search needed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ParamValue } from '../../hardware/config.js';
import { ConfigError } from '../../core/index.js';
import { pointOverrides } from '../run/index.js';
import type { RunData, RunRow } from './run.js';

export interface LayerFigures {
  readonly index: number;
  readonly name: string;
  readonly kind: string;
  /** Per-layer figures by metric name (energy_pJ, latency_ns, area_mm2, crossbars, ...). */
  readonly values: Readonly<Record<string, number>>;
}

/** What the report needs from one evaluation. */
export interface EvaluatedBreakdown {
  readonly energy_pJ: Readonly<Record<string, number>>;
  readonly area_mm2: Readonly<Record<string, number>>;
  readonly layers: readonly LayerFigures[];
}

export type PointBreakdown =
  | (EvaluatedBreakdown & {
      readonly index: number;
      readonly source: 'evaluate' | 'csv';
      /** Set when the re-evaluated totals differ from the run's CSV (the simulator changed since the run). */
      readonly mismatch?: string;
      /** Why the point could not be re-evaluated (the figures then come from the CSV). */
      readonly evaluateError?: string;
    })
  | { readonly index: number; readonly source: 'error'; readonly error: string };

/**
 * Evaluates one point: `network` is the manifest's space.network, `overrides` the base overrides followed by
 * the point's parameter values (path -> value, later keys win).
 */
export type PointEvaluator = (
  network: RunData['manifest']['network'],
  overrides: Readonly<Record<string, unknown>>,
) => Promise<EvaluatedBreakdown>;

/**
 * The configuration of a row: the space's fixed overrides, then each searched value on every path its variable
 * sets (a per-group variable sets one path per layer of its group).
 */
export function rowOverrides(run: RunData, row: RunRow): Record<string, ParamValue> {
  const targets = new Map(run.manifest.variables.map((v) => [v.name, v.targets]));
  // A column the manifest does not list as a variable is a parameter path of its own.
  const variables = Object.keys(row.params).map((name) => ({ targets: targets.get(name) ?? [name] }));
  return { ...run.manifest.baseOverrides, ...pointOverrides(variables, Object.values(row.params)) };
}

/**
 * Breakdowns of every front point. With an evaluator (the simulator), each point is re-evaluated; a point the
 * simulator rejects (ConfigError: unknown network, a value out of range) keeps the CSV's component figures and
 * the error message, or only the message when the CSV has none. Without an evaluator, the component breakdown comes
 * from the CSV's `breakdown.energy_pJ.*` / `breakdown.area_mm2.*` columns and there are no per-layer figures.
 */
export async function computeBreakdowns(run: RunData, evaluator?: PointEvaluator): Promise<PointBreakdown[]> {
  const out: PointBreakdown[] = [];
  const changedFile = evaluator ? changedNetworkFile(run.manifest) : undefined;
  for (const row of run.front) {
    if (!evaluator) {
      out.push({ index: row.index, source: 'csv', ...csvBreakdown(row), layers: [] });
      continue;
    }
    try {
      const result = await evaluator(run.manifest.network, rowOverrides(run, row));
      const mismatch = totalsMismatch(row, result, changedFile);
      out.push({
        index: row.index, source: 'evaluate', energy_pJ: result.energy_pJ, area_mm2: result.area_mm2, layers: result.layers,
        ...(mismatch ? { mismatch } : {}),
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const csv = csvBreakdown(row);
      if (Object.keys(csv.energy_pJ).length + Object.keys(csv.area_mm2).length === 0) {
        out.push({ index: row.index, source: 'error', error: error.message });
      } else {
        out.push({ index: row.index, source: 'csv', ...csv, layers: [], evaluateError: error.message });
      }
    }
  }
  return out;
}

/** `breakdown.energy_pJ.adc` -> energy_pJ.adc, skipping empty cells. */
export function csvBreakdown(row: RunRow): Pick<EvaluatedBreakdown, 'energy_pJ' | 'area_mm2'> {
  const energy: Record<string, number> = {};
  const area: Record<string, number> = {};
  for (const [column, value] of Object.entries(row.breakdown)) {
    const m = /^breakdown\.(energy_pJ|area_mm2)\.(.+)$/.exec(column);
    if (!m || !Number.isFinite(value)) continue;
    (m[1] === 'energy_pJ' ? energy : area)[m[2]] = value;
  }
  return { energy_pJ: energy, area_mm2: area };
}

/** Relative difference above which a re-evaluated total no longer counts as the run's own number. */
export const TOTAL_TOLERANCE = 1e-6;

/**
 * Compares the sum of the re-evaluated components with the run's energy_pJ / area_mm2 columns (where the CSV
 * has them): a difference means the simulator or its defaults changed since the run, and the report says so.
 */
export function totalsMismatch(row: RunRow, result: Pick<EvaluatedBreakdown, 'energy_pJ' | 'area_mm2'>, changedFile?: string): string | undefined {
  const problems: string[] = [];
  for (const metric of ['energy_pJ', 'area_mm2'] as const) {
    const recorded = row.metrics[metric];
    if (!Number.isFinite(recorded)) continue;
    const total = Object.values(result[metric]).reduce((s, v) => s + v, 0);
    if (Math.abs(total - recorded) > TOTAL_TOLERANCE * Math.max(Math.abs(recorded), Math.abs(total))) {
      problems.push(`${metric} ${total.toPrecision(6)} now vs ${recorded.toPrecision(6)} in the run`);
    }
  }
  const cause = changedFile ?? 'the simulator or its defaults changed since';
  return problems.length ? `re-evaluation differs from the run (${problems.join('; ')}): ${cause}` : undefined;
}

/**
 * A network file the run names whose bytes are no longer those the manifest recorded (provenance.networkFiles,
 * `sha256:<hex>` per path, as --resume checks them), in words; undefined when none changed or the run has no record.
 */
export function changedNetworkFile(manifest: { readonly provenance?: Readonly<Record<string, unknown>> }): string | undefined {
  const recorded = manifest.provenance?.networkFiles;
  if (recorded === null || typeof recorded !== 'object') return undefined;
  for (const [file, was] of Object.entries(recorded as Record<string, unknown>)) {
    if (typeof was !== 'string') continue;
    let now = 'unreadable';
    try {
      now = `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    } catch {
      // A file gone or unreadable is a change too.
    }
    if (now !== was) return `network file ${file} changed since the run (${now.slice(0, 19)}... now, ${was.slice(0, 19)}... in the run)`;
  }
  return undefined;
}
