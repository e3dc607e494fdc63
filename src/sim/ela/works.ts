/**
 * Each layer's energy / latency / area vectors (by component) in an evaluation: how they are made or reused, and
 * what replication and pipelining do to them.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import type { LayerMapping } from '../mapping.js';
import type { LayerEvaluation } from './types.js';
import { COMPONENT, COMPONENTS } from './components.js';
import type { WeightLayerDesign } from './design.js';
import { layerReplicas, pipelineLatency_ns } from './timing.js';

const NC = COMPONENTS.length;

export interface LayerWork {
  readonly energy: number[];
  readonly latency: number[];
  readonly area: number[];
  /** What the layer's LayerEvaluation reports besides its sums (not built for evaluateTotals). */
  result: Omit<LayerEvaluation, 'energy_pJ' | 'latency_ns' | 'area_mm2' | 'breakdown'> | null;
}

/**
 * Eight zeros in an array V8 stores as doubles: a literal of integer zeros starts as small integers and is copied to
 * a double backing store at the first fractional write, which was a measurable share of an evaluation.
 */
export function zeros(): number[] {
  return [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5].fill(0);
}

/** Σ over the components. */
export function sum(a: ArrayLike<number>): number {
  // The loop's additions written out (8 components: sumWorks' check), from +0 as the loop starts (0 + -0 is +0).
  return 0 + a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];
}

/**
 * Per-layer energy / latency / area vectors of evaluateTotals, reused from one evaluation to the next (every value
 * is read out before it returns; it calls nothing that could evaluate again).
 */
const WORKS: LayerWork[] = [];

/** `n` vectors set to zero: fresh ones (for per-layer results that outlive the call) or WORKS' reused ones. */
export function layerWorks(n: number, fresh: boolean): LayerWork[] {
  if (fresh) {
    const works: LayerWork[] = [];
    for (let i = 0; i < n; i++) works.push({ energy: zeros(), latency: zeros(), area: zeros(), result: null });
    return works;
  }
  while (WORKS.length < n) WORKS.push({ energy: zeros(), latency: zeros(), area: zeros(), result: null });
  // Written out for the 8 components (sumWorks' check): the loop per vector was ~4% of evaluateTotals.
  for (let i = 0; i < n; i++) {
    const w = WORKS[i];
    const { energy: e, latency: l, area: a } = w;
    e[0] = 0; e[1] = 0; e[2] = 0; e[3] = 0; e[4] = 0; e[5] = 0; e[6] = 0; e[7] = 0;
    l[0] = 0; l[1] = 0; l[2] = 0; l[3] = 0; l[4] = 0; l[5] = 0; l[6] = 0; l[7] = 0;
    a[0] = 0; a[1] = 0; a[2] = 0; a[3] = 0; a[4] = 0; a[5] = 0; a[6] = 0; a[7] = 0;
    w.result = null;
  }
  return WORKS.length === n ? WORKS : WORKS.slice(0, n);
}

/** Cells a layer's mapping programs (weights and reference columns): the numerator of `utilisation`. */
export function usedCells(m: LayerMapping): number {
  return m.rows * (m.columns + m.referenceColumns) * m.arrays;
}

/** Cells of a layer's crossbars: the denominator of `utilisation`. */
export function provisionedCells(m: LayerMapping): number {
  return m.crossbars * m.crossbarSize * m.crossbarSize;
}

interface Replicated {
  crossbars: number;
  pes: number;
  tiles: number;
  usedCells: number;
  provisionedCells: number;
  replicas: number[] | null;
}

/** What replicate returns without replication (the usual search): one shared, never-written record. */
const NO_REPLICAS: Readonly<Replicated> = { crossbars: 0, pes: 0, tiles: 0, usedCells: 0, provisionedCells: 0, replicas: null };

