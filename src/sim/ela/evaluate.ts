/**
 * The energy-latency-area engine: evaluate(network, config) -> Evaluation. Pure and allocation-light (it runs
 * tens of thousands of times per second inside search workers). Model and equations: docs/simulator.md.
 *
 * Per layer: its hardware design (design.ts), then its action counts (counts.ts) and their prices (price.ts);
 * energy per component = Σ count × price. Latency (timing.ts) and area (area.ts) come from the same design.
 */
import { reticleFields } from '../../hardware/components/die.js';
import { meanHops } from '../../hardware/components/interconnect.js';
import { layerHardware, layerSpikeRate, type HardwareConfig, type LayerHardware } from '../../hardware/config.js';
import { checkedConfigFor } from '../../model/layerKeys.js';
import type { Network } from '../../model/types.js';
import type { LayerMapping } from '../mapping.js';
import { actionVector, addInferenceEnergy } from './actions.js';
import { layerCounts } from './countsMemo.js';
import { chipArea, writeWeightLayerArea } from './area.js';
import { blankValues, COMPONENT, COMPONENTS, toValues, writeValues } from './components.js';
import { bufferBits, countWeightLayer, nocBits, writeSpikeLayerCountsAt } from './counts.js';
import { weightLayerDesign, withSharedTiles, writeDesign, type DesignSlot, type WeightLayerDesign } from './design.js';
import { spikesimChipArea, spikesimWeightLayer } from './spikesimCosts.js';
import { chipLeakage_W, type ChipComponents } from './chip.js';
import { deferredSink, nocRescale, rehop, type ActionSink } from './mesh.js';
import { chipFor, mappingKey, mappingRow, networkPlan, rowMapping } from './plan.js';
import { priceChipActions, writeSpikeLayerPrices, writeWeightLayerPrices } from './price.js';
import { awaitDelivery, layerLink_ns, perTimestep } from './timing.js';
import { timingModel } from './timingModels.js';
import { sharedHardware } from './sharedHardware.js';
import type { Evaluation, EvaluationTotals, LayerEvaluation, TotalsSlot } from './types.js';
import { floorCopies, layerWorks, pipeline, provisionedCells, replicate, replicates, sum, sumWorks, usedCells, zeros } from './works.js';

export type { ActionSink } from './mesh.js';

const C = COMPONENT;
const NC = COMPONENTS.length;

// Scratch vectors: evaluate() is synchronous, so one pair serves every call.
const COUNTS = actionVector();
/** A spike layer's counts: only writeSpikeLayerCountsAt writes here (its three entries, every call), the rest stays 0. */
const SPIKE_COUNTS = actionVector();
const CHIP_PRICES = actionVector();
/**
 * A weight layer's and a spike layer's prices: CHIP_PRICES copied in once per chip (not once per layer), then each
 * layer writes its own entries over them (writeWeightLayerPrices, writeSpikeLayerPrices: the same entries every call).
 */
const WEIGHT_PRICES = actionVector();
const SPIKE_PRICES = actionVector();
/** The chip CHIP_PRICES were priced for. */
let pricedChip: ChipComponents | undefined;

/** evaluateTotals' designs (by layer; null for layers without weights) and a slot per layer they are written into. */
const DESIGNS: (WeightLayerDesign | null)[] = [];
const SLOTS: (DesignSlot | undefined)[] = [];
/** The chip's energy / latency / area by component (read out into the result before evaluateCore returns). */
const TOTAL_ENERGY = zeros();
const TOTAL_LATENCY = zeros();
const TOTAL_AREA = zeros();
/** Each layer's NoC and buffer bandwidths (2i, 2i + 1): for its twins (evaluateTotals) and the final mesh (replication). */
let BANDWIDTHS = new Float64Array(0);
/**
 * Each layer's input spike rate, and after the last its output rate (its own input rate): read by index by the
 * counts (a rate passed as a number to a call V8 does not inline is a new HeapNumber per call).
 */
