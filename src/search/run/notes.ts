/**
 * An evaluator's note on what a row's figures rest on (an assumption the numbers depend on), written in the run
 * CSVs' last column (NOTE_COLUMN). The evaluator says which metrics a note concerns; a run that needs none of them
 * has no column. Notes are made on the main thread from each row's overrides (pure: a resumed run rebuilds the same
 * cells), so no backend, cache or worker protocol carries them.
 */
import { csvField, NOTE_COLUMN } from '../../io/run/index.js';
import type { EvalOutcome, Overrides } from '../backend/types.js';
import { pointOverrides } from '../../io/run/index.js';
import type { ParamValue, SpaceVariable } from '../space/types.js';

export { NOTE_COLUMN };

export interface RowNote {
  /** The note column is written in runs that need one of these metrics (an objective, a constraint, a study's). */
  readonly metrics: readonly string[];
  /** One run's note function (the space's network and base), called with each design's overrides; undefined: no note. */
  create(context: { readonly network: string; readonly base: Overrides }): (overrides: Overrides) => string | undefined;
}

/** One run's notes: the design's note, and the metrics it concerns. */
export interface RunNotes {
  readonly metrics: readonly string[];
  of(overrides: Overrides): string | undefined;
}

/** The run's notes, or undefined when the run has no note column (no RowNote, or none of its metrics needed). */
export function runNotes(rowNote: RowNote | undefined, needed: readonly string[], context: { readonly network: string; readonly base: Overrides },
): RunNotes | undefined {
  if (!rowNote || !rowNote.metrics.some((m) => needed.includes(m))) return undefined;
  return { metrics: rowNote.metrics, of: rowNote.create(context) };
}

/**
 * A line builder with the note cell appended: empty unless the row has a value of a metric the note concerns (a
 * failed row, or a lazy run's row left unmeasured, rests on nothing).
 */
export function withNoteCell<R extends { readonly point: readonly ParamValue[]; readonly outcome: EvalOutcome }>(
  line: (row: R) => string, variables: readonly SpaceVariable[], notes: RunNotes,
): (row: R) => string {
  return (row) => {
    const values = row.outcome.metrics;
    const measured = values !== undefined && notes.metrics.some((m) => Number.isFinite(values[m]));
    const note = measured ? notes.of(pointOverrides(variables, row.point)) : undefined;
    return `${line(row).slice(0, -1)},${note === undefined ? '' : csvField(note)}\n`;
  };
}
