/**
 * The simulator's row note (RunSearchOptions.rowNote, the run CSVs' `note` column): hardware accuracy measured with
 * trained weights off the point they were trained at (another snn.timesteps, fewer weight bits, an ADC-less design
 * changed: weightsDesignMismatch), the note `cosearch evaluate` prints. It concerns the measured accuracy only, so
 * only runs that need `accuracy` or `accuracy_ci95` have the column.
 */
import { applyOverrides, defaultConfig } from '../hardware/config.js';
import { networkLoader } from '../model/index.js';
import { MEASURED_ACCURACY_METRIC_NAMES } from '../sim/metrics.js';
import { weightsDesignMismatch } from '../sim/accuracy.js';
import { resolveConfiguration } from '../sim/simulate.js';
import type { RowNote } from '../search/index.js';

export const SIMULATOR_ROW_NOTE: RowNote = {
  metrics: MEASURED_ACCURACY_METRIC_NAMES,
  create({ network, base }) {
    const load = networkLoader();
    const config = applyOverrides(defaultConfig(), base);
    return (overrides) => {
      // A design the simulator refuses has failed (its row has an error and no note); one it accepts is resolved the same way here.
      const resolved = resolveConfiguration((name) => load(name ?? network), overrides, config);
      return weightsDesignMismatch(resolved.network, resolved.config);
    };
  },
};
