/** The ELA engine's result types: per component, per layer and for the whole network. */
import type { LayerMapping } from '../mapping.js';
import type { ComponentValues } from './components.js';

export interface Breakdown {
  readonly energy_pJ: ComponentValues;
  readonly latency_ns: ComponentValues;
  readonly area_mm2: ComponentValues;
}

/** What a weight layer ran on (after per-layer overrides). */
export interface LayerHardwareSummary {
  readonly bitsPerCell: number;
  readonly crossbarSize: number;
  readonly adcKind: string;
  readonly adcBits: number;
  readonly columnsPerAdc: number;
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  readonly readVoltage_V: number;
  readonly spikeRate: number;
}

export interface LayerEvaluation {
  readonly index: number;
  readonly name: string;
  readonly kind: string;
  /** One copy's layout: with weight copies (`copies`), each copy has these crossbars, PEs and tiles. */
  readonly mapping: LayerMapping | null;
  /**
   * The layer's weight copies (arch.replicate, arch.balance), present only when there are two or more: its
   * crossbars, PEs and tiles are `copies` x the mapping's, and its area and latency are those of all copies.
   */
  readonly copies?: number;
  readonly hardware: LayerHardwareSummary | null;
  /** Dense-equivalent operations over all timesteps: 2·rows·C_out·positions·T. */
  readonly ops: number;
  readonly energy_pJ: number;
  readonly latency_ns: number;
  /** The layer's own hardware (crossbars, ADCs, periphery, PE/tile buffers, routers, H-tree); shared global buffer and LIF are chip-level. */
  readonly area_mm2: number;
  /** Bit-line sensing time per read (ns). */
  readonly senseTime_ns: number;
  /** Time of one crossbar read: max(sensing + conversions, one clock) (ns). */
  readonly readTime_ns: number;
  /** Width of the accumulated partial sums (bits). */
  readonly accumulatorBits: number;
  /** NoC bandwidth the layer needs to keep its crossbars busy (Gbit/s). */
  readonly nocBandwidth_Gbps: number;
  /** Buffer bandwidth the layer needs (Gbit/s). */
  readonly bufferBandwidth_Gbps: number;
  readonly breakdown: Breakdown;
}

/** An evaluation without its per-layer results (evaluateTotals): every total and the breakdown. */
export type EvaluationTotals = Omit<Evaluation, 'layers'>;

/** EvaluationTotals with writable fields: a record evaluateTotalsInto refills from one evaluation to the next. */
export type TotalsSlot = { -readonly [K in keyof EvaluationTotals]: EvaluationTotals[K] };

export interface Evaluation {
  readonly network: string;
  readonly energy_pJ: number;
  readonly latency_ns: number;
  readonly area_mm2: number;
  /** Average power over the inference, dynamic + leakage: energy / latency (mW). */
  readonly power_mW: number;
  /** Dense-equivalent ops over all timesteps. */
  readonly ops: number;
  readonly tops: number;
  readonly topsPerW: number;
  readonly topsPerMm2: number;
  /** Energy-delay product (pJ·s). */
  readonly edp_pJs: number;
  readonly crossbars: number;
  readonly pes: number;
  readonly tiles: number;
  /** Used cells / provisioned cells over all crossbars. */
  readonly utilisation: number;
  /** Largest ADC resolution any layer uses (bits; 1 for sense amplifiers). */
  readonly adcBits: number;
  /** Widest accumulator any layer needs (bits). */
  readonly accumulatorBits: number;
  /** Peak NoC / buffer bandwidth over layers (Gbit/s). */
  readonly nocBandwidth_Gbps: number;
  readonly bufferBandwidth_Gbps: number;
  /** LIF module area / chip area. */
  readonly lifAreaShare: number;
  /** Chip area / one lithography field of 858 mm² (src/hardware/components/die.ts); above 1 the chip needs several dies. */
  readonly reticleFields: number;
  readonly breakdown: Breakdown;
  readonly layers: readonly LayerEvaluation[];
}
