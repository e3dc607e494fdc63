/**
 * Single-thread evaluations per second of vgg16-cifar10 through the energy-latency-area engine
 * (target >= 20,000/s, issue 2): default configuration, and configurations with per-layer overrides as
 * search proposes them (built once, outside the timed loop).
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { evaluate } from '../src/sim/evaluate.js';

const network = zooNetwork('vgg16-cifar10');

function rate(label: string, configs: readonly HardwareConfig[], seconds = 2): void {
  for (let i = 0; i < 2000; i++) evaluate(network, configs[i % configs.length]); // warm-up
  let n = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 500; i++, n++) checksum += evaluate(network, configs[n % configs.length]).energy_pJ;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label}: ${Math.round(n / elapsed).toLocaleString('en-US')} evaluations/s (${n} in ${elapsed.toFixed(2)} s, checksum ${checksum.toExponential(3)})`);
}

rate('vgg16-cifar10, default configuration', [defaultConfig()]);
const layered: HardwareConfig[] = [];
const names = network.layers.filter((l) => l.kind === 'conv' || l.kind === 'linear').map((l) => l.name);
for (let k = 0; k < 64; k++) {
  const overrides: Record<string, number | string> = {};
  names.forEach((name, j) => {
    overrides[`layers.${name}.device.bitsPerCell`] = 1 + ((k + j) % 8);
    overrides[`layers.${name}.adc.bits`] = 2 + ((k * 3 + j) % 7);
    overrides[`layers.${name}.crossbar.size`] = [32, 64, 128][(k + 2 * j) % 3];
  });
  layered.push(applyOverrides(defaultConfig(), overrides));
}
rate('vgg16-cifar10, 48 per-layer overrides', layered);
