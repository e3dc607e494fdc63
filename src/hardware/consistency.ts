/**
 * The checks of a configuration across its fields (checkConfig and applyOverrides run them after each value's own
 * check): bits per cell within the device's range, a read below the programming voltage, weight-copy settings that
 * would do nothing, a 1-bit converter over the full range, a sense amplifier on an unsigned column, a column mux wider than its crossbar, a drift time beyond
 * the device's retention, drift or read noise on a device that has none.
 */
import { ConfigError } from '../core/errors.js';
import type { HardwareConfig } from './configTypes.js';
import { checkOneBitFullRange, checkSenseColumns } from './adcRange.js';
import { checkConverterColumns } from './converterColumns.js';
import { DEVICE_PRESETS } from './devices.js';
import { checkViews, viewHeld, viewValue, type CheckView } from './layerView.js';
import { PARAMETERS } from './parameters.js';

/** Every cross-field check of `config`: a ConfigError naming the field, the value and what was expected. */
export function checkConsistency(config: HardwareConfig): void {
  checkCopySettings(config);
  checkLayerViews(config);
  checkRetention(config);
  checkFixedZero(config);
}

/**
 * The checks of the values each layer sees (one rule for which views count: layerView.ts checkViews): bits per cell
 * within the device's range, a read below the programming voltage, a 1-bit converter over the full range, a column mux
 * wider than its crossbar, a sense amplifier on an unsigned column. Without `layers` (checkConsistency), the
 * configuration's own views; with a network's weight layers (src/model/layerKeys.ts checkConfigLayers, for a
 * configuration with layer keys), each layer's, so a global value a layer without a key of its own reads is checked.
 */
export function checkLayerViews(config: HardwareConfig, layers?: readonly CheckView[]): void {
  const max = DEVICE_PRESETS[config.device.kind].maxBitsPerCell;
  for (const view of checkViews(config, BITS_PATH, layers)) {
    const bits = viewValue(config, view, 'device.bitsPerCell');
    if (typeof bits === 'number' && bits > max) tooManyBits(config, bits, viewHeld(config, view, 'device.bitsPerCell').path, max);
  }
  // The bound as a number; its record (path, why) is built only for a refusal: this runs on every applyOverrides.
  const bound_V = readDisturbVoltage(config);
  for (const view of checkViews(config, READ_PATH, layers)) {
    const read_V = viewValue(config, view, 'device.readVoltage_V');
    if (typeof read_V === 'number' && read_V >= bound_V) readDisturbs(read_V, viewHeld(config, view, 'device.readVoltage_V').path, config);
  }
  if (config.adc.rangeMode === 'full') checkOneBitFullRange(config, layers);
  checkConverterColumns(config, layers);
  checkSenseColumns(config, layers);
}

const BITS_PATH = ['device.bitsPerCell'] as const;
const READ_PATH = ['device.readVoltage_V'] as const;

/**
 * Drift or read noise on a device whose physics has none (sram: a latch; sttmram: an MTJ's two states do not drift):
 * the model would apply them anyway (an SRAM at nu 0.3 over 1e8 s drops mlp-mnist from 0.96 to 0.11), so it is refused.
 */
function checkFixedZero(config: HardwareConfig): void {
  const fixed = DEVICE_PRESETS[config.device.kind].fixedZero;
  if (!fixed) return;
  for (const field of ['driftNu', 'readNoiseSigma'] as const) {
    const why = fixed[field];
    if (why !== undefined && config.device[field] !== 0) {
      throw new ConfigError(`device.${field}: got ${config.device[field]}, expected 0 with device.kind=${config.device.kind} (${why})`);
    }
  }
}

/**
 * A drift time beyond a retention a source bounds from above (DeviceRetention 'refused'; FeFET: ~1e3-1e4 s, review
 * Sec. V C) describes a chip whose stored states have degraded away; the power-law drift G0 (t/t0)^-nu would still
 * report most of the conductance kept (FeFET nu 0.01 at 1e8 s: 86%), a confident wrong accuracy, so it is refused.
 */
