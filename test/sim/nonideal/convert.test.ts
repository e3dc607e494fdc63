/**
 * The fused read loop (convert.ts) and the shared programming (retarget, the MAC-error proxy cache) are speed-ups
 * only: these tests pin that they give the very numbers of the plain path.
 */
import { describe, expect, it } from 'vitest';
import { digitizeColumns, SAR, SENSEAMP } from '../../../src/hardware/components/adc/index.js';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { convertColumns } from '../../../src/sim/nonideal/convert.js';
import { programLayer } from '../../../src/sim/nonideal/layer.js';
import { clearMacErrorCache, networkMacError } from '../../../src/sim/nonideal/macError.js';
import { createRng } from '../../../src/util/rng.js';

/** digitizeColumns, then the shift-and-add the layer did before the fused loop. */
function reference(conv: Parameters<typeof digitizeColumns>[0], values: Float64Array, sigma: Float64Array | null, draws: Float64Array | null,
  outputs: number, slices: number, sliceWeight: Float64Array, planeWeight: number): Float64Array {
  const cols = outputs * slices;
  const noisy = Float64Array.from(values.subarray(0, cols), (v, c) => (sigma && draws ? v + sigma[c] * draws[c] : v));
  const q = new Float64Array(cols);
  digitizeColumns(conv, noisy, cols, slices, null, q);
  const digital = new Float64Array(outputs).fill(0.25);
  for (let o = 0; o < outputs; o++) {
    let sum = 0;
    for (let s = 0; s < slices; s++) sum += q[o * slices + s] * sliceWeight[s];
    digital[o] += sum * planeWeight;
  }
  return digital;
}

describe('convertColumns', () => {
  const outputs = 40;
  const slices = 3;
  const rng = createRng('convert');
  const values = Float64Array.from({ length: outputs * slices }, () => 40 * (rng.next() - 0.5));
  // Values on rounding boundaries and exact zeros as well.
  values[0] = 0.5;
  values[1] = -0.5;
  values[2] = 0;
  values[3] = 14.5;
  const sigma = Float64Array.from(values, () => rng.next());
  const draws = Float64Array.from(values, () => rng.normal());
  const sliceWeight = Float64Array.from([1, 8, 64]);
  const converters = {
    'bipolar 5-bit clip': SAR.functional({ bits: 5, rangeMode: 'clip' }, 64, 3, { bipolar: true }),
    'bipolar 1-bit (sign only)': SAR.functional({ bits: 1, rangeMode: 'clip' }, 64, 3, { bipolar: true }),
    'bipolar 6-bit full range': SAR.functional({ bits: 6, rangeMode: 'full' }, 64, 3, { bipolar: true }),
    'unipolar 4-bit clip': SAR.functional({ bits: 4, rangeMode: 'clip' }, 64, 3, {}),
    'unipolar 7-bit full range': SAR.functional({ bits: 7, rangeMode: 'full' }, 100, 3, {}),
    'sense amplifier, bipolar': SENSEAMP.functional({ bits: 1, rangeMode: 'clip' }, 64, 3, { bipolar: true, senseValue: 3 }),
    'sense amplifier, unipolar': SENSEAMP.functional({ bits: 1, rangeMode: 'clip' }, 64, 3, {}),
  };
  for (const [name, conv] of Object.entries(converters)) {
    for (const noisy of [false, true]) {
      it(`equals digitizeColumns + shift-add exactly: ${name}${noisy ? ', with read noise' : ''}`, () => {
        const digital = new Float64Array(outputs).fill(0.25);
        const read = { values, sigma: noisy ? sigma : null, draws: noisy ? draws : null };
        convertColumns(conv, read, 4, null, { outputs, slices, sliceWeight, digital, quantized: new Float64Array(outputs * slices) });
        expect(Array.from(digital)).toEqual(Array.from(reference(conv, values, read.sigma, read.draws, outputs, slices, sliceWeight, 4)));
      });
    }
  }
});

describe('retarget (programming shared across converters)', () => {
  const inputs = 150;
  const outputs = 24;
  const rng = createRng('retarget');
  const w = Float32Array.from({ length: inputs * outputs }, () => rng.normal());
  const xs = Array.from({ length: 3 }, () => Float32Array.from({ length: inputs }, () => (rng.next() < 0.3 ? rng.next() : 0)));
  for (const noise of [0.1, 0]) {
    it(`reads exactly as a layer programmed for the other converter (read noise ${noise})`, () => {
      const base = { 'device.readNoiseSigma': noise, 'crossbar.rWire_ohm': 5, 'device.driftTime_s': 3600, 'device.stuckAtRate': 0.01 };
      const a = applyOverrides(defaultConfig(), { ...base, 'adc.bits': 4 });
      const b = applyOverrides(defaultConfig(), { ...base, 'adc.bits': 7, 'adc.rangeMode': 'full' });
      const hwA = layerHardware(a, { index: 0, name: 'l' });
      const hwB = layerHardware(b, { index: 0, name: 'l' });
      const first = programLayer(w, inputs, outputs, hwA, a, 's', { directInput: true });
      const shared = first.retarget(hwB.adc);
      const fresh = programLayer(w, inputs, outputs, hwB, b, 's', { directInput: true });
      const [y1, y2, y3] = [new Float32Array(outputs), new Float32Array(outputs), new Float32Array(outputs)];
      xs.forEach((x, k) => {
        for (const l of [first, shared, fresh]) l.reseedNoise(String(k));
        first.mvm(x, y1); // fills the shared read cache with converter A's digital sums first
        shared.mvm(x, y2);
        fresh.mvm(x, y3);
        expect(Array.from(y2)).toEqual(Array.from(y3));
        expect(Array.from(y1)).not.toEqual(Array.from(y3));
      });
    });
  }
});

describe('the MAC-error proxy cache', () => {
  it('returns the numbers of a cold run, also for a design that differs only in its converter', () => {
    const net = zooNetwork('vgg16-cifar10');
    const designs = [{ 'adc.bits': 4 }, { 'adc.bits': 6 }, { 'adc.bits': 6, 'device.bitsPerCell': 5 }, { 'adc.kind': 'flash', 'adc.bits': 3 }];
    const warm = designs.map((d) => networkMacError(net, applyOverrides(defaultConfig(), d), 'cache', 8));
    const cold = designs.map((d) => {
      clearMacErrorCache();
      return networkMacError(net, applyOverrides(defaultConfig(), d), 'cache', 8);
    });
    expect(warm).toEqual(cold);
    expect(warm[0].macError_rms).not.toEqual(warm[1].macError_rms);
  });
});
