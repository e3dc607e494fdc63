/**
 * The functional SNN's topology, compiled from a network description into flat gather tables so that the
 * trainer and the inference engine run tight typed-array loops.
 *
 * Layout: activations are stored position-major (HWC): flat index = (y * width + x) * channels + c.
 * A weight layer (conv or linear) is P output positions x (K inputs -> N outputs): exactly the crossbar
 * view (rows = K = k*k*C_in, columns = N = C_out). `gather[p*K + k]` is the input index feeding row k at
 * position p (-1 = zero padding). Patch rows are ordered (ky, kx, c). A linear layer is P = 1.
 * Every weight layer but the last is followed by LIF neurons; the last is a non-spiking integrator
 * (its membrane potential, summed over timesteps, is the output). Pools act on spikes.
 * Pools act on spikes and must be declared 'max': the max of binary spikes is their OR, which is what the next
 * crossbar's 1-bit row drivers can apply (preamble: layers after the first receive binary spikes). An 'avg' pool of
 * spikes is fractional and no 1-bit driver applies it, so functional inference rejects it (ConfigError) rather than
 * silently running something else than the network declares.
 */
import { ConfigError } from '../core/errors.js';
import { shapeSize, windowOutputSize } from '../model/resolve.js';
import type { LayerSpec, Shape } from '../model/types.js';

export interface WeightOp {
  readonly kind: 'weight';
  readonly name: string;
  /** Index of the layer in the network description (for per-layer hardware overrides). */
  readonly layerIndex: number;
  /** Index among weight layers (0 = the direct-coded first layer). */
  readonly weightIndex: number;
  readonly positions: number;
  /** Crossbar rows (fan-in). */
  readonly fanIn: number;
  /** Crossbar logical columns (fan-out). */
  readonly fanOut: number;
  readonly inSize: number;
  readonly outSize: number;
  readonly gather: Int32Array;
  /** False for the last weight layer (the output integrator). */
  readonly spiking: boolean;
}

export interface PoolOp {
  readonly kind: 'pool';
  readonly name: string;
  readonly layerIndex: number;
  /** Always 'max' on spikes (see the file comment). */
  readonly mode: 'max';
  readonly declaredMode: 'max' | 'avg';
  readonly inSize: number;
  readonly outSize: number;
  /** Window size (kernel * kernel). */
  readonly window: number;
  /** gather[o * window + j]: input index of window element j of output o (-1 = outside). */
  readonly gather: Int32Array;
}

export type SnnOp = WeightOp | PoolOp;

export interface SnnGraph {
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly ops: readonly SnnOp[];
  readonly weightOps: readonly WeightOp[];
}

export interface NetworkLike {
  readonly name: string;
  readonly input: Shape;
  readonly layers: readonly LayerSpec[];
}

const lastWeightIndex = (net: NetworkLike): number => net.layers.reduce((last, l, i) => (l.kind === 'conv' || l.kind === 'linear' ? i : last), -1);

/**
 * Why functional SNN inference cannot run `net` (the first offending layer, in layer order), or undefined when it
 * can. A check of layer kinds and pool modes only, without building gather tables (VGG16's take ~45 ms).
 */
export function snnGraphRefusal(net: NetworkLike): string | undefined {
  const lastWeight = lastWeightIndex(net);
  if (lastWeight < 0) return `network ${net.name}: got no conv or linear layer, expected at least one weight layer`;
  for (const [layerIndex, layer] of net.layers.entries()) {
    if (layer.kind === 'conv' || layer.kind === 'linear') continue;
    if (layer.kind !== 'pool') {
      return `network ${net.name}: layer ${layer.name} has kind "${layer.kind}", expected conv, linear or pool for functional SNN inference`;
    }
    if (layerIndex > lastWeight) return `network ${net.name}: layer ${layer.name} (pool) after the output layer is not supported`;
    if (layer.mode !== 'max') {
      return `network ${net.name}: layer ${layer.name} has pool mode "${layer.mode}", expected "max" for functional SNN inference (the max of spikes is their OR; an average of spikes is not a spike a 1-bit row driver can apply)`;
    }
  }
  if (net.layers.length - 1 !== lastWeight) {
    return `network ${net.name}: got layers after the last weight layer, expected it to be the output layer`;
  }
  return undefined;
}

