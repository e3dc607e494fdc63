/**
 * A configuration may name its network: a search space over several networks searches the reserved
 * override path `network` next to the hardware parameters. These helpers split it off and load each network
 * once, so every engine that takes overrides (search workers, the report's re-evaluation) picks the same one.
 */
import { NETWORK_COLUMN } from '../util/networkColumn.js';
import { loadNetwork } from './load.js';
import type { Network } from './types.js';

/** The overrides without the network choice, and that choice (undefined when the configuration sets none). */
export function splitNetworkOverride<V>(overrides: Readonly<Record<string, V>>): { network?: string; rest: Readonly<Record<string, V>> } {
  if (!(NETWORK_COLUMN in overrides)) return { rest: overrides };
  const { [NETWORK_COLUMN]: network, ...rest } = overrides;
  return { network: String(network), rest };
}

/** loadNetwork with a per-loader cache: each name or path is parsed and resolved once. */
export function networkLoader(): (nameOrPath: string) => Network {
  const cache = new Map<string, Network>();
  return (nameOrPath) => {
    let network = cache.get(nameOrPath);
    if (!network) {
      network = loadNetwork(nameOrPath);
      cache.set(nameOrPath, network);
    }
    return network;
  };
}
