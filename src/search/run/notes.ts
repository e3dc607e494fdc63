/**
 * An evaluator's note on what a row's figures rest on (an assumption the numbers depend on), written in the run
 * CSVs' last column (NOTE_COLUMN). The evaluator says which metrics a note concerns; a run that needs none of them
 * has no column. Notes are made on the main thread from each row's overrides (pure: a resumed run rebuilds the same
 * cells), so no backend, cache or worker protocol carries them.
 */
import { csvField, NOTE_COLUMN } from '../../io/run/index.js';
import type { Overrides } from '../backend/types.js';
import { pointOverrides } from '../../io/run/index.js';
import type { ParamValue, SpaceVariable } from '../space/types.js';

export { NOTE_COLUMN };

export interface RowNote {
  /** The note column is written in runs that need one of these metrics (an objective, a constraint, a study's). */
  readonly metrics: readonly string[];
  /** One run's note function (the space's network and base), called with each design's overrides; undefined: no note. */
  create(context: { readonly network: string; readonly base: Overrides }): (overrides: Overrides) => string | undefined;
}

/** The run's note function, or undefined when the run has no note column (no RowNote, or none of its metrics needed). */
export function runNotes(rowNote: RowNote | undefined, needed: readonly string[], context: { readonly network: string; readonly base: Overrides },
): ((overrides: Overrides) => string | undefined) | undefined {
  if (!rowNote || !rowNote.metrics.some((m) => needed.includes(m))) return undefined;
  return rowNote.create(context);
}

/** A line builder with the note cell appended (empty for a failed row: its figures rest on nothing). */
export function withNoteCell<R extends { readonly point: readonly ParamValue[]; readonly error: string | undefined }>(
  line: (row: R) => string, variables: readonly SpaceVariable[], noteOf: (overrides: Overrides) => string | undefined,
): (row: R) => string {
  return (row) => {
    const note = row.error === undefined ? noteOf(pointOverrides(variables, row.point)) : undefined;
    return `${line(row).slice(0, -1)},${note === undefined ? '' : csvField(note)}\n`;
  };
}
