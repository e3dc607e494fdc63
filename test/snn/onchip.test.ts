import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import type { FrameSet } from '../../src/snn/data/frames.js';
import { generateFrames } from '../../src/snn/data/datasets.js';
import { learningDevice, pulseCurve, pulsePosition, type LearningDevice } from '../../src/snn/learn/devices.js';
import { DeviceSink, type OnChipSettings } from '../../src/snn/learn/onchip.js';
import { openTrainRun, runTraining, type TrainRunSpec } from '../../src/snn/learn/session.js';
import { decodeLearnedWeights } from '../../src/snn/learn/weightsFile.js';

const linear: LearningDevice = { ...learningDevice('ideal'), states: 11 };

describe('NeuroSim pulse curve', () => {
  it('G(p) = B(1 - e^(-p/A)) normalised: ends at 0 and 1, inverse is exact, linear when A is infinite', () => {
    const a = 0.5;
    expect(pulseCurve(0, a)).toBe(0);
    expect(pulseCurve(1, a)).toBeCloseTo(1, 12);
    expect(pulseCurve(0.5, a)).toBeCloseTo((1 - Math.exp(-1)) / (1 - Math.exp(-2)), 12);
    expect(pulsePosition(pulseCurve(0.3, a), a)).toBeCloseTo(0.3, 12);
    expect(pulseCurve(0.3, Infinity)).toBe(0.3);
  });
});

describe('device sink', () => {
  const sizes = [4, 1];
  const make = (device: LearningDevice) => {
    const w = [new Float32Array([0, 0, 0, 0])];
    return { sink: new DeviceSink({ device, weightRange: 2, feedbackRange: 3, seed: 1 }, sizes, w, new Float32Array([0.5, -7])), w };
  };

  it('a linear device moves by whole pulses of 2 w_max / P_max and keeps the remainder for later (mixed precision)', () => {
    const { sink, w } = make(linear);
    const step = (2 * (2 / Math.sqrt(4))) / 10; // w_max = 1, 10 pulses over [-1, 1]
    sink.apply(0, new Float32Array([0.5 * step, 1.5 * step, -2.2 * step, 3 * step]), w[0]);
    expect(Array.from(w[0]).map((v) => v / step)).toEqual([0, 1, -2, 3].map((n) => expect.closeTo(n, 5)));
    sink.apply(0, new Float32Array([0.5 * step, 0, 0, 0]), w[0]); // the kept half pulse completes one
    expect(w[0][0] / step).toBeCloseTo(1, 5);
    expect(sink.pulseCount[0]).toBe(7);
  });

  it('nonlinear LTP: the same pulse moves a cell less the higher it is (saturating curve)', () => {
    const device = { ...linear, states: 101, nonlinearityLtp: 2.4, normalizedALtp: 0.499181 };
    const { sink, w } = make(device);
    const step = 2 / 100;
    const rises: number[] = [];
    for (let k = 0; k < 4; k++) {
      const before = w[0][0];
      sink.apply(0, new Float32Array([20 * step, 0, 0, 0]), w[0]);
      rises.push(w[0][0] - before);
    }
    for (let k = 1; k < rises.length; k++) expect(rises[k]).toBeLessThan(rises[k - 1]);
  });

  it('B is programmed once: clipped to the feedback range and quantised to the device states', () => {
    const { sink } = make(linear);
    // 0.5 of range 3 -> x = 0.5833 -> nearest of 10 steps 0.6 -> 3 * (2 * 0.6 - 1) = 0.6; -7 clips to -3.
    expect(sink.feedback[0]).toBeCloseTo(0.6, 6);
    expect(sink.feedback[1]).toBeCloseTo(-3, 6);
  });
});

