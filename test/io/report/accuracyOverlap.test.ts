/** The report says when a front's accuracies are not told apart by their measurement (overlapping 95% intervals). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accuracyBoundFlag, accuracyCountOf, accuracyOverlapText, type AccuracyCount } from '../../../src/io/report/accuracyOverlap.js';
import { readRun } from '../../../src/io/report/run.js';
import type { RunRow } from '../../../src/io/report/rows.js';
import { combineChips, recordedInterval, wilsonResult, type AccuracyResult } from '../../../src/sim/accuracyResult.js';
import { writeFixtureRun } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-overlap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A front row holding a result's accuracy and half-width, as evaluations.csv does (not its bounds). */
const row = (index: number, result: Pick<AccuracyResult, 'accuracy' | 'accuracy_ci95'>): RunRow => ({
  index, generation: 0, params: {}, metrics: { accuracy: result.accuracy, accuracy_ci95: result.accuracy_ci95, energy_pJ: index },
  breakdown: {}, feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
});
const oneChip = (correct: number, samples: number) => wilsonResult(correct, samples, 'hp');
/** Every row measured on `samples` test images of one chip. */
const counted = (samples: number) => (): AccuracyCount => ({ samples, chips: 1 });
const RAISE = 'the measurement does not tell these designs apart on accuracy; raise accuracy.samples (or accuracy.chips) to resolve them';

describe('accuracyOverlapText', () => {
  it("notes overlapping Wilson intervals that accuracy +- accuracy_ci95 would call apart (92% and 98% of 200: 87.40-95.02% and 94.97-99.22%)", () => {
    // Centred on the accuracy, 92% +- 3.81 ends at 95.81% and 98% +- 2.12 starts at 95.88%: apart. Wilson's are not centred.
    expect(accuracyOverlapText([row(1, oneChip(184, 200)), row(2, oneChip(196, 200))], counted(200))).toBe(
      "The front's accuracies have 95% intervals that all overlap (row 1 92.00% (87.40-95.02%), row 2 98.00% (94.97-99.22%); "
      + `all hold 94.97-95.02%): ${RAISE}`);
  });

  it('says nothing for Wilson intervals apart that accuracy +- accuracy_ci95 would call overlapping (80 of 100 up to 86.66%, 1,770 of 2,000 from 87.03%)', () => {
    const samples = new Map([[1, 100], [2, 2000]]);
    const countOf = (r: RunRow): AccuracyCount => ({ samples: samples.get(r.index) ?? NaN, chips: 1 });
    expect(accuracyOverlapText([row(1, oneChip(80, 100)), row(2, oneChip(1770, 2000))], countOf)).toBeUndefined();
  });

  it('prints a chip-averaged result with its Student t interval (centred on the mean of the chips)', () => {
    const chips = combineChips([oneChip(90, 100), oneChip(96, 100), oneChip(93, 100)]);
    expect(chips.chips?.interval).toBe('student-t');
    expect(accuracyOverlapText([row(1, chips), row(2, oneChip(280, 300))], (r) => (r.index === 1 ? { samples: 100, chips: 3 } : { samples: 300, chips: 1 }))).toBe(
      "The front's accuracies have 95% intervals that all overlap (row 1 93.00% (85.55-100.00%), row 2 93.33% (89.93-95.64%); "
      + `all hold 89.93-95.64%): ${RAISE}`);
  });

  it('says nothing when a count is unknown or is not the one measured (its half-width differs: no guessed interval)', () => {
    const front = [row(1, oneChip(190, 200)), row(2, oneChip(191, 200))];
    expect(accuracyOverlapText(front, counted(200))).toBeDefined();
    expect(accuracyOverlapText(front, counted(2000))).toBeUndefined();
    expect(accuracyOverlapText(front, (r) => (r.index === 1 ? undefined : { samples: 200, chips: 1 }))).toBeUndefined();
  });

  it('says nothing when one pair is apart, with fewer than two accuracies, or without them (VGG16: NaN)', () => {
    expect(accuracyOverlapText([row(1, oneChip(180, 200)), row(2, oneChip(199, 200)), row(3, oneChip(190, 200))], counted(200))).toBeUndefined();
    expect(accuracyOverlapText([row(1, oneChip(190, 200))], counted(200))).toBeUndefined();
    expect(accuracyOverlapText([row(1, { accuracy: NaN, accuracy_ci95: NaN }), row(2, { accuracy: NaN, accuracy_ci95: NaN })], counted(200))).toBeUndefined();
  });
});

