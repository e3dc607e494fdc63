/** Compares a fresh output with its golden file: numbers within a relative tolerance, everything else exactly. */
import { parseCsv } from '../../src/io/run/index.js';

export const RELATIVE_TOLERANCE = 1e-12;

function close(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Every difference between two JSON values, as `path: golden -> actual` lines (empty when they match). */
export function jsonDifferences(golden: unknown, actual: unknown, path = '$'): string[] {
  if (typeof golden === 'number' && typeof actual === 'number') return close(golden, actual) ? [] : [`${path}: ${golden} -> ${actual}`];
  if (Array.isArray(golden) && Array.isArray(actual)) {
    if (golden.length !== actual.length) return [`${path}: length ${golden.length} -> ${actual.length}`];
    return golden.flatMap((g, i) => jsonDifferences(g, actual[i], `${path}[${i}]`));
  }
  if (golden !== null && actual !== null && typeof golden === 'object' && typeof actual === 'object' && !Array.isArray(golden) && !Array.isArray(actual)) {
    const g = golden as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(g), ...Object.keys(a)])];
    return keys.flatMap((k) => (k in g && k in a ? jsonDifferences(g[k], a[k], `${path}.${k}`) : [`${path}.${k}: ${k in g ? 'missing' : 'added'}`]));
  }
  return JSON.stringify(golden) === JSON.stringify(actual) ? [] : [`${path}: ${JSON.stringify(golden)} -> ${JSON.stringify(actual)}`];
}

/** Every difference between two CSV texts (header exactly, numeric cells within tolerance). */
export function csvDifferences(golden: string, actual: string): string[] {
  const g = parseCsv(golden);
  const a = parseCsv(actual);
  if (g.header.join(',') !== a.header.join(',')) return [`header: ${g.header.join(',')} -> ${a.header.join(',')}`];
  if (g.records.length !== a.records.length) return [`rows: ${g.records.length} -> ${a.records.length}`];
  const out: string[] = [];
  g.records.forEach((row, r) => row.forEach((cell, c) => {
    const other = a.records[r][c];
    const x = Number(cell);
    const y = Number(other);
    const same = cell === other || (cell !== '' && other !== '' && Number.isFinite(x) && Number.isFinite(y) && close(x, y));
    if (!same) out.push(`row ${r + 1} ${g.header[c]}: ${cell} -> ${other}`);
  }));
  return out;
}
