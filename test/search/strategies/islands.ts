/**
 * search-spaces/device-adc-precision.json as a lookup problem (issue 15, item 3: feasible islands): every one of
 * its 320 points evaluated once by the real simulator (`cosearch search search-spaces/device-adc-precision.json
 * --strategy grid`; scripts/regenerate-islands-table.ts, last run 2026-12-07 after the input delivery bound: 4 infeasible rows, 1-bit
 * converters, +5.76 ns; before, at f196e22 after the bit-line fix) and kept in
 * fixtures/device-adc-precision-table.csv (the three parameters, the three objectives and the constrained
 * macError_rms). A strategy run on it costs microseconds per evaluation, so 20 seeds are cheap. Variables and
 * violation as the engine builds them (ordered choices; (macError - 0.3) / 0.3).
 */
import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { hypervolume, paretoFront } from '../../../src/search/pareto/index.js';
import type { EvaluationResult, Problem, SearchResult } from '../../../src/search/problem.js';

const TABLE = new URL('../fixtures/device-adc-precision-table.csv', import.meta.url);
const MAC_ERROR_MAX = 0.3;
/** The space's parameters, in its order, with its values. */
export const ISLAND_VARIABLES = [
  { name: 'device.bitsPerCell', values: [1, 2, 3, 4, 5, 6, 7, 8] },
  { name: 'adc.bits', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { name: 'adc.columnsPerAdc', values: [4, 8, 16, 32] },
] as const;
const SPACE = JSON.parse(readFileSync(new URL('../../../search-spaces/device-adc-precision.json', import.meta.url), 'utf8')) as {
  strategy: Record<string, unknown>;
};
/** The shipped space's strategy settings (read from the file, so the test follows it) and budget: a quarter of the grid. */
export const ISLAND_SETTINGS: Record<string, string | number> = Object.fromEntries(
  Object.entries(SPACE.strategy).filter((e): e is [string, string | number] => e[0] !== 'name' && (typeof e[1] === 'string' || typeof e[1] === 'number')),
);
export const ISLAND_BUDGET = 80;

interface Row { key: string; objectives: number[]; violation: number }

function readTable(): Map<string, Row> {
  const [header, ...lines] = readFileSync(TABLE, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const at = (name: string): number => cols.indexOf(name);
  const rows = new Map<string, Row>();
  for (const line of lines) {
    const cells = line.split(',').map(Number);
    const key = ISLAND_VARIABLES.map((v) => cells[at(v.name)]).join('|');
    const macError = cells[at('macError_rms')];
    rows.set(key, {
      key,
      objectives: ['energy_pJ', 'area_mm2', 'latency_ns'].map((m) => cells[at(m)]),
      violation: Math.max(0, (macError - MAC_ERROR_MAX) / MAC_ERROR_MAX),
    });
  }
  return rows;
}

const rows = readTable();

export function islandProblem(): Problem {
  return {
    variables: ISLAND_VARIABLES.map((v) => ({ name: v.name, kind: 'choice' as const, values: v.values, ordered: true })),
    objectives: ['min', 'min', 'min'],
    constraints: 1,
    evaluate(x) {
      const row = rows.get(ISLAND_VARIABLES.map((v) => x[v.name]).join('|'));
      if (!row) throw new Error(`${JSON.stringify(x)} is not in the table`);
      return { objectives: row.objectives.slice(), violation: row.violation };
    },
  };
}

const gridFront = paretoFront([...rows.values()].filter((r) => r.violation === 0).map((r) => r.objectives));
/** The engine-hv test's reference: the grid front's nadir pushed 10% of the front's range further. */
const reference = [0, 1, 2].map((k) => {
  const values = gridFront.map((p) => p[k]);
  return Math.max(...values) + 0.1 * (Math.max(...values) - Math.min(...values));
});
const gridHv = hypervolume(gridFront, reference);

/** The hypervolume of a run's feasible evaluations (the engine's pareto.csv) as a fraction of the grid's. */
export function islandRatio(result: SearchResult<EvaluationResult>): number {
  const front = result.front.map((r) => r.result.objectives);
  return front.length === 0 ? 0 : hypervolume(front, reference) / gridHv;
}

export const summary = (ratios: readonly number[]): string =>
  `median ${median([...ratios]).toFixed(4)}, worst ${Math.min(...ratios).toFixed(4)} (${ratios.map((r) => r.toFixed(3)).join(' ')})`;
