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
import type { Network } from '../../model/types.js';
import type { LayerMapping } from '../mapping.js';
import { actionVector, addInferenceEnergy, type ActionVector } from './actions.js';
import { chipArea, weightLayerArea } from './area.js';
import { COMPONENT, COMPONENTS, toValues } from './components.js';
import { bufferBits, countSpikeLayer, countWeightLayer, nocBits } from './counts.js';
import { weightLayerDesign, withSharedTiles, writeDesign, type DesignSlot, type WeightLayerDesign } from './design.js';
import { spikesimChipArea, spikesimWeightLayer } from './spikesimCosts.js';
import { chipLeakage_W, type ChipComponents } from './chip.js';
import { chipFor, mappingKey, mappingRow, networkPlan, rowMapping } from './plan.js';
import { priceChipActions, priceSpikeLayer, priceWeightLayer } from './price.js';
import { layerReplicas, pipelineLatency_ns } from './timing.js';
import { timingModel } from './timingModels.js';
import type { Evaluation, EvaluationTotals, LayerEvaluation } from './types.js';

interface LayerWork {
  readonly energy: number[];
  readonly latency: number[];
  readonly area: number[];
  /** What the layer's LayerEvaluation reports besides its sums (not built for evaluateTotals). */
  result: Omit<LayerEvaluation, 'energy_pJ' | 'latency_ns' | 'area_mm2' | 'breakdown'> | null;
}

/** Receives every layer's action counts and prices (vectors reused after the call: copy what you keep). */
export type ActionSink = (layerIndex: number, counts: ActionVector, prices: ActionVector) => void;

const C = COMPONENT;
const NC = COMPONENTS.length;

/**
 * Eight zeros in an array V8 stores as doubles: a literal of integer zeros starts as small integers and is copied to
 * a double backing store at the first fractional write, which was a measurable share of an evaluation.
 */
function zeros(): number[] {
  return [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5].fill(0);
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < NC; i++) s += a[i];
  return s;
}

// Scratch vectors: evaluate() is synchronous, so one pair serves every call.
const COUNTS = actionVector();
const PRICES = actionVector();
const CHIP_PRICES = actionVector();
/** The chip CHIP_PRICES were priced for. */
let pricedChip: ChipComponents | undefined;

/**
 * Per-layer energy / latency / area vectors of evaluateTotals, reused from one evaluation to the next (every value
 * is read out before it returns; it calls nothing that could evaluate again).
 */
const WORKS: LayerWork[] = [];
/** evaluateTotals' designs (by layer; null for layers without weights) and a slot per layer they are written into. */
const DESIGNS: (WeightLayerDesign | null)[] = [];
const SLOTS: (DesignSlot | undefined)[] = [];
/** Each layer's NoC and buffer bandwidths (2i, 2i + 1) in evaluateTotals, for its twins. */
let BANDWIDTHS = new Float64Array(0);

function layerWorks(n: number, fresh: boolean): LayerWork[] {
  if (fresh) {
    const works: LayerWork[] = [];
    for (let i = 0; i < n; i++) works.push({ energy: zeros(), latency: zeros(), area: zeros(), result: null });
    return works;
  }
  while (WORKS.length < n) WORKS.push({ energy: zeros(), latency: zeros(), area: zeros(), result: null });
  for (let i = 0; i < n; i++) {
    const w = WORKS[i];
    const { energy, latency, area } = w;
    for (let c = 0; c < NC; c++) {
      energy[c] = 0;
      latency[c] = 0;
      area[c] = 0;
    }
    w.result = null;
  }
  return WORKS.length === n ? WORKS : WORKS.slice(0, n);
}

/**
 * Weight replication (arch.replicate, arch.balance): a layer with r copies reads r times as fast (its latency / r)
 * and has r times its own hardware (area; its PEs, tiles and crossbars count for leakage and the totals). Energy
 * per inference is unchanged: the same reads spread over the copies. Returns the extra crossbars, PEs and tiles.
 */
function replicate(network: Network, config: HardwareConfig, designs: readonly (WeightLayerDesign | null)[], works: readonly LayerWork[]) {
  const extra: { crossbars: number; pes: number; tiles: number; replicas: number[] | null } = { crossbars: 0, pes: 0, tiles: 0, replicas: null };
  if (config.arch.balance === 'off' && config.arch.replicate === 1 && !hasReplicateOverride(config)) return extra;
  const replicas = layerReplicas(network.layers, designs.map((d) => d !== null), works.map((w) => sum(w.latency)), config);
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
  }
  return extra;
}

function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** What layerHardware gives a layer without overrides, kept while its parts are the same objects. */
let shared: LayerHardware | undefined;

function sharedHardware(config: HardwareConfig, spikeRate: number): LayerHardware {
  const s = shared;
  if (s && s.device === config.device && s.crossbar === config.crossbar && s.adc === config.adc && s.spikeRate === spikeRate) return s;
  shared = { device: config.device, crossbar: config.crossbar, adc: config.adc, spikeRate };
  return shared;
}

