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
  const performance = tableAfter(PERFORMANCE, "**Issue 14's goals today (2026-12-08)**");
  const search = tableAfter(SEARCH, '**Where it stands (2026-12-08)**');

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
    for (const figure of ['121,645-134,036', '69,165-87,255']) {
      expect(ela).toContain(figure);
      expect(row(search, '`evaluateTotals`')).toContain(figure);
    }
    for (const figure of ['warm 125,866-137,188', 'cold 59,488-66,633']) {
      expect(search2).toContain(figure);
      expect(row(search, '40k grid, 2 workers')).toContain(figure);
    }
    for (const figure of ['1.65x, 1.58x, 1.51x', '57-68 ms', '66-72 ms', 'SHA-256 15-22 ms']) {
      expect(scaling).toContain(figure);
      expect(row(search, '1 -> 2 workers, warm')).toContain(figure);
    }
    expect(scaling).toContain('cold 1.08x, 0.95x, 1.08x');
    expect(row(search, '1 -> 2 workers, cold')).toContain('1.08x, 0.95x, 1.08x');
    expect(row(performance, 'peak RSS')).toContain('| 1.19x |');
    expect(row(search, 'peak RSS')).toContain('| 1.19x |');
    // The verdicts: the figures over the targets (150,000 per CPU-second; 50,000/s), as printed.
    expect(ela).toContain(`**not met (${ratio('121,645-134,036', 150_000)})**`);
    expect(row(search, '`evaluateTotals`')).toContain(`not met (${ratio('121,645-134,036', 150_000)})`);
    expect(search2).toContain(`**met warm (${ratio('125,866-137,188', 50_000)}) and cold (${ratio('59,488-66,633', 50_000)}) in all 3 runs**`);
    expect(row(search, '40k grid, 2 workers')).toContain(`met warm (${ratio('125,866-137,188', 50_000)}) and cold (${ratio('59,488-66,633', 50_000)})`);
    // cnn-mnist: 269-287 and mlp-mnist 784-1,124 per main-thread CPU-second against 300 and 1,000 (figure and verdict the same numbers).
    expect(row(performance, 'hardware accuracy')).toContain(`cnn-mnist 270, 269, 273, 287 |`);
    expect(row(performance, 'hardware accuracy')).toContain(`cnn-mnist ${ratio('269-287', 300)}`);
    expect(row(performance, 'hardware accuracy')).toContain(`not met at this hour: mlp-mnist ${ratio('784-1,124', 1000)}`);
    expect(row(performance, '`npm start`')).toMatch(/ \| search 4\.1 s \|.*\| 6 s \| \*\*met\*\*$/);
  });

  it("search.md's islands sentence quotes the table's current row", () => {
    const now = tableAfter(SEARCH, '| shipped settings | seeds 1-20').find((r) => r[0].endsWith('(now)'))!;
    const worst = (cell: string) => cell.split(', ')[1];
    const lead = /on seeds 1-20 and 21-60 alike,\s+worst seed ([\d.]+) and ([\d.]+)/.exec(SEARCH)!;
    expect([lead[1], lead[2]]).toEqual([worst(now[1]), worst(now[2])]);
  });
});
