/**
 * Hardware-accuracy throughput: test samples per second of functional inference through programmed crossbars,
 * 64x64 crossbars with every non-ideality on (read noise, 5-ohm wires, programming error, drift, stuck-at faults, the
 * default 5-bit converter), T = 4, default signed mapping (differential pair). One evaluation of 1,000 MLP samples
 * should take seconds.
 */
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { clearAccuracyCache, evaluateAccuracy } from '../src/sim/accuracy.js';

const ALL_ON = {
  'crossbar.size': 64, 'device.readNoiseSigma': 0.1, 'crossbar.rWire_ohm': 5, 'device.driftNu': 0.05, 'device.driftTime_s': 3600,
  'device.stuckAtRate': 0.01, 'device.programSigma': 0.05, 'adc.bits': 5, 'adc.rangeMode': 'clip', 'snn.timesteps': 4,
};

for (const [name, samples] of [['mlp-mnist', 1000], ['cnn-mnist', 200]] as const) {
  clearAccuracyCache();
  const config = applyOverrides(defaultConfig(), { ...ALL_ON, 'accuracy.samples': samples });
  const start = process.hrtime.bigint();
  const r = evaluateAccuracy(zooNetwork(name), config);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name}: ${samples} samples in ${seconds.toFixed(2)} s = ${(samples / seconds).toFixed(0)} samples/s ` +
    `(accuracy ${(100 * r.accuracy).toFixed(1)}% ± ${(100 * r.accuracy_ci95).toFixed(1)} pp, all non-idealities on)`);
}
