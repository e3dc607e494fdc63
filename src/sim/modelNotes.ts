/**
 * Where an evaluation's energy, latency and area rest on something the model does not check, as notes `cosearch
 * evaluate` prints (docs/simulator.md, Buffers and LIF module): each names the setting and the figure at stake, so a
 * result is never presented as more than it is.
 */
import { layerHardware, type HardwareConfig } from '../hardware/config.js';
import { adcKind, ignoredAdcSettings, unreadSetting } from '../hardware/components/adc/index.js';
import { parameterSpec } from '../hardware/config.js';
import { layerHeld, layerValuePath } from '../hardware/layerView.js';
import { globalValueReaders, ownValueReaders, layerConverters } from './effectiveDesign.js';
import { BITS_PER_KB, largeArrayEnergyGrowth, SRAM_CALIBRATED_MAX_KB, SRAM_CALIBRATED_MIN_KB, SRAM_LARGE_ARRAY_ENERGY_EXPONENT, withinCactiSramTable } from '../hardware/components/sram.js';
import { NOC_CALIBRATED_WIDTHS_bits, routerArea_mm2, routerCrossbarArea_mm2 } from '../hardware/components/interconnect.js';
import { FASTEST_CITED_CLOCK_MHz, FASTEST_CITED_CLOCK_NODE_nm, fastestCitedClock_MHz } from '../hardware/components/clock.js';
import { lstpDevice, withinCactiLstpTable } from '../hardware/components/sramLeakage.js';
import { LIF_CACHE_KINDS } from '../hardware/components/lif.js';
import { isWeightLayer, poolOutputBits, shapeSize } from '../model/resolve.js';
import type { Network, ResolvedLayer } from '../model/types.js';
import { networkPlan } from './ela/plan.js';
import { inputPlanes, type LayerMapping } from './mapping.js';
import { mapNetwork } from './ela/plan.js';
import { deviceEdgeNotes } from './deviceNotes.js';
import { inputDeliveryNote } from './deliveryNote.js';
import type { PricedInference } from './ela/priced.js';
import { irModelNote } from './nonideal/irEstimate.js';
import { pulseDistribution, pulsesPerLsb } from './training/pulses.js';
import type { TrainingCost } from './training/types.js';

/**
 * The notes that apply to `config` on `network` (empty when none); `training`: its training cost, when costed;
 * `priced`: the inference already priced (the input delivery note reads it instead of pricing the design again).
 */
export function modelAssumptionNotes(network: Network, config: HardwareConfig, training?: TrainingCost, priced?: PricedInference): string[] {
  const mapped = mappedLayers(network, config);
  return [globalBufferNote(network, config), fefetCacheNote(config), sramLeakageNote(config), ...sramRangeNotes(network, config, training), nocWidthNote(config), clockNote(config),
    adcBeyondColumnNote(config, mapped), ignoredAdcSettingNote(network, config), emptyCrossbarNote(config, mapped), updateSaturationNote(config, mapped),
    irModelNote(network, config), inputDeliveryNote(network, config, priced), ...deviceEdgeNotes(network, config, training)].filter((n): n is string => n !== undefined);
}

/**
 * Bits a layer keeps in the global buffer while it runs under the layer-scheduled dataflow (every layer over all T
 * timesteps, its inputs read from and its output spikes written to the global buffer: docs/simulator.md, Dataflow and
 * Buffers): its input maps (the direct layer's image once, 8-bit pixels; spike maps, or an average pool's counts of
 * pooledCountBits(k²) bits, T times; a residual add two) and its output maps over T (an average pool's are counts),
 * dense.
 */
export function globalBufferBits(layer: ResolvedLayer, timesteps: number): number {
  const inputs = shapeSize(layer.inputShape) * (layer.directInput ? inputPlanes(layer) : timesteps * inputPlanes(layer)) * (layer.kind === 'add' ? 2 : 1);
  return inputs + shapeSize(layer.outputShape) * timesteps * poolOutputBits(layer);
}

/**
 * The layer-scheduled dataflow holding more in the global buffer than arch.buffer_KB.global: capacity is not modelled
 * (each buffer's size sets its energy per bit and area only), so the rest would go off chip, unpriced. Only for dense
 * spike maps: an AER map's size depends on the spike count, which the buffer does not bound either.
 */
