/**
 * Front designs whose figures rest on an assumption the evaluator names in the run's `note` column (the simulator:
 * hardware accuracy with trained weights off their trained point), grouped by note, so the report says which of the
 * designs offered as a choice carry one and what it is.
 */
import { counted } from '../../core/index.js';
import type { RunRow } from './rows.js';

/** One sentence for the report (undefined when no front row has a note): each note with the rows that carry it. */
export function rowNotesText(front: readonly RunRow[]): string | undefined {
  const byNote = new Map<string, number[]>();
  for (const row of [...front].sort((a, b) => a.index - b.index)) {
    if (row.note === '') continue;
    const rows = byNote.get(row.note);
    if (rows) rows.push(row.index);
    else byNote.set(row.note, [row.index]);
  }
  if (byNote.size === 0) return undefined;
  const designs = [...byNote.values()].reduce((n, rows) => n + rows.length, 0);
  const described = [...byNote].map(([note, rows]) => `${note} (${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')})`);
  return `${counted(designs, 'front design')} of ${front.length} rest on an assumption (the CSVs' note column): ${described.join('; ')}`;
}
