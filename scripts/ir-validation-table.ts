/**
 * docs/nonidealities.md, "Fast IR-drop model", the validation table: the fast IR model against the exact solve
 * (`validateIrModel`) on 40 random crossbars per case (4-bit levels, On/Off 10, V_read 0.1 V, seed "ir-validation"),
 * printed as the doc's markdown rows. Deterministic: the same seed gives the same table.
 *   npx tsx scripts/ir-validation-table.ts [--trials 40] [--seed ir-validation]
 */
import { parseArgs } from 'node:util';
import { CIRCUITS_TABLE_CASES, validateIrModel } from '../src/sim/nonideal/index.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '40' }, seed: { type: 'string', default: 'ir-validation' } } });
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
console.log('| X | R_on | p | r (Ω) | exact current loss | mean error | p95 | max | ignoring IR |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const c of CIRCUITS_TABLE_CASES) {
  const r = validateIrModel({ ...c, onOffRatio: 10, bitsPerCell: 4, readVoltage_V: 0.1, trials: Number(values.trials), seed: values.seed });
  console.log(`| ${c.size} | ${c.rOn_ohm / 1e3} k | ${c.spikeRate.toFixed(1)} | ${c.rWire_ohm} | ${(100 * r.exactLoss).toFixed(1)}% | ${pct(r.mean)} | ${pct(r.p95)} | ${pct(r.max)} | ${(100 * r.ignoreIrError).toFixed(1)}% |`);
}