function globalBufferNote(network: Network, config: HardwareConfig): string | undefined {
  if (config.arch.dataflow !== 'layer' || config.arch.spikeEncoding !== 'dense') return undefined;
  let largest: ResolvedLayer | undefined;
  let largestBits = 0;
  for (const layer of network.layers) {
    const bits = globalBufferBits(layer, config.snn.timesteps);
    if (bits > largestBits) [largest, largestBits] = [layer, bits];
  }
  const capacity_KB = config.arch.buffer_KB.global;
  if (!largest || largestBits <= capacity_KB * BITS_PER_KB) return undefined;
  return `arch.buffer_KB.global=${capacity_KB} KB holds less than layer ${largest.name} keeps in it (its input and output maps over T = ${config.snn.timesteps}: ` +
    `${formatKB(largestBits / BITS_PER_KB)} KB); buffer capacity is not modelled, so the rest would go off chip, not priced (docs/simulator.md, Buffers)`;
}

function formatKB(kb: number): string {
  return kb >= 100 ? kb.toFixed(0) : kb.toPrecision(3);
}

/** A FeFET U_mem cache is priced by the review's ratios to an SRAM cache of the same word, not by a FeFET model. */
function fefetCacheNote(config: HardwareConfig): string | undefined {
  const kind = LIF_CACHE_KINDS[config.snn.lifCache];
  if (!kind.analog) return undefined;
  return `snn.lifCache=${config.snn.lifCache} is priced as an SRAM cache of the same ${config.snn.membraneBits}-bit words with the review's ratios ` +
    `(write energy x${kind.writeEnergyFactor}, area x${+kind.areaFactor.toFixed(4)}; Fig. 12), its multi-pulse writes add no latency, ` +
    'and the accuracy engine stores each potential in one analog FeFET (docs/simulator.md, LIF module)';
}

/** A node outside CACTI 7's LSTP table (22-90 nm): the SRAM leakage holds the nearest end's device, an assumption. */
function sramLeakageNote(config: HardwareConfig): string | undefined {
  const node = config.tech.node_nm;
  if (withinCactiLstpTable(node)) return undefined;
  const device = lstpDevice(node);
  return `tech.node_nm=${node} is outside CACTI 7's LSTP table (22-90 nm): SRAM leakage holds the ${node < 22 ? 22 : 90} nm LSTP device ` +
    `(I_off ${device.offCurrent_A_per_um} A/µm at 330 K, V_dd ${device.supplyVoltage_V} V) and scales only the cell widths with F, an assumption (docs/simulator.md, Leakage)`;
}

/** How an SRAM of `size` KB outside CACTI's table is priced (sramCost), after "<what> is ". */
function outsideTableText(size: number): string {
  return size < SRAM_CALIBRATED_MIN_KB
    ? `below CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: priced per bit as a ${SRAM_CALIBRATED_MIN_KB} KB array, an upper bound`
    : `above CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: its energy per bit is extrapolated as ` +
      `(size / ${SRAM_CALIBRATED_MAX_KB} KB)^${SRAM_LARGE_ARRAY_ENERGY_EXPONENT.toFixed(3)} (x${largeArrayEnergyGrowth(size).toFixed(2)}, Horowitz's cache energies), ` +
      `its area per bit held at ${SRAM_CALIBRATED_MAX_KB} KB's`;
}

/**
 * Buffers (arch.buffer_KB.*), the U_mem cache and, when training is costed, the training SRAMs (state buffer, gradient
 * banks, B in SRAM: TrainingCost.srams) outside CACTI's 1-64 KB table (src/hardware/components/sram.ts): below 1 KB
 * priced as 1 KB; above 64 KB a buffer's and a training SRAM's energy per bit extrapolated, the U_mem cache's held.
 */
