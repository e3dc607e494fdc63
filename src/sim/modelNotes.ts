/**
 * Where an evaluation's energy, latency and area rest on something the model does not check, as notes `cosearch
 * evaluate` prints (docs/simulator.md, Buffers and LIF module): each names the setting and the figure at stake, so a
 * result is never presented as more than it is.
 */
import type { HardwareConfig } from '../hardware/config.js';
import { BITS_PER_KB, largeArrayEnergyGrowth, SRAM_CALIBRATED_MAX_KB, SRAM_CALIBRATED_MIN_KB, SRAM_LARGE_ARRAY_ENERGY_EXPONENT, withinCactiSramTable } from '../hardware/components/sram.js';
import { NOC_CALIBRATED_WIDTHS_bits, routerArea_mm2, routerCrossbarArea_mm2 } from '../hardware/components/interconnect.js';
import { FASTEST_CITED_CLOCK_MHz, FASTEST_CITED_CLOCK_NODE_nm, fastestCitedClock_MHz } from '../hardware/components/clock.js';
import { lstpDevice, withinCactiLstpTable } from '../hardware/components/sramLeakage.js';
import { FEFET_AREA_FACTOR, FEFET_WRITE_ENERGY_FACTOR } from '../hardware/components/lif.js';
import { isWeightLayer, poolOutputBits, shapeSize } from '../model/resolve.js';
import type { Network, ResolvedLayer } from '../model/types.js';
import { inputPlanes } from './mapping.js';

/** The notes that apply to `config` on `network` (empty when none). */
export function modelAssumptionNotes(network: Network, config: HardwareConfig): string[] {
  return [globalBufferNote(network, config), fefetCacheNote(config), sramLeakageNote(config), ...sramRangeNotes(network, config), nocWidthNote(config), clockNote(config)]
    .filter((n): n is string => n !== undefined);
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
  if (config.snn.lifCache !== 'fefet') return undefined;
  return `snn.lifCache=fefet is priced as an SRAM cache of the same ${config.snn.membraneBits}-bit words with the review's ratios ` +
    `(write energy x${FEFET_WRITE_ENERGY_FACTOR}, area x${+FEFET_AREA_FACTOR.toFixed(4)}; Fig. 12), its multi-pulse writes add no latency, ` +
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

/**
 * Buffers (arch.buffer_KB.*) and the U_mem cache outside CACTI's 1-64 KB table (src/hardware/components/sram.ts):
 * below 1 KB priced as 1 KB; above 64 KB a buffer's energy per bit extrapolated, the U_mem cache's held.
 */
function sramRangeNotes(network: Network, config: HardwareConfig): string[] {
  const kb = config.arch.buffer_KB;
  const buffers: [string, number][] = [['arch.buffer_KB.global', kb.global], ['arch.buffer_KB.tile', kb.tile], ['arch.buffer_KB.pe', kb.pe]];
  const notes = buffers.filter(([, size]) => size > 0 && !withinCactiSramTable(size)).map(([path, size]) => (size < SRAM_CALIBRATED_MIN_KB
    ? `${path}=${size} KB is below CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: priced per bit as a ${SRAM_CALIBRATED_MIN_KB} KB array, an upper bound (docs/simulator.md, Buffers)`
    : `${path}=${size} KB is above CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: its energy per bit is extrapolated as ` +
      `(size / ${SRAM_CALIBRATED_MAX_KB} KB)^${SRAM_LARGE_ARRAY_ENERGY_EXPONENT.toFixed(3)} (x${largeArrayEnergyGrowth(size).toFixed(2)}, Horowitz's cache energies), ` +
      `its area per bit held at ${SRAM_CALIBRATED_MAX_KB} KB's (docs/simulator.md, Buffers)`));
  const neurons = network.layers.filter(isWeightLayer).reduce((sum, l) => sum + shapeSize(l.outputShape), 0);
  const cache_KB = (neurons * config.snn.membraneBits) / BITS_PER_KB;
  if (cache_KB > 0 && !withinCactiSramTable(cache_KB)) {
    notes.push(`the U_mem cache (${neurons} neurons x ${config.snn.membraneBits} bits = ${formatKB(cache_KB)} KB) is ${cache_KB < SRAM_CALIBRATED_MIN_KB
      ? `below CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: priced per bit as a ${SRAM_CALIBRATED_MIN_KB} KB array, an upper bound`
      : `above CACTI's ${SRAM_CALIBRATED_MIN_KB}-${SRAM_CALIBRATED_MAX_KB} KB table: held at the ${SRAM_CALIBRATED_MAX_KB} KB costs per bit, not extrapolated like the buffers, an underestimate`} (docs/simulator.md, Buffers)`);
  }
  return notes;
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