describe('recordedInterval', () => {
  it("rebuilds the engine's bounds from accuracy, accuracy_ci95 and the counts: one chip, Student t over chips, pooled Wilson", () => {
    const studentT = combineChips([oneChip(90, 100), oneChip(96, 100), oneChip(93, 100)]);
    const pooled = combineChips([oneChip(47, 50), oneChip(47, 50), oneChip(47, 50)]);
    expect(pooled.chips?.interval).toBe('pooled-wilson');
    for (const [result, samples, chips] of [[oneChip(184, 200), 200, 1], [oneChip(7, 10), 10, 1], [studentT, 100, 3], [pooled, 50, 3]] as const) {
      expect(recordedInterval(result.accuracy, result.accuracy_ci95, samples, chips)).toEqual({ low: result.accuracy_low, high: result.accuracy_high });
    }
    expect(recordedInterval(0.92, oneChip(184, 200).accuracy_ci95, 2000, 1)).toBeUndefined();
  });
});

describe('accuracyCountOf', () => {
  it("reads a row's accuracy.samples and accuracy.chips from the space's base overrides, else the defaults", async () => {
    const fixture = writeFixtureRun(join(root, 'base'));
    const defaults = await readRun(fixture.dir);
    expect(accuracyCountOf(defaults)(defaults.front[0])).toEqual({ samples: 2000, chips: 1 });
    const manifestPath = join(fixture.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, base: { ...manifest.base, 'accuracy.samples': 200, 'accuracy.chips': 3 } }));
    const run = await readRun(fixture.dir);
    expect(accuracyCountOf(run)(run.front[0])).toEqual({ samples: 200, chips: 3 });
  });
});

describe('accuracyBoundFlag', () => {
  const atLeast80 = [{ metric: 'accuracy', min: 0.8 }];
  it("flags a feasible front row whose 95% interval crosses the constraint's bound (34 of 40 = 85%, Wilson 70.93-92.94%, accuracy >= 0.8)", () => {
    // The QA run `acc`: row 3 was offered as feasible with no word; 38 of 40 (Wilson from 83.50%) clears the bound.
    const flag = accuracyBoundFlag([row(5, oneChip(38, 40)), row(3, oneChip(34, 40))], atLeast80, counted(40));
    expect(flag?.rows).toEqual([3]);
    expect(flag?.text).toBe('A front row meets an accuracy constraint by its measured accuracy but its 95% interval crosses the bound '
      + '(row 3 85.00% (95% interval 70.93-92.94%) against accuracy ≥ 0.8): the measurement cannot tell whether it meets the constraint; '
      + 'raise accuracy.samples (or accuracy.chips) before relying on it');
  });

  it('flags an upper bound crossed from below, and says nothing without an accuracy constraint or an interval it can rebuild', () => {
    expect(accuracyBoundFlag([row(1, oneChip(34, 40))], [{ metric: 'accuracy', max: 0.9 }], counted(40))?.rows).toEqual([1]);
    expect(accuracyBoundFlag([row(1, oneChip(34, 40))], [{ metric: 'area_mm2', max: 60 }], counted(40))).toBeUndefined();
    expect(accuracyBoundFlag([row(1, oneChip(34, 40))], atLeast80, counted(400))).toBeUndefined();
    expect(accuracyBoundFlag([row(1, oneChip(380, 400))], atLeast80, counted(400))).toBeUndefined();
  });
});
