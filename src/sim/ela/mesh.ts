/**
 * The NoC mesh of the final chip. Replication (works.ts) adds tiles after the layers were costed on the mesh of the
 * unreplicated chip, and meanHops is the mean distance to the global unit of the mesh holding ALL the chip's tiles,
 * copies included. The rule: replicas are decided on the unreplicated mesh's latencies (layerReplicas; deciding
 * them on a mesh that depends on them would be circular), then every layer is priced on the final mesh. Only the
 * hop count moves, and a layer's NoC cost follows from its bit-hops (docs/simulator.md, NoC), so the layers are corrected,
 * not re-costed: NoC energy = bit-hops × price, rescaled by the ratio of its bit-hops on the two meshes (nocRescale:
 * the hop ratio for unicast copies and a global reduction; a multicast tree, a chained reduction are not proportional to the hops); the NoC drain gains the timing
 * model's time per hop, / r as the rest of the layer's latency.
 */
import { actionVector, ACTION, type ActionVector } from './actions.js';
import { COMPONENT } from './components.js';
import type { WeightLayerDesign } from './design.js';
import { sum, type LayerWork } from './works.js';
import { weightLayerNocBitHops } from './counts.js';
import { NOC_DELIVERY } from '../multicast.js';
import { PSUM_REDUCTION } from '../psumReduction.js';
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';

/** Layer i's NoC bit-hops on the final mesh / on the first one. */
export type NocRescale = (layerIndex: number) => number;

/**
 * The factor of each layer's NoC bit-hops from mean hops `fromHops` to `toHops`: toHops / fromHops when both its
 * delivery and its drain are bits × hops (`proportionalToHops` of NOC_DELIVERY and PSUM_REDUCTION: unicast copies, a
 * global reduction), else the layer's bit-hops recounted at both (a multicast tree, a chain's links between its tiles
 * are not proportional to the hops).
 */
export function nocRescale(
  network: Network, designs: readonly (WeightLayerDesign | null)[], config: HardwareConfig, fromHops: number, toHops: number,
): NocRescale {
  const ratio = toHops / fromHops;
  if (NOC_DELIVERY[config.arch.nocMulticast].proportionalToHops && PSUM_REDUCTION[config.arch.psumReduction].proportionalToHops) return () => ratio;
  return (i) => {
    const d = designs[i];
    if (!d) return ratio;
    const from = weightLayerNocBitHops(network.layers[i], d, config, fromHops);
    return from > 0 ? weightLayerNocBitHops(network.layers[i], d, config, toHops) / from : ratio;
  };
}

/**
 * Receives every layer's action counts and prices (vectors reused after the call: copy what you keep) and, for a
 * weight layer, its design (null for pooling and adds).
 */
export type ActionSink = (layerIndex: number, counts: ActionVector, prices: ActionVector, design: WeightLayerDesign | null) => void;

/** The largest NoC and buffer bandwidths (Gbps) over the weight layers after the correction. */
export interface MaxBandwidths {
  noc: number;
  buffer: number;
}

/**
 * Moves the weight layers' NoC costs from `fromHops` to `toHops`, after replication (`replicas`) and before the
 * pipelined dataflow: energy × nocFactor(i) (SpikeSim's component costs have no NoC energy: 0 stays 0),
 * latency + hopLatency_ns · Δhops / r. `bandwidths` (layer i's NoC and buffer bandwidths at 2i and
 * 2i + 1: bits over the unreplicated latency) follow the new latency, and so do the layers' results when built.
 */
export function rehop(
  designs: readonly (WeightLayerDesign | null)[], works: readonly LayerWork[], replicas: readonly number[], bandwidths: Float64Array,
  fromHops: number, toHops: number, hopLatency_ns: number, nocFactor: NocRescale,
): MaxBandwidths {
  const extra_ns = hopLatency_ns * (toHops - fromHops);
  const max: MaxBandwidths = { noc: 0, buffer: 0 };
  for (let i = 0; i < works.length; i++) {
    if (!designs[i]) continue;
    const w = works[i];
    const before = sum(w.latency);
    w.energy[COMPONENT.noc] *= nocFactor(i);
    w.latency[COMPONENT.noc] += extra_ns / replicas[i];
    // The same bits over the unreplicated latency, r · the replicated one: the ratio is the replicated one's.
    const scale = before / sum(w.latency);
    const noc = (bandwidths[2 * i] *= scale);
    const buffer = (bandwidths[2 * i + 1] *= scale);
    if (w.result) w.result = { ...w.result, nocBandwidth_Gbps: noc, bufferBandwidth_Gbps: buffer };
    max.noc = Math.max(max.noc, noc);
    max.buffer = Math.max(max.buffer, buffer);
  }
  return max;
}

/**
 * A sink that keeps a copy of what it is given, for `flush` to report once the final mesh is known: the counts'
 * bit-hops × nocFactor (the NoC bits cross the final mesh, not the first one).
 */
export function deferredSink(sink: ActionSink): { sink: ActionSink; flush: (nocFactor: NocRescale) => void } {
  const kept: { i: number; counts: ActionVector; prices: ActionVector; design: WeightLayerDesign | null }[] = [];
  return {
    sink: (i, counts, prices, design) => {
      const c = actionVector();
      c.set(counts);
      const p = actionVector();
      p.set(prices);
      kept.push({ i, counts: c, prices: p, design });
    },
    flush: (nocFactor) => {
      for (const k of kept) {
        k.counts[ACTION.nocBitHop] *= nocFactor(k.i);
        sink(k.i, k.counts, k.prices, k.design);
      }
    },
  };
}
