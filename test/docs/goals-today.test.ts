/**
 * Issue 14's "today" tables: docs/performance.md's "Issue 14's goals today" and docs/search.md's "Where it stands" are
 * each the one current-state table of their file, dated, and they give the same figures; a verdict's ratio is its
 * figure over its target. QA docs2 (defects 2-4): performance.md's opening gave goal 1b three verdicts (0.85x, 0.78x,
 * met), its table's accuracy figure (239-241) disagreed with its verdict (294-312), search.md's table said "now" over
 * 2026-12-05's figures (1.70x, worker path 90,023), and search.md's islands sentence quoted the superseded row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const PERFORMANCE = read('performance.md');
const SEARCH = read('search.md');

/** The rows of the first markdown table after `title` (its header and separator left out), split into cells. */
function tableAfter(doc: string, title: string): string[][] {
  const at = doc.indexOf(title);
  expect(at, title).toBeGreaterThanOrEqual(0);
  const lines = doc.slice(at).split('\n').map((l) => l.trim()); // a table in a list item is indented
  const first = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  return lines.slice(first + 2, end).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

const count = (doc: string, text: string) => doc.split(text).length - 1;
const number = (text: string) => Number(text.replace(/,/g, ''));
/** `a-b` over `target` as the docs print a ratio range: `x.xx-y.yyx`. */
const ratio = (range: string, target: number) => `${range.split('-').map((v) => (number(v) / target).toFixed(2)).join('-')}x`;

describe("issue 14's goals: one dated table today in each doc, the same figures", () => {
  const performance = tableAfter(PERFORMANCE, "**Issue 14's goals today (2026-12-07)**");
  const search = tableAfter(SEARCH, '**Where it stands (2026-12-07)**');

  it('each doc has one current-state table, dated', () => {
    expect(count(PERFORMANCE, "**Issue 14's goals today")).toBe(1);
    expect(count(SEARCH, '**Where it stands')).toBe(1);
    expect(performance.map((r) => r[0].split(' (')[0].split(',')[0])).toEqual(['`evaluateTotals`', 'ELA-only search', '1 -> 2 workers',
      'peak RSS at 403k / 40k evaluations', 'hardware accuracy', '`npm start`']);
  });

  it("search.md's figures are performance.md's, and each verdict's ratio is its figure over its target", () => {
    const row = (table: string[][], start: string) => table.find((r) => r[0].startsWith(start))!.join(' | ');
    const ela = row(performance, '`evaluateTotals`');
    const search2 = row(performance, 'ELA-only search');
    const scaling = row(performance, '1 -> 2 workers');
    for (const figure of ['132,380-144,406', '77,867-86,548']) {
      expect(ela).toContain(figure);
      expect(row(search, '`evaluateTotals`')).toContain(figure);
    }
    for (const figure of ['warm 117,733-120,916', 'cold 62,020-64,155']) {
      expect(search2).toContain(figure);
      expect(row(search, '40k grid, 2 workers')).toContain(figure);
    }
    for (const figure of ['1.57x, 1.56x', '24-88 ms', '50-61 ms', 'SHA-256 11%']) {
      expect(scaling).toContain(figure);
      expect(row(search, '1 -> 2 workers, warm')).toContain(figure);
    }
    expect(scaling).toContain('cold 1.40x, 1.07x');
    expect(row(search, '1 -> 2 workers, cold')).toContain('1.40x, 1.07x');
    expect(row(performance, 'peak RSS')).toContain('| 1.19x |');
    expect(row(search, 'peak RSS')).toContain('| 1.19x |');
    // The verdicts: the figures over the targets (150,000 per CPU-second; 50,000/s), as printed.
    expect(ela).toContain(`**not met (${ratio('132,380-144,406', 150_000)})**`);
    expect(row(search, '`evaluateTotals`')).toContain(`not met (${ratio('132,380-144,406', 150_000)})`);
    expect(search2).toContain(`**met warm (${ratio('117,733-120,916', 50_000)}) and cold (${ratio('62,020-64,155', 50_000)}) in both runs**`);
    expect(row(search, '40k grid, 2 workers')).toContain(`met warm (${ratio('117,733-120,916', 50_000)}) and cold (${ratio('62,020-64,155', 50_000)})`);
    // cnn-mnist: 249-282 and mlp-mnist 948-1,031 per main-thread CPU-second against 300 and 1,000 (figure and verdict the same numbers).
    expect(row(performance, 'hardware accuracy')).toContain(`cnn-mnist 249, 250, 266, 266, 272, 282 |`);
    expect(row(performance, 'hardware accuracy')).toContain(`cnn-mnist ${ratio('249-282', 300)}`);
    expect(row(performance, 'hardware accuracy')).toContain(`not met at this hour: mlp-mnist ${ratio('948-1,031', 1000)}`);
    expect(row(performance, '`npm start`')).toMatch(/ \| search 4\.1 s \|.*\| 6 s \| \*\*met\*\*$/);
  });

  it("search.md's islands sentence quotes the table's current row", () => {
    const now = tableAfter(SEARCH, '| shipped settings | seeds 1-20').find((r) => r[0].endsWith('(now)'))!;
    const worst = (cell: string) => cell.split(', ')[1];
    const lead = /on seeds 1-20 and 21-60 alike,\s+worst seed ([\d.]+) and ([\d.]+)/.exec(SEARCH)!;
    expect([lead[1], lead[2]]).toEqual([worst(now[1]), worst(now[2])]);
  });
});
