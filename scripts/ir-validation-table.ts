/**
 * docs/nonidealities.md, "Fast IR-drop model", the validation table: the fast IR model against the exact solve
 * (`validateIrModel`) on 40 random crossbars per case (4-bit levels, On/Off 10, V_read 0.1 V, seed "ir-validation"),
 * printed as the doc's markdown rows. Deterministic: the same seed gives the same table.
 * With --beyond, the 256 x 256 cases past the range (BEYOND_TABLE_CASES). The estimated loss is irEstimate.ts's closed form.
 *   npx tsx scripts/ir-validation-table.ts [--trials 40] [--seed ir-validation] [--beyond]
 */
import { parseArgs } from 'node:util';
import { BEYOND_TABLE_CASES, CIRCUITS_TABLE_CASES, cellLevels, estimatedIrLoss, validateIrModel } from '../src/sim/nonideal/index.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '40' }, seed: { type: 'string', default: 'ir-validation' }, beyond: { type: 'boolean', default: false } } });
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
console.log('| X | R_on | p | r (Ω) | exact current loss | estimated loss | mean error | p95 | max | ignoring IR |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const c of values.beyond ? BEYOND_TABLE_CASES : CIRCUITS_TABLE_CASES) {
  const r = validateIrModel({ ...c, onOffRatio: 10, bitsPerCell: 4, readVoltage_V: 0.1, trials: Number(values.trials), seed: values.seed });
  const levels = cellLevels({ bitsPerCell: 4, rOn_ohm: c.rOn_ohm, onOffRatio: 10 });
  const estimate = estimatedIrLoss(c.size, c.rWire_ohm, (levels.stackOn_S + levels.stackOff_S) / 2, c.spikeRate);
  console.log(`| ${c.size} | ${c.rOn_ohm / 1e3} k | ${c.spikeRate.toFixed(1)} | ${c.rWire_ohm} | ${(100 * r.exactLoss).toFixed(1)}% | ${(100 * estimate).toFixed(1)}% | ${pct(r.mean)} | ${pct(r.p95)} | ${pct(r.max)} | ${(100 * r.ignoreIrError).toFixed(1)}% |`);
}
