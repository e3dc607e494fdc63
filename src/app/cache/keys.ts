/**
 * What an accuracy-engine result depends on, as one cache key (docs/cache.md): the engine version, a hash of the
 * model source, the network's content, the trained weights, the sample sets and the canonical configuration
 * (every parameter that affects accuracy or the MAC error, as the simulator's own in-memory caches key them).
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeRoot, packageRoot } from '../../core/index.js';
import type { HardwareConfig } from '../../hardware/config.js';
import type { Network } from '../../model/types.js';
import { accuracyCacheKey, accuracyProxyKeyPart, macErrorCacheKey } from '../../sim/accuracy.js';
import { filesUnder, hashFiles, WASM_BUILD } from '../codeFiles.js';
import { givenWeightsTag, loadWeights, serializeWeights } from '../../snn/weights.js';

/**
 * Bump when a model changes what it computes in a way the source hash below cannot see (a data file read at run
 * time, a dependency's behaviour). Entries of another version are never read.
 */
// 2: the crossbar read's column sums in f32 (wasm/crossbar.ts; docs/nonidealities.md, fourteenth pass).
// 3: a read after its column sums in f32 (finishIr, pairCombine, the noisy conversion, the read cache's values and
//    sigmas; docs/nonidealities.md, sixteenth pass).
// 4: per-layer overrides in the key by layer name, as the engines read them (src/sim/accuracy.ts layerKeyParts): an
//    entry a by-index configuration stored under `layers.<index>` is never read (docs/cache.md, "The key").
// 5: snn.timesteps in the key only where the accuracy proxy is computed and stored (accuracyProxyKeyPart): an entry
//    without the proxy is one for every T (docs/cache.md, "The key").
export const ACCURACY_ENGINE_VERSION = 5;

/** Layers whose code the accuracy engine runs (src/sim and everything below it; not io, search, app or cli). */
const MODEL_LAYERS = ['sim', 'snn', 'model', 'hardware', 'util', 'core'];

let sourceHash: string | undefined;

/** Where the model's code is: the layers' source (or build), or a bundle, and the compiled WebAssembly kernels it runs. */
export interface ModelCodeDirs {
  /** src/ or dist/ (the model layers are folders under it), or the bundle's folder when `bundled`. */
  readonly code: string;
  /** The code runs bundled (dist/bundle): the model layers are inlined in its chunks, so every chunk is hashed. */
  readonly bundled?: boolean;
  readonly wasm: string;
}

/**
 * The model code this process runs: its src/ (tsx) or dist/ (tsc output) tree, where this module is
 * <root>/app/cache/keys.*; else this module is inlined in a chunk of a bundle (dist/bundle, what the `cosearch` bin
 * and its workers run), and the tsc output beside it is not what runs: the bundle's own code is hashed, so a rebuilt
 * bundle with another model never reads the entries of the previous one.
 */
function runningModelCode(): Omit<ModelCodeDirs, 'wasm'> {
  const here = fileURLToPath(import.meta.url);
  return /[\\/]app[\\/]cache[\\/]keys\.(ts|js)$/.test(here) ? { code: codeRoot() } : { code: dirname(here), bundled: true };
}

/**
 * sha256 of the model code this process runs (path and text: the model layers' .ts under tsx, their .js in a tsc
 * build, every .js chunk of a bundle, which cannot be told apart by layer) and of the compiled WebAssembly kernels
 * (wasm/build/*.wasm), so an edit to any model, JS or WebAssembly, invalidates the cache even when nobody bumps
 * ACCURACY_ENGINE_VERSION. Computed once per process (~5 ms; ~10 ms for a bundle's ~3.4 MB); `dirs` only for tests.
 */