function checkRetention(config: HardwareConfig): void {
  const retention = DEVICE_PRESETS[config.device.kind].retention;
  if (retention?.beyond === 'refused' && config.device.driftTime_s > retention.ratedRetention_s) {
    throw new ConfigError(`device.driftTime_s: got ${config.device.driftTime_s}, expected at most ${retention.ratedRetention_s} s with device.kind=${config.device.kind} ` +
      `(${retention.source}; beyond it the stored weights are lost, which the drift model does not describe)`);
  }
}

const MAX_REPLICATE_DEFAULT = PARAMETERS.find((p) => p.path === 'arch.maxReplicate')?.default;

/**
 * Weight-copy settings that would do nothing (src/sim/ela/timing.ts layerReplicas), refused like the other inert
 * settings: under arch.balance=on the balance sets the copies of every layer that states none of its own
 * (layers.<l>.arch.replicate still wins), so a global arch.replicate is never read; with it off arch.maxReplicate is
 * never read. A configuration cannot tell a value set to the default from one left at it, so only a value other than
 * the default is refused.
 */
function checkCopySettings(config: HardwareConfig): void {
  const { balance, replicate, maxReplicate } = config.arch;
  if (balance !== 'off' && replicate !== 1) {
    throw new ConfigError(`arch.replicate: got ${replicate}, expected 1 with arch.balance=${balance} (the balance sets the copies of every layer without its own layers.<l>.arch.replicate, so a global arch.replicate has no effect)`);
  }
  if (balance === 'off' && maxReplicate !== MAX_REPLICATE_DEFAULT) {
    throw new ConfigError(`arch.maxReplicate: got ${maxReplicate}, expected the default ${String(MAX_REPLICATE_DEFAULT)} with arch.balance=off (it caps the copies arch.balance=on gives, so without it it has no effect)`);
  }
}

interface ReadDisturbBound {
  readonly voltage_V: number;
  readonly path: 'device.writeVoltage_V' | 'device.resetVoltage_V';
  readonly why: string;
}

/**
 * A read at or above a programming voltage of its own polarity would program the cell it reads (read disturb): every
 * read must stay below the device's switching threshold, which lies below its write voltage [inference; NeuroSim
 * reads RRAM at 0.5 V and writes at 2 V, docs/sources.md#circuits-2-5]. A bipolar device's read has the SET pulse's
 * polarity, so the SET voltage bounds it; a unipolar device (PCM) is SET and RESET in the read's polarity, so the
 * lower of the two does. That bound is certainly wrong to cross; how far below it a read is safe depends on the
 * device and is not checked.
 */
function readDisturbBound(config: HardwareConfig): ReadDisturbBound {
  const { kind, writeVoltage_V, resetVoltage_V } = config.device;
  if (!resetBoundsRead(config)) return { voltage_V: writeVoltage_V, path: 'device.writeVoltage_V', why: 'the programming voltage' };
  return { voltage_V: resetVoltage_V, path: 'device.resetVoltage_V', why: `the RESET voltage (device.kind=${kind} is unipolar: both pulses have the read's polarity)` };
}

/** readDisturbBound's voltage alone, without building its record (every applyOverrides checks it; the read-disturb note, sim/deviceNotes.ts). */
export function readDisturbVoltage(config: HardwareConfig): number {
  return resetBoundsRead(config) ? config.device.resetVoltage_V : config.device.writeVoltage_V;
}

/** Whether the RESET pulse, not the SET pulse, bounds a read: a unipolar device whose RESET is the lower. */
function resetBoundsRead(config: HardwareConfig): boolean {
  const { kind, writeVoltage_V, resetVoltage_V } = config.device;
  return DEVICE_PRESETS[kind].write.polarity === 'unipolar' && resetVoltage_V < writeVoltage_V;
}

function readDisturbs(read_V: number, where: string, config: HardwareConfig): never {
  const bound = readDisturbBound(config);
  throw new ConfigError(`${where}: got ${read_V}, expected a read voltage below ${bound.path} = ${bound.voltage_V} V (a read at or above ${bound.why} rewrites the cell it reads)`);
}

function tooManyBits(config: HardwareConfig, bits: number, where: string, max: number): never {
  throw new ConfigError(`${where}: got ${bits}, expected at most ${max} bits per cell for device.kind=${config.device.kind}`);
}
