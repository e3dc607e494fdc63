/** What the report says beside the hypervolume (QA defects 13 and 14). */
import { describe, expect, it } from 'vitest';
import { beyondReferenceText, emptyHypervolumeText } from '../../../src/io/report/hypervolumeNotes.js';
import type { RunRow } from '../../../src/io/report/rows.js';
import type { RunCounts } from '../../../src/io/report/cloud.js';

const counts = (total: number, feasible: number, failed: number): RunCounts =>
  ({ total, feasible, infeasible: total - feasible - failed, failed, incomplete: 0, unmeasured: {} }) as unknown as RunCounts;
const row = (index: number, energy_pJ: number, macError_rms: number): RunRow => ({
  index, generation: 0, params: {}, metrics: { energy_pJ, macError_rms }, breakdown: {}, feasible: true, violation: 0, error: '', note: '', lazyStatus: '',
});

describe('emptyHypervolumeText', () => {
  it('gives the real reason: every evaluation failed, or none was feasible', () => {
    expect(emptyHypervolumeText(counts(4, 0, 4))).toBe('No hypervolume: every evaluation failed, so there is no feasible point to measure.');
    expect(emptyHypervolumeText(counts(21, 0, 0))).toBe('No hypervolume: no evaluation was feasible (the hypervolume measures the feasible non-dominated set).');
    expect(emptyHypervolumeText(counts(8, 3, 0))).toBe('This run recorded no hypervolume history.');
  });
});

describe('beyondReferenceText', () => {
  const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'macError_rms', sense: 'min' as const }];
  const unitOf = (m: string) => (m === 'energy_pJ' ? 'pJ' : 'fraction');
  it("names the front rows that do not beat the reference in every objective (the QA's layer-wise run: row 47, 3.612e8 pJ against 3.542e8)", () => {
    const front = [row(34, 178764131.49821723, 0.3295594974302569), row(47, 361205748.84936494, 0.31221280843535054)];
    expect(beyondReferenceText(front, objectives, [354196744.0972167, 0.3295943248372407], unitOf)).toBe(
      'Front row 47 (energy_pJ 361.2 µJ ≥ 354.2 µJ) does not beat the reference point in every objective, so it adds nothing to the hypervolume '
      + "(the reference is fixed from the run's first feasible batch)");
    expect(beyondReferenceText(front.slice(0, 1), objectives, [354196744.0972167, 0.3295943248372407], unitOf)).toBeUndefined();
    expect(beyondReferenceText(front, objectives, undefined, unitOf)).toBeUndefined();
  });
});