function hasReplicateOverride(config: HardwareConfig): boolean {
  for (const key in config.layers) if (config.layers[key]['arch.replicate'] !== undefined) return true;
  return false;
}

/**
 * arch.dataflow = pipelined: every layer is a stage of latency / T per timestep; the inference takes
 * pipelineLatency_ns of those stages, shared out to layers and components in proportion to their serial latency.
 */
function pipeline(works: readonly LayerWork[], T: number): void {
  const serial = works.map((w) => sum(w.latency));
  const total = serial.reduce((a, b) => a + b, 0);
  if (total <= 0) return;
  const factor = pipelineLatency_ns(serial.map((s) => s / T), T) / total;
  for (const w of works) for (let c = 0; c < NC; c++) w.latency[c] *= factor;
}

/** Evaluate energy, latency and area of `network` on `config`. Pure: same inputs, same result. */
export function evaluate(network: Network, config: HardwareConfig): Evaluation {
  return evaluateWith(network, config, null);
}

/**
 * evaluate() without the per-layer results (`layers`): every total and the breakdown, the same numbers bit for bit,
 * for callers that read only those (a search's metrics), at a fraction of the objects.
 */
export function evaluateTotals(network: Network, config: HardwareConfig): EvaluationTotals {
  return evaluateCore(network, config, null, undefined, false);
}

/** Per layer (network order): its time per timestep as a pipeline stage (ns, after replication) and its weight copies. */
export interface LayerStages {
  stage_ns: number[];
  replicas: number[];
}

/** evaluate(), reporting each layer's action counts and prices to `sink` and, when given, its stages to `stages`. */
export function evaluateWith(network: Network, config: HardwareConfig, sink: ActionSink | null, stages?: LayerStages): Evaluation {
  return evaluateCore(network, config, sink, stages, true);
}