let RATES = new Float64Array(0);
/** Each weight layer's input delivery floor (ns, timing.ts deliveryFloor_ns; 0 for other layers and untimed models). */
let DELIVERY = new Float64Array(0);

function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * A totals record to be filled by evaluateTotalsInto, every field in evaluate()'s order. Its numbers start as NaN
 * (a double) so V8 keeps them as doubles in place: a field first given a small integer would change the object's
 * layout at its first fractional value.
 */
export function totalsSlot(): TotalsSlot {
  return {
    network: '', energy_pJ: NaN, latency_ns: NaN, area_mm2: NaN, power_mW: NaN, ops: NaN, tops: NaN, topsPerW: NaN, topsPerMm2: NaN,
    edp_pJs: NaN, crossbars: NaN, pes: NaN, tiles: NaN, utilisation: NaN, adcBits: NaN, accumulatorBits: NaN, nocBandwidth_Gbps: NaN,
    bufferBandwidth_Gbps: NaN, lifAreaShare: NaN, reticleFields: NaN,
    breakdown: { energy_pJ: blankValues(), latency_ns: blankValues(), area_mm2: blankValues() },
  };
}

/**
 * Evaluate energy, latency and area of `network` on `config`. Pure: same inputs, same result. The configuration is
 * checked first (checkedConfigFor: a ConfigError naming the path, value and expectation, or a `layers` key that
 * names no weight layer of the network; the whole check is free for one applyOverrides built without per-layer
 * overrides), as by evaluateTotals, evaluateTotalsInto and evaluateWith.
 */
export function evaluate(network: Network, config: HardwareConfig): Evaluation {
  checkedConfigFor(network, config);
  return evaluateCore(network, config, null, undefined, true);
}

/**
 * evaluate() without the per-layer results (`layers`): every total and the breakdown, the same numbers bit for bit,
 * for callers that read only those (a search's metrics), at a fraction of the objects.
 */
export function evaluateTotals(network: Network, config: HardwareConfig): EvaluationTotals {
  checkedConfigFor(network, config);
  return evaluateCore(network, config, null, undefined, false);
}

/**
 * evaluateTotals() written into `into` (a totalsSlot() the caller owns) and returned: the same numbers, no object
 * allocated per evaluation (a fresh result with its three breakdown records and their boxed doubles was ~1.5 kB
 * of the ~3.3 kB an evaluation allocated, and garbage collection ~15-20% of its time). The values are overwritten
 * by the next call with the same slot: for a caller that reads them out at once (a search's row).
 */
export function evaluateTotalsInto(network: Network, config: HardwareConfig, into: TotalsSlot): EvaluationTotals {
  checkedConfigFor(network, config);
  return evaluateCore(network, config, null, undefined, false, into);
}

/** Per layer (network order): its time per timestep as a pipeline stage (ns, after replication) and its weight copies. */
export interface LayerStages {
  stage_ns: number[];
  replicas: number[];
}

/** evaluate(), reporting each layer's action counts and prices to `sink` and, when given, its stages to `stages`. */
export function evaluateWith(network: Network, config: HardwareConfig, sink: ActionSink | null, stages?: LayerStages): Evaluation {
  checkedConfigFor(network, config);
  return evaluateCore(network, config, sink, stages, true);
}

/**
 * evaluate() without the configuration check, for simulate.ts, whose configurations applyOverrides built or
 * simulateResolved checked: not exported by the package (ela/index.ts leaves it out), so a search's evaluations
 * pay nothing for the check.
 */
export function evaluateUnchecked(network: Network, config: HardwareConfig): Evaluation {
  return evaluateCore(network, config, null, undefined, true);
}

/** evaluateTotals() without the configuration check (evaluateTotalsInto() with `into`): as evaluateUnchecked. */
export function evaluateTotalsUnchecked(network: Network, config: HardwareConfig, into?: TotalsSlot): EvaluationTotals {
  return evaluateCore(network, config, null, undefined, false, into);
}

