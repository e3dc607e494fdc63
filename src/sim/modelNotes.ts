/**
 * Where an evaluation's energy, latency and area rest on something the model does not check, as notes `cosearch
 * evaluate` prints (docs/simulator.md, Buffers and LIF module): each names the setting and the figure at stake, so a
 * result is never presented as more than it is.
 */
import type { HardwareConfig } from '../hardware/config.js';
import { BITS_PER_KB } from '../hardware/components/sram.js';
import { lstpDevice, withinCactiLstpTable } from '../hardware/components/sramLeakage.js';
import { FEFET_AREA_FACTOR, FEFET_WRITE_ENERGY_FACTOR } from '../hardware/components/lif.js';
import { poolOutputBits, shapeSize } from '../model/resolve.js';
import type { Network, ResolvedLayer } from '../model/types.js';
import { inputPlanes } from './mapping.js';

/** The notes that apply to `config` on `network` (empty when none). */
export function modelAssumptionNotes(network: Network, config: HardwareConfig): string[] {
  return [globalBufferNote(network, config), fefetCacheNote(config), sramLeakageNote(config)].filter((n): n is string => n !== undefined);
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