describe('training run folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const train: FrameSet = generateFrames('mnist-latency', 'train', 4, 64);
  const test: FrameSet = generateFrames('mnist-latency', 'test', 4, 32);
  const spec: TrainRunSpec = {
    network: 'mnist-fc2-small', dataset: 'mnist-latency', trainSamples: 64, testSamples: 32, command: 'test',
    options: { algorithm: 'sdfa', sizes: [784, 16, 10], timesteps: 4, epochs: 3, batchSize: 16, learningRate: 1e-2, finalLearningRateFraction: 0, seed: 3 },
    onChip: { device: learningDevice('hzo-fefet'), weightRange: 4, feedbackRange: 3, seed: 3 },
  };
  const results = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((r) => r.split(',').filter((_, i) => i !== 5 && i !== 6).join(','));

  it('an interrupted run resumed in its folder gives the rows of an uninterrupted run', async () => {
    await runTraining(openTrainRun(spec, join(dir, 'full')), train, test);
    // pulses_per_cell is each epoch's own (until 2026-12 it was the mean over the epochs so far): the rows add up to
    // the pulses per cell of the whole run, which the checkpoint counts.
    const raw = gunzipSync(readFileSync(join(dir, 'full', 'checkpoint.bin')));
    const { pulses } = JSON.parse(raw.toString('utf8', 4, 4 + raw.readUInt32LE(0))) as { pulses: number[] };
    const perEpoch = readFileSync(join(dir, 'full', 'epochs.csv'), 'utf8').trim().split('\n').slice(1).map((r) => Number(r.split(',')[7]));
    expect(perEpoch).toHaveLength(3);
    expect(perEpoch.reduce((a, b) => a + b, 0)).toBeCloseTo(pulses.reduce((a, b) => a + b, 0) / (784 * 16 + 16 * 10), 3);
    let ended = 0;
    await expect(runTraining(openTrainRun(spec, join(dir, 'cut')), train, test, {
      epochStart: () => undefined, batch: () => undefined,
      epochEnd: () => {
        if (++ended === 1) throw new Error('interrupted');
      },
    })).rejects.toThrow('interrupted');
    const resumed = await runTraining(openTrainRun(spec, join(dir, 'cut')), train, test);
    expect(resumed.resumedFrom).toBe(1);
    expect(results(join(dir, 'cut', 'epochs.csv'))).toEqual(results(join(dir, 'full', 'epochs.csv')));
    const { header, weights } = decodeLearnedWeights(readFileSync(join(dir, 'full', 'weights.snnw')), 'weights.snnw');
    expect(header.sizes).toEqual([784, 16, 10]);
    expect(header.command).toBe('test');
    expect(weights[0].length).toBe(784 * 16);
  });

  it('a stop mid-epoch drops that epoch (the folder keeps the last finished one) and the same run resumes to the uninterrupted rows', async () => {
    const cut = join(dir, 'stopped');
    // Asked once before each epoch, then after each of its 64 samples and 32 tests: the 180th ask is in epoch 2's test pass.
    let turns = 0;
    const stopped = await runTraining(openTrainRun(spec, cut), train, test, undefined, { shouldStop: () => ++turns >= 180, yieldEvery_ms: 0 });
    expect(stopped.stoppedIn).toBe(1);
    expect(stopped.rows).toHaveLength(1);
    expect(results(join(cut, 'epochs.csv'))).toEqual(results(join(dir, 'full', 'epochs.csv')).slice(0, 2));
    expect(decodeLearnedWeights(readFileSync(join(cut, 'weights.snnw')), 'weights.snnw').header.epochs).toBe(1);
    // Stopped in the middle of epoch 1's training samples: nothing but the manifest.
    turns = 0;
    const early = await runTraining(openTrainRun(spec, join(dir, 'early')), train, test, undefined, { shouldStop: () => ++turns >= 10, yieldEvery_ms: 0 });
    expect(early.stoppedIn).toBe(0);
    expect(readdirSync(join(dir, 'early'))).toEqual(['manifest.json']);
    const resumed = await runTraining(openTrainRun(spec, cut), train, test, undefined, { shouldStop: () => false });
    expect(resumed.resumedFrom).toBe(1);
    expect(resumed.stoppedIn).toBeUndefined();
    expect(results(join(cut, 'epochs.csv'))).toEqual(results(join(dir, 'full', 'epochs.csv')));
  });

  it('refuses to resume a folder that holds a run with other settings, naming the first that differs', () => {
    expect(() => openTrainRun({ ...spec, options: { ...spec.options, learningRate: 2e-2 } }, join(dir, 'full')))
      .toThrow(/other settings: learning\.learningRate 0\.01 but this run has 0\.02 \(--set learning\.learningRate=0\.01 resumes it\)/);
  });

  // Until 2026-12 each was an internal error with a stack (exit 2): JSON.parse's SyntaxError, zlib's errors.
  it('a damaged manifest.json or checkpoint.bin is refused in one line naming the file, the folder left as it was', () => {
    const damaged = (name: string, file: string, content: string | Buffer): string => {
      const folder = join(dir, name);
      cpSync(join(dir, 'full'), folder, { recursive: true });
      writeFileSync(join(folder, file), content);
      return folder;
    };
    const refusal = (folder: string) => {
      const before = readdirSync(folder).map((f) => readFileSync(join(folder, f), 'latin1'));
      let error: unknown;
      try {
        openTrainRun(spec, folder);
      } catch (e) {
        error = e;
      }
      expect(readdirSync(folder).map((f) => readFileSync(join(folder, f), 'latin1'))).toEqual(before);
      return error instanceof ConfigError ? error.message : error;
    };
    const notJson = damaged('manifest-text', 'manifest.json', 'not json\n');
    expect(refusal(notJson)).toBe(`${join(notJson, 'manifest.json')}: not valid JSON: unexpected character, expected a value at line 1, column 1`);
    const nul = damaged('manifest-null', 'manifest.json', 'null\n');
    expect(refusal(nul)).toBe(`${join(nul, 'manifest.json')}: got null, expected the JSON object cosearch train writes`);
    const checkpoint = readFileSync(join(dir, 'full', 'checkpoint.bin'));
    const cut = join(damaged('checkpoint-cut', 'checkpoint.bin', checkpoint.subarray(0, 100)), 'checkpoint.bin');
    expect(refusal(join(dir, 'checkpoint-cut'))).toBe(`${cut}: got a damaged checkpoint (unexpected end of file), ` +
      'expected the gzip checkpoint cosearch train writes (the run cannot be resumed from it)');
    const garbage = join(damaged('checkpoint-garbage', 'checkpoint.bin', 'garbage\n'), 'checkpoint.bin');
    expect(refusal(join(dir, 'checkpoint-garbage'))).toBe(`${garbage}: got a damaged checkpoint (incorrect header check), ` +
      'expected the gzip checkpoint cosearch train writes (the run cannot be resumed from it)');
  });

  // Until 2026-12-07 (QA trust25) a directory named manifest.json was an internal error (EISDIR, exit 2).
  it('a manifest.json or checkpoint.bin that is not a regular file is refused in one line naming it', () => {
    for (const file of ['manifest.json', 'checkpoint.bin']) {
      const folder = join(dir, `not-a-file-${file}`);
      cpSync(join(dir, 'full'), folder, { recursive: true });
      rmSync(join(folder, file));
      mkdirSync(join(folder, file));
      expect(() => openTrainRun(spec, folder)).toThrow(new ConfigError(`--out ${join(folder, file)}: is a directory, expected a regular file`));
    }
  });
});

