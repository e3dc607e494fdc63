/**
 * Single-thread training-cost evaluations per second (src/sim/training): the 5-layer N-MNIST MLP with BPTT and
 * SDFA, pipelined, next to the inference ELA of the same network (the training model calls it once per evaluation).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { evaluate } from '../src/sim/evaluate.js';
import { trainingCost } from '../src/sim/training/index.js';

const network = zooNetwork('nmnist-fc5');

function rate(label: string, run: () => number, seconds = 2): void {
  for (let i = 0; i < 500; i++) run(); // warm-up
  let n = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) for (let i = 0; i < 200; i++, n++) checksum += run();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label}: ${Math.round(n / elapsed).toLocaleString('en-US')} evaluations/s (${n} in ${elapsed.toFixed(2)} s, checksum ${checksum.toExponential(3)})`);
}

const at = (algorithm: string): HardwareConfig =>
  applyOverrides(defaultConfig(), { 'training.algorithm': algorithm, 'snn.timesteps': 10, 'arch.dataflow': 'pipelined' });
const bptt = at('bptt');
const sdfa = at('sdfa');
rate('nmnist-fc5 inference ELA', () => evaluate(network, sdfa).energy_pJ);
rate('nmnist-fc5 training cost, BPTT', () => trainingCost(network, bptt).energy_pJ_per_sample);
rate('nmnist-fc5 training cost, SDFA', () => trainingCost(network, sdfa).energy_pJ_per_sample);