/** Compile a network (a zoo Network or a NetworkSpec) into gather tables. Throws ConfigError on unsupported layers. */
export function buildSnnGraph(net: NetworkLike): SnnGraph {
  const refusal = snnGraphRefusal(net);
  if (refusal !== undefined) throw new ConfigError(refusal);
  const ops: SnnOp[] = [];
  let shape = net.input;
  let weightIndex = 0;
  const lastWeight = lastWeightIndex(net);
  net.layers.forEach((layer, layerIndex) => {
    if (layer.kind === 'conv') {
      const stride = layer.stride ?? 1;
      const pad = layer.padding ?? 0;
      const k = layer.kernel;
      const outH = windowOutputSize(shape.height, k, stride, pad);
      const outW = windowOutputSize(shape.width, k, stride, pad);
      const fanIn = k * k * shape.channels;
      const positions = outH * outW;
      const gather = new Int32Array(positions * fanIn);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const p = oy * outW + ox;
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              const iy = oy * stride + ky - pad;
              const ix = ox * stride + kx - pad;
              const inside = iy >= 0 && iy < shape.height && ix >= 0 && ix < shape.width;
              for (let c = 0; c < shape.channels; c++) {
                gather[p * fanIn + (ky * k + kx) * shape.channels + c] = inside ? (iy * shape.width + ix) * shape.channels + c : -1;
              }
            }
          }
        }
      }
      const out: Shape = { channels: layer.outChannels, height: outH, width: outW };
      ops.push({ kind: 'weight', name: layer.name, layerIndex, weightIndex: weightIndex++, positions, fanIn, fanOut: layer.outChannels,
        inSize: shapeSize(shape), outSize: shapeSize(out), gather, spiking: layerIndex !== lastWeight });
      shape = out;
    } else if (layer.kind === 'linear') {
      const fanIn = shapeSize(shape);
      const gather = new Int32Array(fanIn);
      for (let i = 0; i < fanIn; i++) gather[i] = i;
      const out: Shape = { channels: layer.outFeatures, height: 1, width: 1 };
      ops.push({ kind: 'weight', name: layer.name, layerIndex, weightIndex: weightIndex++, positions: 1, fanIn, fanOut: layer.outFeatures,
        inSize: fanIn, outSize: layer.outFeatures, gather, spiking: layerIndex !== lastWeight });
      shape = out;
    } else if (layer.kind === 'pool') {
      const k = layer.kernel;
      const stride = layer.stride ?? k;
      const outH = windowOutputSize(shape.height, k, stride);
      const outW = windowOutputSize(shape.width, k, stride);
      const window = k * k;
      const out: Shape = { channels: shape.channels, height: outH, width: outW };
      const gather = new Int32Array(shapeSize(out) * window);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          for (let c = 0; c < shape.channels; c++) {
            const o = (oy * outW + ox) * shape.channels + c;
            for (let ky = 0; ky < k; ky++) {
              for (let kx = 0; kx < k; kx++) {
                gather[o * window + ky * k + kx] = ((oy * stride + ky) * shape.width + ox * stride + kx) * shape.channels + c;
              }
            }
          }
        }
      }
      ops.push({ kind: 'pool', name: layer.name, layerIndex, mode: 'max', declaredMode: layer.mode, inSize: shapeSize(shape), outSize: shapeSize(out), window, gather });
      shape = out;
    }
  });
  const weightOps = ops.filter((o): o is WeightOp => o.kind === 'weight');
  return { name: net.name, inputSize: shapeSize(net.input), outputSize: weightOps[weightOps.length - 1].outSize, ops, weightOps };
}