function sramRangeNotes(network: Network, config: HardwareConfig, training?: TrainingCost): string[] {
  const kb = config.arch.buffer_KB;
  const buffers: [string, number][] = [['arch.buffer_KB.global', kb.global], ['arch.buffer_KB.tile', kb.tile], ['arch.buffer_KB.pe', kb.pe]];
  const notes = buffers.filter(([, size]) => size > 0 && !withinCactiSramTable(size))
    .map(([path, size]) => `${path}=${size} KB is ${outsideTableText(size)} (docs/simulator.md, Buffers)`);
  for (const sram of training?.srams ?? []) {
    if (sram.size_KB > 0 && !withinCactiSramTable(sram.size_KB)) notes.push(`${sram.name} (${formatKB(sram.size_KB)} KB) is ${outsideTableText(sram.size_KB)} (docs/training-cost.md §2)`);
  }
  const neurons = networkPlan(network).lifNeurons;
  const cache_KB = (neurons * config.snn.membraneBits) / BITS_PER_KB;
  if (cache_KB > 0 && !withinCactiSramTable(cache_KB)) {
    notes.push(`the U_mem cache (${neurons} neurons x ${config.snn.membraneBits} bits = ${formatKB(cache_KB)} KB) is ${cache_KB < SRAM_CALIBRATED_MIN_KB
      ? outsideTableText(cache_KB)
      : `above CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: held at the ${SRAM_CALIBRATED_MAX_KB} KB costs per bit, not extrapolated like the buffers, an underestimate`} (docs/simulator.md, Buffers)`);
  }
  return notes;
}

/**
 * An update larger than its cell's range: σ = training.updateSigma_lsb weight LSBs is σ·P_max / (2^b − 1) write steps of
 * a b-bit cell (pulses.ts pulsesPerLsb), at or above P_max (device.pulseLevels, the whole window) from σ >= 2^b − 1.
 * The model caps a cell's pulses at P_max (pulses.ts openLoopPulses, thresholdPulses): those updates saturate the
 * least significant cell, whose excess would carry into higher slices, not modelled. Noted, not refused: the capped
 * pulses are what the least significant cells get, so the pulses, write time, write energy and wear are lower bounds,
 * not meaningless. One line for all the layers at or above it, with the share of updates at the cap.
 */
function updateSaturationNote(config: HardwareConfig, mapped: readonly MappedLayer[]): string | undefined {
  if (config.training.algorithm === 'none') return undefined;
  const { updateSigma_lsb, updateScheme } = config.training;
  const { pulseLevels } = config.device;
  const over = mapped.filter((l) => updateSigma_lsb * pulsesPerLsb(pulseLevels, l.m.cellBits) >= pulseLevels);
  if (!over.length) return undefined;
  const parts: string[] = [];
  for (const [path, layers] of byPath(config, over, 'device.bitsPerCell')) {
    const bits = layers[0].m.cellBits;
    const sigma_steps = updateSigma_lsb * pulsesPerLsb(pulseLevels, bits);
    const capped = pulseDistribution(updateScheme, sigma_steps, pulseLevels).pmf[pulseLevels] ?? 0;
    parts.push(`layer${layers.length > 1 ? 's' : ''} ${layers.map((l) => l.layer.name).join(', ')} (${bits}-bit cells from ${path}: ` +
      `${pulseLevels} / (2^${bits} - 1) write steps per LSB, so σ is ${sigma_steps.toPrecision(4)} write steps; ${(100 * capped).toFixed(1)}% of updates at the cap of ${pulseLevels} pulses)`);
  }
  return `training.updateSigma_lsb=${updateSigma_lsb} weight LSBs is at least the whole window, device.pulseLevels=${pulseLevels} write steps, of the cells of ${parts.join('; ')}: ` +
    'such an update saturates the least significant cell (its pulses capped at the window) and the rest would carry into higher slices, which is not modelled, ' +
    'so the pulses per update, write time, update energy and writes per cell are lower bounds (docs/training-cost.md §4)';
}

/** A NoC link width outside CACTI's 32/64/128-bit router runs: the router's parts (src/hardware/components/interconnect.ts) extrapolate. */
function nocWidthNote(config: HardwareConfig): string | undefined {
  const width = config.arch.nocWidth_bits;
  const covered = NOC_CALIBRATED_WIDTHS_bits;
  if (width >= covered[0] && width <= covered[covered.length - 1]) return undefined;
  return `arch.nocWidth_bits=${width} is outside CACTI's ${covered.join('/')}-bit router runs: the router is priced by its parts through them ` +
    `(allocators, buffers ∝ width, a 5x5 crossbar ∝ (5·width)²), ${routerArea_mm2(width).toPrecision(3)} mm² per tile at 65 nm, ` +
    `${routerCrossbarArea_mm2(width).toPrecision(3)} mm² of it crossbar (docs/simulator.md, Interconnect)`;
}

