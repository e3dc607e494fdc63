/**
 * The hand-checked network of the ELA tests: 100 inputs -> fc1 (40) -> fc2 (10), small enough to count its crossbar
 * reads, conversions and LIF updates by hand (test/sim/ela.test.ts "fc2: exact counts by hand").
 */
import { resolveNetwork } from '../../src/model/index.js';

export const HAND_NETWORK = resolveNetwork({
  name: 'hand',
  input: { channels: 100, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc1', outFeatures: 40 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }],
});