export function modelSourceHash(dirs?: ModelCodeDirs): string {
  if (dirs === undefined && sourceHash !== undefined) return sourceHash;
  const { code, bundled, wasm } = dirs ?? { ...runningModelCode(), wasm: join(packageRoot(), WASM_BUILD) };
  const hash = createHash('sha256');
  if (bundled) hashFiles(hash, code, filesUnder(code, /\.js$/));
  else for (const layer of MODEL_LAYERS) hashFiles(hash, code, filesUnder(join(code, layer), /(?<!\.d)\.(ts|js)$/));
  const digest = hashFiles(hash, wasm, filesUnder(wasm, /\.wasm$/)).digest('hex');
  if (dirs === undefined) sourceHash = digest;
  return digest;
}

/**
 * The trained weights a run's accuracies come from, as its manifest records them (`weightsHash`; a resume with other
 * weights is refused): sha256 over the space's networks' weightsHash, or undefined when none has weights. Recorded so
 * that a run resumed after the shipped weights were retrained in place does not mix two models' accuracies.
 */
export function runWeightsHash(networks: readonly string[]): string | undefined {
  const weights = networks.map((n) => [n, weightsHash(n)]).filter(([, w]) => w !== 'none');
  return weights.length === 0 ? undefined : sha256(JSON.stringify(weights));
}

const weightsHashes = new Map<string, string>();

/**
 * sha256 of the trained weights the accuracy engine loads for a network (both variants, as loaded in this process:
 * the engine picks one per configuration), or 'none' when the network has none.
 */
export function weightsHash(network: string): string {
  const given = givenWeightsTag(network);
  if (given) return given;
  let hash = weightsHashes.get(network);
  if (hash === undefined) {
    const variants = (['hp', 'adcless'] as const).map((v) => {
      const w = loadWeights(network, v);
      return w ? `${v}:${sha256(serializeWeights(w))}` : `${v}:none`;
    });
    hash = variants.every((v) => v.endsWith(':none')) ? 'none' : variants.join(',');
    weightsHashes.set(network, hash);
  }
  return hash;
}

/** What the engine is and which weights it loads: a change of any field makes every key new. */
export interface EngineIdentity {
  readonly engine: number;
  readonly source: string;
  readonly weights: string;
}

export function engineIdentity(network: string): EngineIdentity {
  return { engine: ACCURACY_ENGINE_VERSION, source: modelSourceHash(), weights: weightsHash(network) };
}

/**
 * The cache key of the accuracy engine's metrics (hardware accuracy and MAC error) of one configuration, as computed
 * for a caller of `wanted` (default: every metric): the accuracy proxy's part only where it is computed.
 */
export function accuracyEntryKey(network: Network, config: HardwareConfig, identity: EngineIdentity = engineIdentity(network.name), wanted?: readonly string[]): string {
  const { weights } = identity;
  const key = {
    engine: identity.engine,
    source: identity.source,
    network: sha256(JSON.stringify(network)),
    weights,
    // Without trained weights only the MAC error is computed: test samples, timesteps and the like do not split it.
    accuracy: weights === 'none' ? null : accuracyCacheKey(network, config),
    accuracySamples: weights === 'none' ? null : { count: config.accuracy.samples, seed: config.accuracy.seed },
    macError: macErrorCacheKey(network, config),
    // The accuracy proxy (stored with the metrics when computed) also reads snn.timesteps, which a network without
    // weights (its proxy still computed when its SNN graph runs) has in no other part of the key. Where it is not
    // computed (VGG, ResNet: NaN; a caller that does not read it) T is left out: until engine version 5 it was always
    // in, and the default search stored 240 entries for its 152 MAC-error designs, repeating the Monte Carlo per T.
    accuracyProxy: accuracyProxyKeyPart(network, config, wanted),
    macSamples: { count: config.accuracy.macSamples, seed: config.accuracy.seed },
  };
  return `cosearch/accuracy/${sha256(JSON.stringify(key))}`;
}

/** The cache key of a measurement stopped at its `wrong`-th wrong answer (`wrongAnswersToStop`, src/sim/accuracyResult.ts). */
export function stoppedEntryKey(
  network: Network, config: HardwareConfig, wrong: number, identity: EngineIdentity = engineIdentity(network.name), wanted?: readonly string[],
): string {
  return `${accuracyEntryKey(network, config, identity, wanted)}/stopped-at-wrong-${wrong}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