function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: true): Evaluation;
function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: boolean, into?: TotalsSlot): EvaluationTotals;
function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: boolean, into?: TotalsSlot): EvaluationTotals {
  const T = config.snn.timesteps;
  const plan = networkPlan(network);
  const { lifNeurons, inputActivations } = plan;
  // Without per-layer overrides or per-layer rates every layer sees the same hardware and input rate (what
  // layerHardware and layerSpikeRate return then): one view, worked out once.
  const uniform = plan.uniformRate && !hasKeys(config.layers);
  const uniformRate = network.spikeRate ?? config.snn.spikeRate;
  const reuse = !detail && !sink; // slots reused between evaluations unless the designs outlive it or a sink sees them
  const uniformHw = uniform ? sharedHardware(config, uniformRate, reuse) : null;
  const uniformRow = uniformHw ? mappingRow(plan, mappingKey(uniformHw.device.bitsPerCell, uniformHw.crossbar.size, uniformHw.crossbar.signedMapping, config)) : null;
  // A layer with a twin (plan.twin) takes its twin's design and costs when every layer sees the same hardware; not
  // when per-layer results or action vectors are reported (those are built layer by layer).
  const twins = uniform && reuse ? plan.twin : null;

  // First pass: mappings (tile count sets NoC distances; neuron count sizes the U_mem cache).
  const designs: (WeightLayerDesign | null)[] = reuse ? DESIGNS : [];
  // Written by index, not emptied and pushed: `length = 0` drops an array's backing store, so every evaluation
  // grew DESIGNS again (two allocations for VGG16's 21 layers).
  if (designs.length > network.layers.length) designs.length = network.layers.length;
  let totalTiles = 0;
  let totalPes = 0;
  for (let i = 0; i < network.layers.length; i++) {
    if (!plan.weight[i]) {
      designs[i] = null;
      continue;
    }
    const t = twins ? twins[i] : -1;
    const twin = t >= 0 ? designs[t] : null;
    if (twin) {
      designs[i] = twin;
      totalTiles += twin.m.tiles;
      totalPes += twin.m.pes;
      continue;
    }
    const layer = network.layers[i];
    const hw: LayerHardware = uniformHw ?? layerHardware(config, layer, network);
    const { bitsPerCell } = hw.device;
    const { size, signedMapping } = hw.crossbar;
    const row = uniformHw ? uniformRow : mappingRow(plan, mappingKey(bitsPerCell, size, signedMapping, config));
    const m: LayerMapping = rowMapping(row, i, layer, bitsPerCell, size, config, signedMapping);
    // The spikes an average pool counts for this layer come at the pool's input rate (hw.spikeRate when not given:
    // a number passed to writeDesign, never inlined, is a new HeapNumber per call).
    const pool = layer.pooledInput?.pool;
    const pooledRate = pool === undefined || uniform ? undefined : layerSpikeRate(config, network.layers[pool], network);
    if (reuse) {
      const d = writeDesign(layer, m, hw, config, pooledRate, SLOTS[i]);
      SLOTS[i] = d;
      designs[i] = d;
    } else designs[i] = weightLayerDesign(layer, m, hw, config, pooledRate);
    totalTiles += m.tiles;
    totalPes += m.pes;
  }
  const sharedPacking = config.arch.tilePacking === 'shared';
  if (sharedPacking && totalPes > 0) {
    totalTiles = Math.ceil(totalPes / config.arch.pesPerTile);
    for (let i = 0; i < designs.length; i++) {
      const d = designs[i];
      if (d) designs[i] = withSharedTiles(d, totalPes, totalTiles);
    }
  }
  const spikesimCosts = config.arch.componentCosts === 'spikesim-ela';
  const timing = timingModel(config);
  const hops = meanHops(totalTiles);
  // Under replication the counts a sink sees wait for the final mesh (mesh.ts).
  const replicating = replicates(config);
  const deferred = sink && replicating ? deferredSink(sink) : null;
  const report = deferred ? deferred.sink : sink;
  const chip = chipFor(config, lifNeurons);
  if (chip !== pricedChip) {
    priceChipActions(chip, CHIP_PRICES);
    WEIGHT_PRICES.set(CHIP_PRICES);
    SPIKE_PRICES.set(CHIP_PRICES);
    pricedChip = chip;
  }

  // Fresh vectors when the per-layer results are built (they then live as long as those), reused ones otherwise.
  const works = layerWorks(network.layers.length, detail);
  const keepBandwidths = twins !== null || replicating;
  if (keepBandwidths && BANDWIDTHS.length < 2 * network.layers.length) BANDWIDTHS = new Float64Array(2 * network.layers.length);
  // Each layer's input delivery floor: charged in the loop without copies, after the final mesh with them (floorCopies).
  const deliver = timing.deliveryFloor_ns;
  if (DELIVERY.length < network.layers.length) DELIVERY = new Float64Array(network.layers.length);
  DELIVERY.fill(0, 0, network.layers.length);
  let crossbars = 0;
  let pes = 0;
  let cellsUsed = 0;
  let cellsProvisioned = 0;
  let adcBitsMax = 0;
  let accumulatorBitsMax = 0;
  let nocBwMax = 0;
  let bufferBwMax = 0;
  let ops = 0;

  // A layer's output spikes have the input rate of the next layer (the last layer's, its own input rate).
  const n = network.layers.length;
  if (RATES.length < n + 1) RATES = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) RATES[i] = uniform ? uniformRate : layerSpikeRate(config, network.layers[i], network);
  RATES[n] = n === 0 ? 0 : RATES[n - 1];
  for (let i = 0; i < n; i++) {
    const layer = network.layers[i];
    const work = works[i];
    const { energy, latency, area } = work;
    const design = designs[i];
    if (!design) {
      const pixels = plan.pixels[i];
      writeSpikeLayerCountsAt(layer, config, RATES, i, SPIKE_COUNTS, pixels);
      writeSpikeLayerPrices(layer, chip, config, SPIKE_PRICES, pixels);
      addInferenceEnergy(SPIKE_COUNTS, SPIKE_PRICES, energy);
      if (report) report(i, SPIKE_COUNTS, SPIKE_PRICES, null);
      timing.spikeLayer(layer, config, latency);
      if (spikesimCosts) energy.fill(0);
      if (detail) {
        work.result = {
          index: layer.index, name: layer.name, kind: layer.kind, mapping: null, hardware: null, ops: 0, senseTime_ns: 0, readTime_ns: 0,
          accumulatorBits: 0, nocBandwidth_Gbps: 0, bufferBandwidth_Gbps: 0,
        };
      }
      continue;
    }
    const { m, hw } = design;
    const j = twins ? twins[i] : -1;
    let nocBw: number;
    let bufferBw: number;
    if (j >= 0) {
      const w = works[j];
      for (let c = 0; c < NC; c++) {
        energy[c] = w.energy[c];
        latency[c] = w.latency[c];
        area[c] = w.area[c];
      }
      nocBw = BANDWIDTHS[2 * j];
      bufferBw = BANDWIDTHS[2 * j + 1];
      DELIVERY[i] = DELIVERY[j];
    } else {
      writeWeightLayerArea(design, chip, config, area);
      // evaluateTotals: the layer's kept counts while the values they read are the same (countsMemo.ts).
      const counts = reuse ? layerCounts(i, layer, design, config, hops, RATES) : COUNTS;
      if (!reuse) countWeightLayer(layer, design, config, hops, RATES[i + 1], COUNTS);
      writeWeightLayerPrices(design, chip, config, area, WEIGHT_PRICES);
      addInferenceEnergy(counts, WEIGHT_PRICES, energy);
      if (report) report(i, counts, WEIGHT_PRICES, design);
      timing.weightLayer(design, config, hops, latency);
      if (deliver) DELIVERY[i] = awaitDelivery(deliver(design, config, plan.inputNeurons[i]), replicating, latency);
      if (spikesimCosts) spikesimWeightLayer(design, config, design.tiles, energy, area);
      const layerLatency = sum(latency);
      nocBw = nocBits(counts, hops) / layerLatency;
      bufferBw = bufferBits(counts) / layerLatency;
    }
    if (keepBandwidths) {
      BANDWIDTHS[2 * i] = nocBw;
      BANDWIDTHS[2 * i + 1] = bufferBw;
    }
    crossbars += m.crossbars;
    pes += m.pes;
    cellsUsed += usedCells(m);
    cellsProvisioned += provisionedCells(m);
    adcBitsMax = Math.max(adcBitsMax, design.conv.bits);
    accumulatorBitsMax = Math.max(accumulatorBitsMax, design.accumulatorBits);
    nocBwMax = Math.max(nocBwMax, nocBw);
    bufferBwMax = Math.max(bufferBwMax, bufferBw);
    const layerOps = 2 * m.rows * m.outputs * m.positions * T;
    ops += layerOps;
    if (!detail) continue;
    work.result = {
      index: layer.index, name: layer.name, kind: layer.kind, mapping: m,
      hardware: {
        bitsPerCell: hw.device.bitsPerCell, crossbarSize: m.crossbarSize, adcKind: hw.adc.kind, adcBits: design.conv.bits,
        columnsPerAdc: design.kind.columnsPerConverter(hw.adc.columnsPerAdc),
        rOn_ohm: hw.device.rOn_ohm, onOffRatio: hw.device.onOffRatio, readVoltage_V: hw.device.readVoltage_V, spikeRate: design.activity,
      },
      ops: layerOps, senseTime_ns: design.senseTime_ns, readTime_ns: design.readTime_ns, accumulatorBits: design.accumulatorBits,
      nocBandwidth_Gbps: nocBw, bufferBandwidth_Gbps: bufferBw,
    };
  }

  if (timing.schedule) timing.schedule(designs, works, config);
  const copyFloor = timing.copyFloor_ns;
  // Read only by the copies (replicate, floorCopies): no closure per evaluation of a design without them.
  const floor = replicating && copyFloor ? (d: WeightLayerDesign, i: number) => Math.max(copyFloor(d, config), DELIVERY[i]) : undefined;
  const replicated = replicate(network, config, designs, works, replicating, floor);
  pes += replicated.pes;
  crossbars += replicated.crossbars;
  // Copies count in utilisation as in the crossbars: each programs the cells its layer's first copy does.
  cellsUsed += replicated.usedCells;
  cellsProvisioned += replicated.provisionedCells;
  if (replicated.replicas) {
    // Shared packing packs the copies' PEs with the rest, as it packed the layers'.
    totalTiles = sharedPacking ? Math.ceil(pes / config.arch.pesPerTile) : totalTiles + replicated.tiles;
    // The bits cross the final chip's mesh, copies included (mesh.ts; the copies were decided on the first one).
    const finalHops = meanHops(totalTiles);
    const nocFactor = nocRescale(network, designs, config, hops, finalHops);
    if (finalHops !== hops) {
      const max = rehop(designs, works, replicated.replicas, BANDWIDTHS, hops, finalHops, timing.hopLatency_ns(config), nocFactor);
      nocBwMax = max.noc;
      bufferBwMax = max.buffer;
    }
    // The copies share the one link into the global unit: a layer's latency / r stops at its link floor (works.ts).
    if (floor) ({ noc: nocBwMax, buffer: bufferBwMax } = floorCopies(designs, works, replicated.replicas, BANDWIDTHS, floor, deliver && ((i) => DELIVERY[i])));
    deferred?.flush(nocFactor);
  }
  if (stages) {
    stages.stage_ns = works.map((w) => sum(w.latency) / T);
    stages.replicas = replicated.replicas ?? works.map(() => 1);
  }
  if (config.arch.dataflow === 'pipelined') pipeline(works, T, layerLink_ns(designs, config, meanHops(totalTiles)), deliver && perTimestep(DELIVERY, works.length, T));

  // Scratch sums: read out into the result (toValues or the slot's records) before returning.
  const energy = TOTAL_ENERGY;
  const latency = TOTAL_LATENCY;
  const area = TOTAL_AREA.fill(0);
  if (spikesimCosts) spikesimChipArea(config, inputActivations, lifNeurons, area);
  else chipArea(chip, area);
  // Each component summed over the layers in their order (energy and latency from 0, area from the chip's parts).
  sumWorks(works, energy, latency, area);
  // Leakage over the whole inference, charged to layers by time.
  const leakage_W = spikesimCosts ? 0 : chipLeakage_W(config, pes, totalTiles, lifNeurons);
  const totalLatency = sum(latency);
  energy[C.leakage] = leakage_W * totalLatency * 1e3;

  const energy_pJ = sum(energy);
  const area_mm2 = sum(area);
  const seconds = totalLatency * 1e-9;
  const joules = energy_pJ * 1e-12;
  // A fresh record has every field in the slot's order (evaluate()'s JSON keeps it).
  const totals: TotalsSlot = into ?? totalsSlot();
  totals.network = network.name;
  totals.energy_pJ = energy_pJ;
  totals.latency_ns = totalLatency;
  totals.area_mm2 = area_mm2;
  totals.power_mW = (joules / seconds) * 1e3;
  totals.ops = ops;
  totals.tops = ops / seconds / 1e12;
  totals.topsPerW = ops / joules / 1e12;
  totals.topsPerMm2 = ops / seconds / 1e12 / area_mm2;
  totals.edp_pJs = energy_pJ * seconds;
  totals.crossbars = crossbars;
  totals.pes = pes;
  totals.tiles = totalTiles;
  totals.utilisation = cellsUsed / cellsProvisioned;
  totals.adcBits = adcBitsMax;
  totals.accumulatorBits = accumulatorBitsMax;
  totals.nocBandwidth_Gbps = nocBwMax;
  totals.bufferBandwidth_Gbps = bufferBwMax;
  totals.lifAreaShare = area[C.lif] / area_mm2;
  totals.reticleFields = reticleFields(area_mm2);
  writeValues(totals.breakdown.energy_pJ, energy);
  writeValues(totals.breakdown.latency_ns, latency);
  writeValues(totals.breakdown.area_mm2, area);
  if (!detail) return totals;
  for (const w of works) w.energy[C.leakage] = leakage_W * sum(w.latency) * 1e3; // W·ns = 1e3 pJ
  const layers: LayerEvaluation[] = new Array(works.length);
  for (let i = 0; i < works.length; i++) {
    const w = works[i];
    const r = w.result;
    if (!r) throw new Error(`internal: layer ${i} has no result`);
    const copies = replicated.replicas?.[i] ?? 1;
    layers[i] = {
      index: r.index, name: r.name, kind: r.kind, mapping: r.mapping, ...(copies > 1 ? { copies } : {}), hardware: r.hardware, ops: r.ops,
      energy_pJ: sum(w.energy), latency_ns: sum(w.latency), area_mm2: sum(w.area),
      senseTime_ns: r.senseTime_ns, readTime_ns: r.readTime_ns, accumulatorBits: r.accumulatorBits,
      nocBandwidth_Gbps: r.nocBandwidth_Gbps, bufferBandwidth_Gbps: r.bufferBandwidth_Gbps,
      breakdown: { energy_pJ: toValues(w.energy), latency_ns: toValues(w.latency), area_mm2: toValues(w.area) },
    };
  }
  // Onto the fresh totals object: a spread copy of it measured ~40% of a full evaluation.
  const evaluation: Evaluation = Object.assign(totals, { layers });
  return evaluation;
}