/** A clock above the fastest digital clock the sources show, scaled to the node: the per-clock steps' delays are not checked. */
function clockNote(config: HardwareConfig): string | undefined {
  const node = config.tech.node_nm;
  const bound = fastestCitedClock_MHz(node);
  if (config.arch.clock_MHz <= bound) return undefined;
  return `arch.clock_MHz=${config.arch.clock_MHz} at tech.node_nm=${node} is above ${bound.toFixed(0)} MHz, the fastest digital clock the model's sources show ` +
    `(ISAAC's shift-and-add at ${FASTEST_CITED_CLOCK_MHz} MHz, ${FASTEST_CITED_CLOCK_NODE_nm} nm) with gate delay scaled ∝ node: the engine does not check ` +
    'its per-clock steps (a LIF lane\'s U_mem access and add-compare-write, a NoC hop) against the period (docs/simulator.md, Clock)';
}

/** A weight layer with the mapping its own hardware gives it (as the engines map it: mapNetwork). */
interface MappedLayer {
  readonly layer: ResolvedLayer;
  readonly m: LayerMapping;
  readonly adcKind: string;
  readonly adcBits: number;
}

function mappedLayers(network: Network, config: HardwareConfig): MappedLayer[] {
  const layers = network.layers.filter(isWeightLayer);
  return mapNetwork(network, config).map((m, i) => {
    const { adc } = layerHardware(config, layers[i], network);
    return { layer: layers[i], m, adcKind: adc.kind, adcBits: adcKind(adc.kind).outputBits(adc.bits) };
  });
}

/** Layers grouped by the path that sets a value they read (`adc.bits`, or `layers.<key>.adc.bits`), in layer order. */
function byPath<T extends MappedLayer>(config: HardwareConfig, layers: readonly T[], path: string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const l of layers) {
    const where = layerValuePath(config, l.layer, path);
    groups.set(where, [...(groups.get(where) ?? []), l]);
  }
  return groups;
}

const span = (values: readonly number[]): string => {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? String(low) : `${low}-${high}`;
};

/**
 * Converters of more bits than their columns can produce (mapping's losslessAdcBits: a column of r rows of d-bit
 * cells sums to at most r·(2^d - 1) levels, plus a sign bit for signed mappings). Priced as configured, as such a
 * chip would spend (a 12-bit SAR on a 5-bit column costs 12 cycles, and the digital words downstream widen with it);
 * the accuracy engine's converter reads the same sums as at the lossless bits (clip: the codes reach past the largest
 * sum; full: the step is one level either way), so the extra bits buy nothing. One line per setting: its layers, the
 * bits asked and produced, and the cheapest setting that loses nothing on every layer reading it.
 */
function adcBeyondColumnNote(config: HardwareConfig, mapped: readonly MappedLayer[]): string | undefined {
  const multiBit = mapped.filter((l) => !adcKind(l.adcKind).ignoresBits);
  const parts: string[] = [];
  for (const [path, layers] of byPath(config, multiBit, 'adc.bits')) {
    const over = layers.filter((l) => l.adcBits > l.m.losslessAdcBits);
    if (!over.length) continue;
    const bits = over[0].adcBits;
    const lossless = over.map((l) => l.m.losslessAdcBits);
    const names = over.length === mapped.length && over.length > 2 ? `all ${over.length} weight layers` : `layer${over.length > 1 ? 's' : ''} ${over.map((l) => l.layer.name).join(', ')}`;
    // Every layer reading this setting keeps its sums only at its own lossless bits or more: the setting's cheapest lossless value is their largest.
    const cheapest = over.length === layers.length ? `${path}=${Math.max(...lossless)}`
      : over.map((l) => `layers.${l.layer.name}.adc.bits=${l.m.losslessAdcBits}`).join(', ');
    parts.push(`${path}=${bits} is more than the columns of ${names} produce (${span(lossless)} bits lossless): the ` +
      `bits beyond them are priced (${bits}-bit conversions, wider digital words) and carry nothing ` +
      `(the accuracy engine reads the same sums); ${cheapest} is the cheapest lossless setting`);
  }
  return parts.length ? `${parts.join('; ')} (docs/simulator.md, Mapping)` : undefined;
}

/**
 * Below this share of a layer's crossbar cells holding weights its crossbars are mostly empty: more than 3/4 of the
 * cells whose area and bit-line capacitance are charged hold nothing. A quarter is what one halving of crossbar.size
 * (the parameter's step) leaves of a crossbar: a layer whose rows and columns per crossbar are both at most half of
 * it sits below 1/4, and crossbar.size / 2 would hold it in as many crossbars, a quarter of the cells.
 */
