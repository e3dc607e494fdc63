import { describe, expect, it } from 'vitest';
import { buildSnnGraph, parseWeights, quantizeLayer, serializeWeights } from '../../src/snn/index.js';
import { snnGraphRefusal } from '../../src/snn/graph.js';
import { ZOO_NAMES } from '../../src/model/index.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { ConfigError } from '../../src/core/errors.js';

describe('buildSnnGraph', () => {
  it('snnGraphRefusal (no tables built) says exactly what buildSnnGraph throws, for every zoo network', () => {
    for (const name of ZOO_NAMES) {
      const net = zooNetwork(name);
      let thrown: string | undefined;
      try {
        buildSnnGraph(net);
      } catch (e) {
        thrown = (e as Error).message;
      }
      expect(snnGraphRefusal(net), name).toBe(thrown);
    }
    expect(ZOO_NAMES.filter((n) => snnGraphRefusal(zooNetwork(n)) !== undefined).length).toBeGreaterThan(0);
  });

  it('compiles a 3x3 conv with padding into the im2col gather table (HWC, rows ky,kx,c)', () => {
    const g = buildSnnGraph({ name: 'c', input: { channels: 2, height: 3, width: 3 },
      layers: [{ kind: 'conv', name: 'c1', outChannels: 4, kernel: 3, padding: 1 }] });
    const op = g.weightOps[0];
    expect([op.positions, op.fanIn, op.fanOut, op.outSize]).toEqual([9, 18, 4, 36]);
    // Output (0,0): kernel (0,0) falls outside -> -1; kernel (1,1) channel 1 is input (0,0) channel 1 -> index 1.
    expect(op.gather[0]).toBe(-1);
    expect(op.gather[(1 * 3 + 1) * 2 + 1]).toBe(1);
    // Output (1,1) (position 4): kernel (2,2) channel 0 is input (2,2) -> (2*3+2)*2 = 16.
    expect(op.gather[4 * 18 + (2 * 3 + 2) * 2]).toBe(16);
  });

  it('uses the zoo shapes of the MNIST networks', () => {
    const mlp = buildSnnGraph(zooNetwork('mlp-mnist'));
    expect(mlp.weightOps.map((o) => [o.fanIn, o.fanOut, o.positions])).toEqual([[784, 256, 1], [256, 10, 1]]);
    const cnn = buildSnnGraph(zooNetwork('cnn-mnist'));
    expect(cnn.weightOps.map((o) => [o.fanIn, o.fanOut, o.positions])).toEqual([[25, 16, 576], [400, 32, 64], [512, 10, 1]]);
    expect(cnn.ops.filter((o) => o.kind === 'pool').map((o) => o.outSize)).toEqual([16 * 12 * 12, 32 * 4 * 4]);
  });

  it('follows the declared pool kind: max pools are OR pools, average pools of spikes are rejected', () => {
    const net = (mode: 'max' | 'avg') => ({ name: 'p', input: { channels: 1, height: 4, width: 4 },
      layers: [{ kind: 'conv' as const, name: 'c', outChannels: 1, kernel: 1 }, { kind: 'pool' as const, name: 'p1', mode, kernel: 2 },
        { kind: 'linear' as const, name: 'fc', outFeatures: 2 }] });
    expect(buildSnnGraph(net('max')).ops.filter((o) => o.kind === 'pool').map((o) => o.outSize)).toEqual([4]);
    expect(() => buildSnnGraph(net('avg'))).toThrow(ConfigError);
    expect(() => buildSnnGraph(net('avg'))).toThrow(/pool mode "avg", expected "max"/);
    expect(zooNetwork('cnn-mnist').layers.filter((l) => l.kind === 'pool').map((l) => (l as { mode: string }).mode)).toEqual(['max', 'max']);
  });

  it('rejects residual adds with a ConfigError', () => {
    expect(() => buildSnnGraph({ name: 'r', input: { channels: 1, height: 2, width: 2 },
      layers: [{ kind: 'conv', name: 'a', outChannels: 1, kernel: 1 }, { kind: 'add', name: 'x', from: 'a' },
        { kind: 'linear', name: 'o', outFeatures: 2 }] })).toThrow(ConfigError);
  });
});

