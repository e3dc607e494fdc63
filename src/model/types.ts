/**
 * Workload description: a network is an ordered list of layers with derived, checked shapes.
 * Shapes are channels x height x width (a linear layer's output is C x 1 x 1).
 */

export interface Shape {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

interface LayerBase {
  /** Unique within the network; used by per-layer overrides (`layers.<name>.<path>`). */
  readonly name: string;
  /** Fraction of input neurons spiking per timestep (0..1]. Ignored for direct-coded input. */
  readonly spikeRate?: number;
  /** Read this layer's input from the named earlier layer's output instead of the previous layer (branches). */
  readonly inputFrom?: string;
}

export interface ConvLayerSpec extends LayerBase {
  readonly kind: 'conv';
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly padding?: number;
}

export interface LinearLayerSpec extends LayerBase {
  readonly kind: 'linear';
  readonly outFeatures: number;
}

export interface PoolLayerSpec extends LayerBase {
  readonly kind: 'pool';
  readonly mode: 'max' | 'avg';
  readonly kernel: number;
  readonly stride?: number;
}

/** Residual add: output = this layer's input + the output of layer `from`. Shapes must match. */
export interface AddLayerSpec extends LayerBase {
  readonly kind: 'add';
  readonly from: string;
}

export type LayerSpec = ConvLayerSpec | LinearLayerSpec | PoolLayerSpec | AddLayerSpec;

/** What a user writes (JSON) or the zoo declares. */
export interface NetworkSpec {
  readonly name: string;
  readonly input: Shape;
  readonly layers: readonly LayerSpec[];
  /** Default spike rate for layers that do not state their own (docs/sources.md#domain-1: 0.1). */
  readonly spikeRate?: number;
  readonly description?: string;
  /**
   * 'direct' (the default): the first weight layer reads multi-bit values, bit-serially; 'events': the input is
   * already spikes (event-camera frames such as N-MNIST), so the first layer reads them as spikes at its spike rate.
   */
  readonly inputCoding?: 'direct' | 'events';
  /**
   * Samples of the dataset's training split (docs/sources.md#training-sets): the epoch of the on-chip training cost
   * when training.datasetSize is 0, its default.
   */
  readonly trainingSamples?: number;
}

/** A layer with its shapes resolved. Only conv and linear layers carry weights (map to crossbars). */
export type ResolvedLayer = LayerSpec & {
  readonly index: number;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** Input spike rate actually used (1 for the direct-coded first weight layer). */
  readonly inputSpikeRate: number;
  /** True for the first weight layer, which receives direct (multi-bit) input. */
  readonly directInput: boolean;
  /** Set on a weight layer that reads an average pool's output: counts of spikes, multi-bit values (resolve.ts). */
  readonly pooledInput?: PooledInput;
};

/** The average pool a weight layer reads: each input value is the count of `spikes` (k²) spikes the pool summed. */
export interface PooledInput {
  /** Index of the pool layer in the network (its input spike rate is the rate of the counted spikes). */
  readonly pool: number;
  /** Spikes summed per output: k² (the count runs 0..k²; the 1/k² scale folds into the next layer's weights). */
  readonly spikes: number;
}

export interface Network {
  readonly name: string;
  readonly input: Shape;
  readonly layers: readonly ResolvedLayer[];
  readonly description?: string;
  /** The network-wide spike rate the spec stated, if any (layers may state their own). */
  readonly spikeRate?: number;
  /** Samples of its dataset's training split, if the spec states it (NetworkSpec.trainingSamples). */
  readonly trainingSamples?: number;
}