export const EMPTY_CROSSBAR_UTILISATION = 1 / 4;

/** A utilisation with two significant digits (0.0024, 0.42, 1): two decimals printed 0.0024 as 0.00. */
export function utilisationText(u: number): string {
  return String(Number(u.toPrecision(2)));
}

/**
 * Layers whose crossbars are mostly empty (utilisation below EMPTY_CROSSBAR_UTILISATION), one line per crossbar.size
 * setting: priced as built (the cells' area and the bit line of all X rows), so not refused, but named.
 */
function emptyCrossbarNote(config: HardwareConfig, mapped: readonly MappedLayer[]): string | undefined {
  const parts: string[] = [];
  for (const [path, layers] of byPath(config, mapped, 'crossbar.size')) {
    const empty = layers.filter((l) => l.m.utilisation < EMPTY_CROSSBAR_UTILISATION);
    if (!empty.length) continue;
    const list = empty.map((l) => `${utilisationText(l.m.utilisation)} of layer ${l.layer.name}'s`).join(', ');
    parts.push(`${path}=${empty[0].m.crossbarSize}: weights fill ${list} crossbar cells`);
  }
  if (!parts.length) return undefined;
  return `${parts.join('; ')}: below 1/4, the crossbars are mostly empty (more than 3/4 of the cells whose area and bit-line ` +
    'capacitance are charged hold nothing; a quarter is what halving crossbar.size leaves), priced as built (docs/simulator.md, Mapping)';
}

/**
 * adc.* settings the converters reading them do not read (their kinds' ignoredSettings at their adc.bits: a sense
 * amplifier's adc.bits, adc.columnsPerAdc, adc.offsetSigma_lsb and adc.rangeMode; a multi-bit converter's
 * adc.senseOffsetSigma_uA; a 1-bit one's adc.offsetSigma_lsb), set away from their defaults: the run is the same as
 * without them, which the user should know. Only a value no layer it reaches reads (the registry's one rule,
 * unreadSetting, which a search's design key reads too): in a layer-wise design a global adc.bits that fc1's sense
 * amplifier ignores and fc2's SAR reads is no such value (until QA recent defect 1 it was named as one). A note, not
 * a refusal: a space sweeping one of them across converter kinds draws such designs, every one of them valid. A
 * configuration cannot tell a value set to the default from one left at it, so only a value other than the default
 * is named. One line per path holding the value, with the kinds that ignore it, and the layers when a global value
 * reaches only some (the others set their own).
 */
function ignoredAdcSettingNote(network: Network, config: HardwareConfig): string | undefined {
  const layers = layerConverters(network, config);
  const found = new Map<string, string>();
  for (const { layer, adc } of layers) {
    for (const { path } of ignoredAdcSettings(adc)) {
      const { value, path: where } = layerHeld(config, layer, path);
      const setting = `${where}=${String(value)}`;
      if (value === parameterSpec(path).default || found.has(setting)) continue;
      // A layer's own value reaches that layer alone; a global one every layer without its own.
      const readers = where === path ? globalValueReaders(config, layers, path) : ownValueReaders(config, layers, layer.name, path);
      const ignoring = unreadSetting(path, readers);
      if (ignoring === undefined) continue;
      const kinds = [...new Set(ignoring.map((l) => `${kindText(l.adc)} (${l.why})`))].join(', ');
      const some = where === path && ignoring.length < layers.length ? ` on layer${ignoring.length > 1 ? 's' : ''} ${ignoring.map((l) => l.name).join(', ')}, the only ${ignoring.length > 1 ? 'ones' : 'one'} it reaches` : '';
      found.set(setting, `${setting} is ignored by ${kinds}${some}`);
    }
  }
  if (!found.size) return undefined;
  return `${[...found.values()].join('; ')}: the result is the same as without it (docs/simulator.md, ADC kinds)`;
}

/** A converter as the notes name it: its kind, and its bits where they matter. */
function kindText(adc: { readonly kind: string; readonly bits: number }): string {
  return adcKind(adc.kind).ignoresBits ? `adc.kind=${adc.kind}` : `adc.kind=${adc.kind} at ${adc.bits} bit${adc.bits === 1 ? '' : 's'}`;
}
