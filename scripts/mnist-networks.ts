/** The two MNIST networks, from the zoo (src/model/zoo.ts is authoritative for their shapes). */
import { zooNetwork } from '../src/model/zoo.js';
import type { NetworkLike } from '../src/snn/graph.js';

export async function mnistNetwork(name: string): Promise<NetworkLike> {
  return zooNetwork(name);
}
