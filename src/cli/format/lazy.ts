/**
 * The line `cosearch search` prints after a lazy run (docs/search.md, "Lazy accuracy"): on how many rows the
 * expensive engine ran, and why it did not on the others, so the saving is visible without reading the CSV's
 * `accuracyMeasured` column.
 */
import type { LazyCounts } from '../../search/index.js';

export function lazySummaryLine(c: LazyCounts): string {
  const rows = c.measuredRows + c.boundRows + c.dominatedRows + c.infeasibleRows + c.unselectedRows + c.predictedRows + c.failedRows;
  const ran = c.measuredRows + c.boundRows;
  const stopped = c.boundRows > 0 ? ` (${c.measuredRows} in full, ${c.boundRows} stopped early)` : '';
  const skipped = ([
    [c.dominatedRows, 'dominated'], [c.infeasibleRows, 'infeasible'], [c.unselectedRows, 'unselected'],
    [c.predictedRows, 'predicted infeasible'], [c.failedRows, 'failed'],
  ] as const).filter(([n]) => n > 0).map(([n, why]) => `${n} ${why}`);
  const samples = c.samples > 0 ? `, ${c.samples.toLocaleString('en-US')} samples` : '';
  return `  lazy:        expensive metrics on ${ran} of ${rows} rows${stopped}` +
    `${skipped.length > 0 ? `; not measured: ${skipped.join(', ')}` : ''}; ${c.measurements} measurements by this process${samples}\n`;
}
