/**
 * docs/architecture.md's "To add a metric" names every place an ELA metric must be added. src/sim/metrics.ts has two
 * inside the one file: the `ela(...)` entry in TOTALS and its `out[i] = e.<field>` line in writeElaValues, the
 * hand-written fast path a search's rows read (QA docs defect 1, 2026-12-07: the page said one entry, and a metric
 * added by it alone failed test/sim/metrics.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/sim/metrics.js';

const DOC = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
const SOURCE = readFileSync(new URL('../../src/sim/metrics.ts', import.meta.url), 'utf8');

/** The paragraph that starts "**To add a metric". */
const toAddAMetric = DOC.slice(DOC.indexOf('**To add a metric'), DOC.indexOf('\n\n', DOC.indexOf('**To add a metric')));

describe('docs/architecture.md, "To add a metric"', () => {
  it('writeElaValues holds one hand-written line per ELA total (so a new one needs its line)', () => {
    const lines = [...SOURCE.matchAll(/^ {2}out\[(\d+)\] = e\.(\w+);$/gm)].map((m) => [Number(m[1]), m[2]] as const);
    const totals = METRICS.filter((m) => !m.name.startsWith('breakdown.')).map((m) => m.name);
    expect(lines.map(([, field]) => field)).toEqual(totals);
    expect(lines.map(([index]) => index)).toEqual(totals.map((_, i) => i));
  });

  it('names writeElaValues beside the TOTALS entry, in the paragraph and in the "To add X" table', () => {
    expect(toAddAMetric).toContain('`writeElaValues`');
    expect(DOC.split('\n').find((line) => line.startsWith('| a metric |'))).toContain('`writeElaValues`');
  });
});
