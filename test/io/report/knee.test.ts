/** The report marks the front's knee (issue 15, item 6): the rule on a hand-made front, the row and the plot's ring. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../../src/io/report/index.js';
import { frontKnee } from '../../../src/io/report/knee.js';
import { readRun, type RunData } from '../../../src/io/report/run.js';
import { KNEE_DESCRIPTION } from '../../../src/io/plot/pareto.js';
import { fixtureEvaluator, writeFixtureRun } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-knee-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A front of (energy min, accuracy max) points as RunData needs them for frontKnee. */
function front(points: [number, number][], indices = points.map((_, i) => 10 + i)): Parameters<typeof frontKnee>[0] {
  const objectives: RunData['manifest']['objectives'] = [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'accuracy', sense: 'max' }];
  return { manifest: { objectives }, front: points.map(([e, a], i) => ({ index: indices[i], metrics: { energy_pJ: e, accuracy: a } })) };
}

describe('frontKnee', () => {
  it('picks the bend of a hand-made front and returns its evaluation index', () => {
    // Scaled: (0, 1 - 0.5) ... the middle point gives up 0.1 of energy for 0.9 of accuracy against the cheapest.
    expect(frontKnee(front([[0, 0.5], [1, 0.95], [10, 1]]))).toBe(11);
    expect(frontKnee(front([[0, 0.5], [9, 0.55], [10, 1]]))).not.toBe(11);
  });
  it('marks none with fewer than three front points or a single objective', () => {
    expect(frontKnee(front([[0, 0.5], [1, 0.95]]))).toBeUndefined();
    // Five rows, two distinct designs (twins equal in every objective count once): no knee either.
    expect(frontKnee(front([[0, 0.5], [1, 0.95], [0, 0.5], [1, 0.95], [1, 0.95]]))).toBeUndefined();
    // Three distinct designs among four rows: a knee.
    expect(frontKnee(front([[0, 0.5], [1, 0.95], [1, 0.95], [10, 1]]))).toBe(11);
    const one = front([[0, 0.5], [1, 0.95], [10, 1]]);
    expect(frontKnee({ ...one, manifest: { objectives: [one.manifest.objectives[0]] } })).toBeUndefined();
  });
});

describe('report.html marks the knee', () => {
  it('highlights and labels the knee row and rings it in the Pareto plot', async () => {
    const fixture = writeFixtureRun(join(root, 'run'));
    const files = await writeRunReport(fixture.dir, { evaluatePoint: fixtureEvaluator(fixture) });
    const knee = frontKnee(await readRun(fixture.dir));
    expect(knee).toBeDefined();
    const html = readFileSync(files.htmlPath, 'utf8');
    const kneeRows = [...html.matchAll(/<tr data-index="(\d+)" class="knee"[^>]*>(.*?)<\/tr>/g)];
    expect(kneeRows.map((m) => Number(m[1]))).toEqual([knee]);
    expect(kneeRows[0][2]).toContain('<span class="knee-tag">knee</span>');
    expect(html).toContain('Ringed in gold: the knee point');
    const svg = readFileSync(files.svgPath, 'utf8');
    expect(svg).toContain(`ringed: the knee point (evaluation ${knee})`);
    expect(svg.split(KNEE_DESCRIPTION).length - 1).toBeGreaterThanOrEqual(1);
  });
});
