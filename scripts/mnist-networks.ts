/**
 * The network scripts/train.ts trains on MNIST: a zoo name (src/model/zoo.ts is authoritative for their shapes) or a
 * network JSON file, as `cosearch evaluate --network` takes it (src/model/load.ts loadNetwork).
 */
import { ConfigError } from '../src/core/errors.js';
import { formatShape, shapeSize } from '../src/model/resolve.js';
import { loadNetwork } from '../src/model/load.js';
import { ZOO_NAMES } from '../src/model/zoo.js';
import type { Network } from '../src/model/types.js';

/** MNIST's image: 28 x 28 grey pixels. */
const MNIST_PIXELS = 28 * 28;

export async function mnistNetwork(name: string): Promise<Network> {
  return loadNetwork(name);
}

/**
 * The network `--network` names and where its weights go: a zoo name writes weights/<name>.json unless `--out`; a file
 * must say `--out` (its name may be a shipped network's, whose weights a default path would replace) and take MNIST's
 * 784 pixels. The weights carry the network's own name, which `cosearch evaluate --weights` checks against --network.
 */
export async function trainingNetwork(arg: string, out: string | undefined): Promise<{ network: Network; out: string | undefined }> {
  const network = await mnistNetwork(arg);
  if (ZOO_NAMES.includes(arg)) return { network, out };
  if (shapeSize(network.input) !== MNIST_PIXELS) {
    throw new ConfigError(`--network ${arg}: input: got ${formatShape(network.input)}, expected ${MNIST_PIXELS} values (MNIST's 1x28x28: scripts/train.ts trains on MNIST)`);
  }
  if (out === undefined) throw new ConfigError(`--network ${arg}: got a network file and no --out, expected --out FILE for its weights (cosearch-snn-weights/1 JSON)`);
  return { network, out };
}