/**
 * Weight replication (arch.replicate, arch.balance): a layer with r copies reads r times as fast (its latency / r;
 * floorCopies then keeps it at or above the time its sums hold the one link into the global unit)
 * and has r times its own hardware (area; its PEs, tiles and crossbars count for leakage and the totals). Energy
 * of the reads is unchanged: the same reads spread over the copies (the larger mesh is priced by mesh.ts). Returns
 * the extra crossbars, PEs, tiles and cells (used and provisioned: a copy programs its cells as the first does).
 * `replicating`: replicates(config), when the caller has it. `floor_ns`: the least latency a weight layer's copies
 * can reach (timing.ts linkFloor_ns, and its input delivery's deliveryFloor_ns; `i`: the layer's index), which the
 * balance decides on; floorCopies charges it after the final mesh.
 */
export function replicate(
  network: Network, config: HardwareConfig, designs: readonly (WeightLayerDesign | null)[], works: readonly LayerWork[], replicating = replicates(config),
  floor_ns?: (design: WeightLayerDesign, i: number) => number,
): Readonly<Replicated> {
  if (!replicating) return NO_REPLICAS;
  const extra: Replicated = { crossbars: 0, pes: 0, tiles: 0, usedCells: 0, provisionedCells: 0, replicas: null };
  const floors = floor_ns && config.arch.balance === 'on' ? designs.map((d, i) => (d ? floor_ns(d, i) : 0)) : null;
  const replicas = layerReplicas(network.layers, designs.map((d) => d !== null), works.map((w) => sum(w.latency)), config, floors);
  extra.replicas = replicas;
  for (let i = 0; i < works.length; i++) {
    const r = replicas[i];
    const design = designs[i];
    if (r === 1 || !design) continue;
    const w = works[i];
    for (let c = 0; c < NC; c++) {
      w.latency[c] /= r;
      w.area[c] *= r;
    }
    extra.crossbars += (r - 1) * design.m.crossbars;
    extra.pes += (r - 1) * design.m.pes;
    extra.tiles += (r - 1) * design.m.tiles;
    extra.usedCells += (r - 1) * usedCells(design.m);
    extra.provisionedCells += (r - 1) * provisionedCells(design.m);
  }
  return extra;
}

/**
 * The copies' shared link (docs/simulator.md, Weight replication): a weight layer with copies takes at least
 * `floor_ns` (timing.ts linkFloor_ns, at least its input delivery's deliveryFloor_ns); what its latency / r falls
 * short of it is NoC time, the link's queue. A layer with one copy is never below its link floor, but may be below
 * its delivery's (`single_ns(i)`: 0 for none), which it then takes, on the final mesh (the hops' correction stays
 * exact). The layers' bandwidths (`bandwidths`, as mesh.ts rehop keeps them) follow the new latency; returns the largest.
 */
export function floorCopies(
  designs: readonly (WeightLayerDesign | null)[], works: readonly LayerWork[], replicas: readonly number[], bandwidths: Float64Array,
  floor_ns: (design: WeightLayerDesign, i: number) => number, single_ns?: (i: number) => number,
): { noc: number; buffer: number } {
  const max = { noc: 0, buffer: 0 };
  for (let i = 0; i < works.length; i++) {
    const design = designs[i];
    if (!design) continue;
    const floor = replicas[i] > 1 ? floor_ns(design, i) : single_ns ? single_ns(i) : 0;
    if (floor > 0) {
      const w = works[i];
      const before = sum(w.latency);
      const wait_ns = floor - before;
      if (wait_ns > 0) {
        w.latency[COMPONENT.noc] += wait_ns;
        const scale = before / sum(w.latency);
        bandwidths[2 * i] *= scale;
        bandwidths[2 * i + 1] *= scale;
        if (w.result) w.result = { ...w.result, nocBandwidth_Gbps: bandwidths[2 * i], bufferBandwidth_Gbps: bandwidths[2 * i + 1] };
      }
    }
    max.noc = Math.max(max.noc, bandwidths[2 * i]);
    max.buffer = Math.max(max.buffer, bandwidths[2 * i + 1]);
  }
  return max;
}

