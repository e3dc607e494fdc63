/**
 * Device settings the engines price but whose physics they do not check, as model notes (modelAssumptionNotes; QA
 * edges 2026-12-06, defects 3, 5, 6, 7): a read voltage above the node's supply or past half the device's switching
 * voltage, a drift time beyond a rated retention the preset notes (RRAM's), a fixed read port (SRAM's 8T) at
 * conductances it cannot have, and training that wears the cells out within an epoch. Each names the field, the value and why; none moves a priced number.
 */
import { readDisturbVoltage } from '../hardware/consistency.js';
import type { HardwareConfig } from '../hardware/config.js';
import { DEVICE_PRESETS, SECONDS_PER_YEAR_s, type DevicePreset } from '../hardware/devices.js';
import { layerHeld } from '../hardware/layerView.js';
import { isWeightLayer } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import { lstpDevice } from '../hardware/components/sramLeakage.js';
import type { TrainingCost } from './training/types.js';

/** The notes of this module that apply to `config` (and to its training cost, when costed). */
export function deviceEdgeNotes(network: Network, config: HardwareConfig, training?: TrainingCost): string[] {
  const layers = network.layers.filter(isWeightLayer);
  const preset = DEVICE_PRESETS[config.device.kind];
  return [...readVoltageNotes(layers, config), retentionNote(config, preset), readPortNote(layers, config, preset), enduranceNote(config, training)]
    .filter((n): n is string => n !== undefined);
}

/**
 * The values of `path` the weight layers read (layerHeld), each once with the path that holds it: the global value
 * first when some layer reads it, then the layers' own in layer order. A global value every layer overrides is read by
 * none and not listed (until QA maint2 it was noted as if some layer read it). A space's values per layer are
 * app/spaceValues.ts layerValues'.
 */
function valuesRead(layers: readonly WeightLayer[], config: HardwareConfig, path: string): [string, number][] {
  const found = new Map<string, number>();
  for (const layer of layers) {
    const { value, path: where } = layerHeld(config, layer, path);
    if (typeof value === 'number') found.set(where, value);
  }
  return [...found].sort(([a], [b]) => Number(b === path) - Number(a === path));
}

type WeightLayer = Network['layers'][number];

/**
 * A read voltage above the node's supply: the word line and the access transistor's gate are driven from V_dd (the
 * SRAM cell supply of CACTI 7's LSTP device at the node, the one the leakage model holds: docs/sources.md#circuits-3-7),
 * so a read at V_r > V_dd needs a boosted or separate supply, which is not priced. A read above half the voltage
 * that would program the cell (consistency.ts readDisturbVoltage: the SET voltage, a unipolar device's lower pulse;
 * at or above it is refused): the V/2 half-select bias write schemes rely on to leave a cell unchanged [inference], so
 * read disturb is possible, and it is not modelled (NeuroSim reads RRAM at 0.5 V and writes at 2 V,
 * docs/sources.md#circuits-2-5).
 */
function readVoltageNotes(layers: readonly WeightLayer[], config: HardwareConfig): string[] {
  const node = config.tech.node_nm;
  const vdd_V = lstpDevice(node).supplyVoltage_V;
  const disturb_V = readDisturbVoltage(config);
  const notes: string[] = [];
  for (const [path, read_V] of valuesRead(layers, config, 'device.readVoltage_V')) {
    if (read_V > vdd_V) {
      notes.push(`${path}=${read_V} V is above V_dd ${+vdd_V.toFixed(3)} V at tech.node_nm=${node} (CACTI 7's LSTP supply, the leakage model's): a word line ` +
        'and access transistor driven from V_dd cannot pass it, so the read needs a boosted or separate supply, which is not priced (docs/simulator.md, Equations)');
    }
    if (read_V > disturb_V / 2) {
      notes.push(`${path}=${read_V} V is above half the ${disturb_V} V that programs a device.kind=${config.device.kind} cell (the V/2 half-select bias ` +
        'write schemes count on to leave a cell unchanged [inference]): reads may disturb the stored weights, which the model does not describe (docs/simulator.md, Equations)');
    }
  }
  return notes;
}

/**
 * A drift time beyond a rated retention the preset notes (DeviceRetention 'noted'; RRAM's 10 years at 85 °C, an
 * [inference]) describes a chip past it; the power-law drift would still report most of the conductance kept, so the
 * accuracy is an upper bound. A retention a source bounds from above is refused instead (consistency.ts checkRetention).
 */
export function retentionNote(config: HardwareConfig, preset: DevicePreset): string | undefined {
  const t = config.device.driftTime_s;
  const retention = preset.retention;
  if (retention?.beyond !== 'noted' || t <= retention.ratedRetention_s) return undefined;
  const rated_s = retention.ratedRetention_s;
  return `device.driftTime_s=${t} s (${(t / SECONDS_PER_YEAR_s).toPrecision(3)} years) is beyond ${retention.name}, ${+(rated_s / SECONDS_PER_YEAR_s).toPrecision(3)} years ` +
    `(${rated_s.toExponential(3)} s) ${retention.source}: the power-law drift does not describe states lost past it, so the accuracy is an upper bound (docs/nonidealities.md, Device model)`;
}

/**
 * Read-port conductances set away from the preset's on a device whose read port is fixed transistors (fixedReadPort;
 * SRAM: R_on 10 kΩ, On/Off 1e3, an [inference] for a 65 nm 8T read stack: devices.ts): the port is a switch driven
 * by the latched bit, whose on-resistance is set by its two transistors and whose off state is a transistor's off
 * current, so another R_on or a low On/Off describes no such port; energy and latency follow the values as set.
 */
export function readPortNote(layers: readonly WeightLayer[], config: HardwareConfig, preset: DevicePreset): string | undefined {
  const fixed = preset.fixedReadPort;
  if (!fixed) return undefined;
  const set: string[] = [];
  for (const field of ['rOn_ohm', 'onOffRatio'] as const) {
    for (const [path, value] of valuesRead(layers, config, `device.${field}`)) if (value !== preset[field]) set.push(`${path}=${value}`);
  }
  if (!set.length) return undefined;
  return `${set.join(', ')} with device.kind=${config.device.kind}: outside what the ${fixed.port} is (the preset's R_on ${preset.rOn_ohm} Ω, On/Off ${preset.onOffRatio}, ` +
    `${fixed.why}); the read energy and time follow the values as set (docs/nonidealities.md, Device model)`;
}

/**
 * Cells that wear out within one epoch: device.endurance_cycles under the most-written cell's pulses per epoch. The
 * epoch is priced as if every write took (wear-out is not modelled), so its energy and time describe a chip that
 * would fail part way through it.
 */
function enduranceNote(config: HardwareConfig, training?: TrainingCost): string | undefined {
  if (!training || training.lifetime_epochs >= 1) return undefined;
  return `device.endurance_cycles=${config.device.endurance_cycles} is under one epoch's writes to the most-written cell ` +
    `(${training.writesPerCellPerEpoch.max.toPrecision(4)} pulses): the cells wear out after ${training.lifetime_epochs.toPrecision(3)} epochs, ` +
    'yet the epoch is priced as if every write took (wear-out is not modelled) (docs/training-cost.md)';
}
