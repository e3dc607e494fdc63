/**
 * docs/validation.md's table against the harness (scripts/validate-macros.ts): each row's "ours" and "factor" are
 * the engine's prediction at the printed precision, and each residual section's engine total (fJ per operation) is
 * the harness's. A model change that moves a macro's figure fails here instead of leaving the page stale (it moved
 * twice on 2026-12-05).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MACROS, compare, predictAll, type Metric } from '../../scripts/validate-macros.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');

/** The table's macro column and bits column -> the harness's macro name. */
function macroOf(title: string, bits: string): string {
  if (title.startsWith('NeuRRAM')) return 'neurram';
  if (title.startsWith('IBM HERMES')) return 'hermes';
  if (title.startsWith('4 Mb RRAM')) return bits === '1, 1' ? 'hung-1b' : 'hung-8b';
  throw new Error(`docs/validation.md: unknown macro row "${title}"`);
}

function tableRows(): { macro: string; metric: Metric; ours: string; factor: string }[] {
  const section = DOC.slice(DOC.indexOf('## The table'));
  const lines = section.split('\n').filter((l) => l.startsWith('| '));
  const rows = [];
  for (const line of lines.slice(1)) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 12) break;
    const metric: Metric = cells[6] === 'TOPS/W' ? 'topsPerW' : 'topsPerMm2';
    rows.push({ macro: macroOf(cells[1], cells[5]), metric, ours: cells[8].replaceAll(',', ''), factor: cells[10].replace(/x$/, '') });
  }
  return rows;
}

describe('docs/validation.md: the table is the harness', () => {
  const predictions = predictAll();
  const rows = tableRows();
  it('has one row per published figure', () => {
    const expected = MACROS.flatMap((m) => (Object.keys(m.published) as Metric[]).map((metric) => `${m.name} ${metric}`));
    expect(rows.map((r) => `${r.macro} ${r.metric}`)).toEqual(expected);
  });
  for (const row of rows) {
    it(`${row.macro} ${row.metric}: ours and factor at the printed precision`, () => {
      const spec = MACROS.find((m) => m.name === row.macro)!;
      const computed = compare(spec, predictions.get(row.macro)!).find((c) => c.metric === row.metric)!;
      const wrong = [['ours', row.ours, computed.predicted], ['factor', row.factor, computed.factor]] as const;
      expect(wrong.filter(([, p, v]) => !matchesPrinted(p, v)).map(([what, p, v]) => `${what}: doc ${p}, engine ${v}`)).toEqual([]);
    });
  }
  it("each residual section's engine total (fJ/op) is the harness's", () => {
    const printed: Record<string, RegExp> = {
      neurram: /The engine spends ([\d.]+) fJ\/op/,
      hermes: /the engine ([\d.]+) fJ\/op \(cells/,
      'hung-8b': /The engine spends ([\d.]+) fJ\/op \(conversions/,
      'hung-1b': /ours ([\d.]+) \(conversions/,
    };
    const wrong = Object.entries(printed).flatMap(([name, pattern]) => {
      const doc = pattern.exec(DOC)?.[1] ?? 'missing';
      const engine = predictions.get(name)!.energyPerOp_fJ.total;
      return matchesPrinted(doc, engine) ? [] : [`${name}: doc ${doc}, engine ${engine}`];
    });
    expect(wrong).toEqual([]);
  });
});