describe('update fidelity falls with nonlinearity (NeuroSim device table)', () => {
  /** RMS gap between the weight a random walk of pulsed updates asks for and what the cell holds, in pulse steps. */
  const gap = (device: LearningDevice): number => {
    const w = [new Float32Array(64)];
    const sink = new DeviceSink({ device: { ...device, c2cSigma: 0 }, weightRange: 8, feedbackRange: 3, seed: 1 }, [64, 1], w, new Float32Array(1));
    const step = 2 / (device.states - 1); // w_max = 8 / sqrt(64) = 1
    const intended = new Float64Array(64);
    const delta = new Float32Array(64);
    let seed = 12345;
    for (let k = 0; k < 200; k++) {
      for (let i = 0; i < 64; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        delta[i] = ((seed % 7) - 3) * step; // -3 .. +3 pulses
        intended[i] = Math.max(-1, Math.min(1, intended[i] + delta[i]));
      }
      sink.apply(0, delta, w[0]);
    }
    let s = 0;
    for (let i = 0; i < 64; i++) s += ((w[0][i] - intended[i]) / step) ** 2;
    return Math.sqrt(s / 64);
  };

  it('linear < EpiRAM (0.5/-0.5) < HZO FeFET (1.75/1.46) < Ag:a-Si (2.4/-4.88) at the same 50 states', () => {
    const at50 = (name: string) => gap({ ...learningDevice(name), states: 50 });
    const gaps = [gap({ ...linear, states: 50 }), at50('epiram'), at50('hzo-fefet'), at50('ag-a-si')];
    expect(gaps[0]).toBeLessThan(1); // linear: only the held-back remainder (under one pulse per cell)
    for (let k = 1; k < gaps.length; k++) expect(gaps[k]).toBeGreaterThan(gaps[k - 1]);
  });
});