/** Whether the configuration may copy weights (arch.balance, arch.replicate, a layer's arch.replicate). */
export function replicates(config: HardwareConfig): boolean {
  return config.arch.balance !== 'off' || config.arch.replicate !== 1 || hasReplicateOverride(config);
}

function hasReplicateOverride(config: HardwareConfig): boolean {
  for (const key in config.layers) if (config.layers[key]['arch.replicate'] !== undefined) return true;
  return false;
}

/**
 * arch.dataflow = pipelined: every layer is a stage of latency / T per timestep; the inference takes
 * pipelineLatency_ns of those stages, shared out to layers and components in proportion to their serial latency.
 * `link_ns`: each layer's time per timestep on the link into the global unit (timing.ts layerLink_ns), which all
 * stages share: what its sum adds to the pipeline is NoC time, charged to the layers in proportion to their share.
 * `delivery_ns`: each layer's time per timestep on the link's outgoing channel, its inputs' delivery (timing.ts
 * deliveryClocks), which all stages share too (a channel each way: the busier one paces, and its shares are charged).
 */
export function pipeline(works: readonly LayerWork[], T: number, link_ns: readonly number[], delivery_ns?: readonly number[]): void {
  const serial = works.map((w) => sum(w.latency));
  const total = serial.reduce((a, b) => a + b, 0);
  if (total <= 0) return;
  const stage = serial.map((s) => s / T);
  const free = pipelineLatency_ns(stage, T);
  const factor = free / total;
  for (const w of works) for (let c = 0; c < NC; c++) w.latency[c] *= factor;
  const into = link_ns.reduce((a, b) => a + b, 0);
  const out = delivery_ns ? delivery_ns.reduce((a, b) => a + b, 0) : 0;
  const [shared, share] = delivery_ns && out > into ? [out, delivery_ns] : [into, link_ns];
  const wait = pipelineLatency_ns(stage, T, shared) - free;
  if (wait > 0) for (let i = 0; i < works.length; i++) works[i].latency[COMPONENT.noc] += (wait * share[i]) / shared;
}

if (NC !== 8) throw new Error(`internal: sumWorks is written out for 8 components, not ${NC}`);

/**
 * Each component summed over the layers in their order into `energy` and `latency` (from 0) and `area` (from the
 * chip's parts it holds): the same additions in the same order as a loop per component over the layers, in 24 locals
 * with one pass over the layers (the loop per component fetched each layer's three vectors eight times).
 */
export function sumWorks(works: readonly LayerWork[], energy: number[], latency: number[], area: number[]): void {
  let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0;
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  let a0 = area[0], a1 = area[1], a2 = area[2], a3 = area[3], a4 = area[4], a5 = area[5], a6 = area[6], a7 = area[7];
  for (let i = 0; i < works.length; i++) {
    const w = works[i];
    const e = w.energy;
    const l = w.latency;
    const a = w.area;
    e0 += e[0]; e1 += e[1]; e2 += e[2]; e3 += e[3]; e4 += e[4]; e5 += e[5]; e6 += e[6]; e7 += e[7];
    l0 += l[0]; l1 += l[1]; l2 += l[2]; l3 += l[3]; l4 += l[4]; l5 += l[5]; l6 += l[6]; l7 += l[7];
    a0 += a[0]; a1 += a[1]; a2 += a[2]; a3 += a[3]; a4 += a[4]; a5 += a[5]; a6 += a[6]; a7 += a[7];
  }
  energy[0] = e0; energy[1] = e1; energy[2] = e2; energy[3] = e3; energy[4] = e4; energy[5] = e5; energy[6] = e6; energy[7] = e7;
  latency[0] = l0; latency[1] = l1; latency[2] = l2; latency[3] = l3; latency[4] = l4; latency[5] = l5; latency[6] = l6; latency[7] = l7;
  area[0] = a0; area[1] = a1; area[2] = a2; area[3] = a3; area[4] = a4; area[5] = a5; area[6] = a6; area[7] = a7;
}