function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: true): Evaluation;
function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: boolean): EvaluationTotals;
function evaluateCore(network: Network, config: HardwareConfig, sink: ActionSink | null, stages: LayerStages | undefined, detail: boolean): EvaluationTotals {
  const T = config.snn.timesteps;
  const plan = networkPlan(network);
  const { lifNeurons, inputActivations } = plan;
  // Without per-layer overrides or per-layer rates every layer sees the same hardware and input rate (what
  // layerHardware and layerSpikeRate return then): one view, worked out once.
  const uniform = plan.uniformRate && !hasKeys(config.layers);
  const uniformRate = network.spikeRate ?? config.snn.spikeRate;
  const uniformHw = uniform ? sharedHardware(config, uniformRate) : null;
  const uniformRow = uniformHw ? mappingRow(plan, mappingKey(uniformHw.device.bitsPerCell, uniformHw.crossbar.size, uniformHw.crossbar.signedMapping, config)) : null;
  // A layer with a twin (plan.twin) takes its twin's design and costs when every layer sees the same hardware; not
  // when per-layer results or action vectors are reported (those are built layer by layer).
  const twins = uniform && !detail && !sink ? plan.twin : null;

  // First pass: mappings (tile count sets NoC distances; neuron count sizes the U_mem cache).
  // Slots reused from one evaluation to the next unless the designs outlive it (detail) or a sink sees them.
  const reuse = !detail && !sink;
  const designs: (WeightLayerDesign | null)[] = reuse ? DESIGNS : [];
  designs.length = 0;
  let totalTiles = 0;
  let totalPes = 0;
  for (let i = 0; i < network.layers.length; i++) {
    if (!plan.weight[i]) {
      designs.push(null);
      continue;
    }
    const t = twins ? twins[i] : -1;
    const twin = t >= 0 ? designs[t] : null;
    if (twin) {
      designs.push(twin);
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
    if (reuse) {
      const d = writeDesign(layer, m, hw, config, SLOTS[i]);
      SLOTS[i] = d;
      designs.push(d);
    } else designs.push(weightLayerDesign(layer, m, hw, config));
    totalTiles += m.tiles;
    totalPes += m.pes;
  }
  if (config.arch.tilePacking === 'shared' && totalPes > 0) {
    totalTiles = Math.ceil(totalPes / config.arch.pesPerTile);
    for (let i = 0; i < designs.length; i++) {
      const d = designs[i];
      if (d) designs[i] = withSharedTiles(d, totalPes, totalTiles);
    }
  }
  const spikesimCosts = config.arch.componentCosts === 'spikesim-ela';
  const timing = timingModel(config);
  const hops = meanHops(totalTiles);
  const chip = chipFor(config, lifNeurons);
  if (chip !== pricedChip) {
    priceChipActions(chip, CHIP_PRICES);
    pricedChip = chip;
  }

  // Fresh vectors when the per-layer results are built (they then live as long as those), reused ones otherwise.
  const works = layerWorks(network.layers.length, detail);
  if (twins && BANDWIDTHS.length < 2 * network.layers.length) BANDWIDTHS = new Float64Array(2 * network.layers.length);
  let crossbars = 0;
  let pes = 0;
  let usedCells = 0;
  let provisionedCells = 0;
  let adcBitsMax = 0;
  let accumulatorBitsMax = 0;
  let nocBwMax = 0;
  let bufferBwMax = 0;
  let ops = 0;

  let nextRate = network.layers.length === 0 ? 0 : uniform ? uniformRate : layerSpikeRate(config, network.layers[0], network);
  for (let i = 0; i < network.layers.length; i++) {
    const layer = network.layers[i];
    const work = works[i];
    const { energy, latency, area } = work;
    const design = designs[i];
    // A layer's output spikes have the input rate of the next layer (the last layer's, its own input rate).
    const inputRate = nextRate;
    const outputRate = i + 1 >= network.layers.length ? inputRate : uniform ? uniformRate : layerSpikeRate(config, network.layers[i + 1], network);
    nextRate = outputRate;
    if (!design) {
      countSpikeLayer(layer, config, inputRate, outputRate, COUNTS);
      priceSpikeLayer(layer, chip, CHIP_PRICES, config, PRICES);
      addInferenceEnergy(COUNTS, PRICES, energy);
      if (sink) sink(i, COUNTS, PRICES);
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
    } else {
      const tileSide_mm = weightLayerArea(design, chip, config, area);
      countWeightLayer(layer, design, config, hops, outputRate, COUNTS);
      priceWeightLayer(design, chip, CHIP_PRICES, config, tileSide_mm, PRICES);
      addInferenceEnergy(COUNTS, PRICES, energy);
      if (sink) sink(i, COUNTS, PRICES);
      timing.weightLayer(design, config, hops, latency);
      if (spikesimCosts) spikesimWeightLayer(design, config, design.tiles, energy, area);
      const layerLatency = sum(latency);
      nocBw = nocBits(COUNTS, hops) / layerLatency;
      bufferBw = bufferBits(COUNTS) / layerLatency;
    }
    if (twins) {
      BANDWIDTHS[2 * i] = nocBw;
      BANDWIDTHS[2 * i + 1] = bufferBw;
    }
    crossbars += m.crossbars;
    pes += m.pes;
    usedCells += m.rows * (m.columns + m.referenceColumns) * m.arrays;
    provisionedCells += m.crossbars * m.crossbarSize * m.crossbarSize;
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
  const replicated = replicate(network, config, designs, works);
  pes += replicated.pes;
  crossbars += replicated.crossbars;
  totalTiles += replicated.tiles;
  if (stages) {
    stages.stage_ns = works.map((w) => sum(w.latency) / T);
    stages.replicas = replicated.replicas ?? works.map(() => 1);
  }
  if (config.arch.dataflow === 'pipelined') pipeline(works, T);

  const energy = zeros();
  const latency = zeros();
  const area = zeros();
  if (spikesimCosts) spikesimChipArea(config, inputActivations, lifNeurons, area);
  else chipArea(config, chip, area);
  for (const w of works) {
    for (let c = 0; c < NC; c++) {
      energy[c] += w.energy[c];
      latency[c] += w.latency[c];
      area[c] += w.area[c];
    }
  }
  // Leakage over the whole inference, charged to layers by time.
  const leakage_W = spikesimCosts ? 0 : chipLeakage_W(config, chip, pes, totalTiles, lifNeurons);
  const totalLatency = sum(latency);
  energy[C.leakage] = leakage_W * totalLatency * 1e3;

  const energy_pJ = sum(energy);
  const area_mm2 = sum(area);
  const seconds = totalLatency * 1e-9;
  const joules = energy_pJ * 1e-12;
  const totals: EvaluationTotals = {
    network: network.name,
    energy_pJ,
    latency_ns: totalLatency,
    area_mm2,
    power_mW: (joules / seconds) * 1e3,
    ops,
    tops: ops / seconds / 1e12,
    topsPerW: ops / joules / 1e12,
    topsPerMm2: ops / seconds / 1e12 / area_mm2,
    edp_pJs: energy_pJ * seconds,
    crossbars,
    pes,
    tiles: totalTiles,
    utilisation: usedCells / provisionedCells,
    adcBits: adcBitsMax,
    accumulatorBits: accumulatorBitsMax,
    nocBandwidth_Gbps: nocBwMax,
    bufferBandwidth_Gbps: bufferBwMax,
    lifAreaShare: area[C.lif] / area_mm2,
    reticleFields: reticleFields(area_mm2),
    breakdown: { energy_pJ: toValues(energy), latency_ns: toValues(latency), area_mm2: toValues(area) },
  };
  if (!detail) return totals;
  for (const w of works) w.energy[C.leakage] = leakage_W * sum(w.latency) * 1e3; // W·ns = 1e3 pJ
  const layers: LayerEvaluation[] = new Array(works.length);
  for (let i = 0; i < works.length; i++) {
    const w = works[i];
    const r = w.result;
    if (!r) throw new Error(`internal: layer ${i} has no result`);
    layers[i] = {
      index: r.index, name: r.name, kind: r.kind, mapping: r.mapping, hardware: r.hardware, ops: r.ops,
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
