/**
 * The simulator's row note (RunSearchOptions.rowNote, the run CSVs' `note` column): hardware accuracy measured with
 * trained weights off the point they were trained at (another snn.timesteps, fewer weight bits, an ADC-less design
 * changed: weightsDesignMismatch), the note `cosearch evaluate` prints, and crossbars past the IR loss the fast IR-drop
 * model was checked to (irModelNote). Only runs that need `accuracy` or `accuracy_ci95` have the column: giving it to
 * runs of energy, latency or area alone would change every run CSV's columns (and a resumed run's check of them), a
 * change for the lead, so those runs carry no note column: `search` prints the front designs' model notes when it ends
 * and `pick` the picked design's (frontNotes.ts), and `cosearch evaluate` prints them for any design.
 */
import { MEASURED_ACCURACY_METRIC_NAMES } from '../sim/metrics.js';
import { weightsDesignMismatch } from '../sim/accuracy.js';
import { irModelNote } from '../sim/nonideal/irEstimate.js';
import type { RowNote } from '../search/index.js';
import { designResolver } from './designResolver.js';

export const SIMULATOR_ROW_NOTE: RowNote = {
  metrics: MEASURED_ACCURACY_METRIC_NAMES,
  create({ network, base }) {
    const resolve = designResolver(network, base);
    return (overrides) => {
      // A design the simulator refuses has failed (its row has an error and no note); one it accepts is resolved the same way here.
      const resolved = resolve(overrides);
      const notes = [weightsDesignMismatch(resolved.network, resolved.config), irModelNote(resolved.network, resolved.config)].filter((n): n is string => n !== undefined);
      return notes.length ? notes.join('; ') : undefined;
    };
  },
};