describe('weights file', () => {
  it('round-trips integers and scales exactly', () => {
    const w = Float32Array.from([0.5, -0.25, 0.125, -0.5, 0.01, 0.3]);
    const layer = quantizeLayer('fc', 3, 2, w, 8);
    expect(Array.from(layer.q)).toEqual([127, -64, 32, -127, 3, 76]);
    const text = serializeWeights({ network: 'n', weightBits: 8, lif: { leak: 0.9, threshold: 1, reset: 'subtract' }, trainedTimesteps: 4,
      training: { seed: 1 }, layers: [layer] });
    const back = parseWeights(text);
    expect(Array.from(back.layers[0].q)).toEqual(Array.from(layer.q));
    expect(back.layers[0].weightScale).toBe(layer.weightScale);
    // The scale is exactly representable with few significant bits, so q * scale is an exact float32.
    for (const q of layer.q) expect(Math.fround(q * layer.weightScale)).toBe(q * layer.weightScale);
  });
});

const ADCLESS_TRAINING = { crossbarRows: 64, gain: 0.5, surrogateWidth: 1, rampStartEpoch: 0, rampEndEpoch: 2 };

describe('parseWeights', () => {
  it('names the field of a malformed weights file instead of failing on it later', () => {
    expect(() => parseWeights('[]', 'w.json')).toThrow('w.json: got [], expected a weights object');
    // The format field named, its value quoted, nothing when absent (`got format undefined` until 2026-12-07).
    expect(() => parseWeights('{"adc": {"bits": 6}}', 'w.json')).toThrow('w.json: format: got nothing, expected "cosearch-snn-weights/1" (a weights file scripts/train.ts writes)');
    expect(() => parseWeights('{"format": {"v": 1}}', 'w.json')).toThrow('w.json: format: got {"v":1}, expected "cosearch-snn-weights/1"');
    expect(() => parseWeights(JSON.stringify({ format: 'cosearch-snn-weights/1', layers: 3 }), 'w.json')).toThrow('w.json: layers: got 3');
    expect(() => parseWeights(JSON.stringify({ format: 'cosearch-snn-weights/1', layers: [], lif: { leak: 0.9 } }), 'w.json'))
      .toThrow('w.json: lif: got {"leak":0.9}, expected { leak, threshold, reset }');
  });

  it('refuses a file whose values would give a wrong accuracy silently (each edit of a valid file, named)', () => {
    const layer = quantizeLayer('fc', 3, 2, Float32Array.from([0.5, -0.25, 0.125, -0.5, 0.01, 0.3]), 4);
    const valid = JSON.parse(serializeWeights({ network: 'n', weightBits: 4, lif: { leak: 0.9, threshold: 1, reset: 'subtract' },
      trainedTimesteps: 4, training: {}, layers: [layer] })) as Record<string, unknown> & { layers: Record<string, unknown>[] };
    expect(parseWeights(JSON.stringify(valid), 'w.json').layers[0].q).toEqual(Int32Array.from([7, -4, 2, -7, 0, 4]));
    const edited = (top: Record<string, unknown>, layerEdit: Record<string, unknown> = {}) =>
      JSON.stringify({ ...valid, ...top, layers: [{ ...valid.layers[0], ...layerEdit }] });
    const refusals: [string, string][] = [
      [edited({}, { weightScale: null }), 'w.json: layer fc: weightScale: got null, expected a finite number > 0'],
      [edited({}, { weightScale: 'x' }), 'w.json: layer fc: weightScale: got "x", expected a finite number > 0'],
      [edited({}, { weightScale: -0.1 }), 'w.json: layer fc: weightScale: got -0.1, expected a finite number > 0'],
      [edited({}, { weightScale: 0 }), 'w.json: layer fc: weightScale: got 0, expected a finite number > 0 (0 only for a layer of zeros; weight 0 is 7)'],
      [edited({}, { name: '' }), 'w.json: layers[0].name: got "", expected the layer\'s name'],
      [edited({}, { fanIn: 2.5 }), 'w.json: layer fc: fanIn: got 2.5, expected a positive integer'],
      [edited({}, { encoding: 'int4' }), 'w.json: layer fc: encoding: got "int4", expected "int8-base64" or "int16le-base64"'],
      [edited({ weightBits: 'abc' }), 'w.json: weightBits: got "abc", expected an integer in [1, 16]'],
      [edited({ weightBits: 0 }), 'w.json: weightBits: got 0, expected an integer in [1, 16]'],
      // 7 and -7 do not fit 3-bit weights ([-4, 3]).
      [edited({ weightBits: 3 }), 'w.json: layer fc: weight 0: got 7, expected an integer in [-4, 3] (weightBits 3)'],
      [edited({ trainedTimesteps: undefined }), 'w.json: trainedTimesteps: got nothing, expected a positive integer'],
      [edited({ network: 3 }), 'w.json: network: got 3, expected the network\'s name'],
      // 1e999 in the file parses as Infinity (accepted until 2026-12-06).
      [edited({ adcLess: { ...ADCLESS_TRAINING, gain: 12345 } }).replace('12345', '1e999'), 'w.json: adcLess.gain: got Infinity, expected a finite positive number'],
      // The LIF values named the field but not the file until 2026-12-06.
      [edited({ lif: { leak: 1.5, threshold: 1, reset: 'subtract' } }), 'w.json: lif.leak: got 1.5, expected a number in (0, 1]'],
      // ADC-less settings were only type-checked until 2026-12-05: a gain of -1 failed later without the file or the
      // field (a sense value of -3.06), and -5 or 1.5 rows were measured and noted as trained.
      ...([[{ gain: -1 }, 'gain: got -1, expected a finite positive number'], [{ gain: 0 }, 'gain: got 0, expected a finite positive number'],
        [{ crossbarRows: 0 }, 'crossbarRows: got 0, expected a positive integer'], [{ crossbarRows: -5 }, 'crossbarRows: got -5, expected a positive integer'],
        [{ crossbarRows: 1.5 }, 'crossbarRows: got 1.5, expected a positive integer']] as const)
        .map(([edit, why]): [string, string] => [edited({ adcLess: { ...ADCLESS_TRAINING, ...edit } }), `w.json: adcLess.${why}`]),
    ];
    for (const [text, message] of refusals) expect(() => parseWeights(text, 'w.json'), message).toThrow(message);
    expect(parseWeights(edited({ adcLess: ADCLESS_TRAINING }), 'w.json').adcLess).toEqual(ADCLESS_TRAINING);
    // 1-bit weights: quantizeValue's range is [-2, 1] (levels max(2^0 - 1, 1) = 1), and a file of them reads back.
    const oneBit = quantizeLayer('fc', 2, 2, Float32Array.from([-0.9, 0.9, 0, 0.1]), 1);
    expect(Array.from(oneBit.q)).toEqual([-1, 1, 0, 0]);
    const oneBitText = serializeWeights({ network: 'n', weightBits: 1, lif: { leak: 0.9, threshold: 1, reset: 'subtract' }, trainedTimesteps: 4, training: {}, layers: [oneBit] });
    expect(Array.from(parseWeights(oneBitText, 'w.json').layers[0].q)).toEqual([-1, 1, 0, 0]);
    // A layer of zeros keeps quantizeValue's scale 0.
    const zeros = quantizeLayer('fc', 3, 2, new Float32Array(6), 4);
    expect(zeros.weightScale).toBe(0);
    expect(parseWeights(edited({}, { weightScale: 0, data: Buffer.from(new Int8Array(6).buffer).toString('base64') }), 'w.json').layers[0].weightScale).toBe(0);
  });
});