describe('update and write schemes', () => {
  const make = (device: LearningDevice, extra: Partial<OnChipSettings>) => {
    const w = [new Float32Array(4)];
    return { sink: new DeviceSink({ device, weightRange: 2, feedbackRange: 3, seed: 1, ...extra }, [4, 1], w, new Float32Array(1)), w };
  };
  const step = (2 * (2 / Math.sqrt(4))) / 10; // w_max = 1, 11 states: 10 pulses over [-1, 1]

  it("'rounded' (NeuroSim's truncate(x, P, 0.5)) rounds each update half away from zero and keeps no remainder", () => {
    const { sink, w } = make(linear, { updateScheme: 'rounded' });
    sink.apply(0, new Float32Array([0.49 * step, 0.5 * step, -1.5 * step, 2.4 * step]), w[0]);
    expect(Array.from(w[0]).map((v) => v / step)).toEqual([0, 1, -2, 2].map((n) => expect.closeTo(n, 5)));
    sink.apply(0, new Float32Array([0.49 * step, 0, 0, 0]), w[0]); // two 0.49 halves never make a pulse
    expect(w[0][0]).toBe(0);
    expect(sink.pulseCount[0]).toBe(5);
  });

  it("'verify' corrects a steep nonlinear step back to within half a local step; open-loop keeps the overshoot", () => {
    // PCMO-like convex LTD (normalised A = 0.1, negative label): at g = 0.5 one LTD pulse moves ~5 nominal steps.
    const device: LearningDevice = { ...linear, states: 101, nonlinearityLtd: -6.76, normalizedALtd: 0.100251 };
    const nominal = 1 / 100;
    const open = make(device, {});
    const verified = make(device, { writeScheme: 'verify', verifyIterations: 5 });
    const delta = new Float32Array([-10 * (2 / 100), 0, 0, 0]); // -10 nominal pulses (w_max = 1: one pulse = 0.02 of weight)
    open.sink.apply(0, delta, open.w[0]);
    verified.sink.apply(0, delta, verified.w[0]);
    const target = 0.5 - 10 * nominal; // g
    const g = (w: number) => (w + 1) / 2;
    // Open loop: 10 pulses down the convex curve from 0.5 land far below the target (hand value from the curve).
    const x0 = pulsePosition(0.5, 0.100251);
    expect(g(open.w[0][0])).toBeCloseTo(1 - pulseCurve(x0 + 0.1, 0.100251), 5);
    expect(target - g(open.w[0][0])).toBeGreaterThan(20 * nominal);
    // Verify: within half a local LTP step (the correcting direction) of the target, after extra pulses and reads.
    const localStep = pulseCurve(pulsePosition(g(verified.w[0][0]), Infinity) + nominal, Infinity) - g(verified.w[0][0]);
    expect(Math.abs(g(verified.w[0][0]) - target)).toBeLessThanOrEqual(localStep / 2 + 1e-6);
    expect(verified.sink.pulseCount[0]).toBeGreaterThan(10);
    expect(verified.sink.verifyReads[0]).toBeGreaterThan(0);
  });
});
