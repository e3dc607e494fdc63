import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, decodeFrameSet, encodeFrameSet } from '../../src/snn/data/cache.js';
import { checkDataset, generateFrames, loadFrames, loadFramesStoppable } from '../../src/snn/data/datasets.js';
import type { FrameSet } from '../../src/snn/data/frames.js';
import { DEFAULT_DVS, SACCADE_INPUTS, saccadeEvents, sensorOffset } from '../../src/snn/data/saccade.js';
import { loadMnist, sampleImage } from '../../src/snn/mnist.js';

function checksum(s: FrameSet): string {
  const h = createHash('sha256');
  for (const a of [s.labels, s.offsets, s.index, s.value]) h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex').slice(0, 16);
}

describe('saccade-mnist', () => {
  it('is identical on every machine: checksum of the first 3 training samples (T = 10, equal event counts)', () => {
    const s = generateFrames('saccade-mnist', 'train', 10, 3);
    expect(s.inputs).toBe(SACCADE_INPUTS);
    expect(Array.from(s.labels)).toEqual([5, 0, 4]);
    expect(checksum(s)).toBe('6a49b416f1641671');
  });

  it('frames by event count hold equal counts (the last takes the remainder); frames by time cover the same events', () => {
    const image = sampleImage(loadMnist('train'), 0);
    const ev = saccadeEvents(image, 28, 'saccade-mnist:train:0');
    const byNumber = generateFrames('saccade-mnist', 'train', 10, 1);
    const byTime = generateFrames('saccade-mnist-time', 'train', 10, 1);
    const sums = (s: FrameSet) => Array.from({ length: 10 }, (_, t) => {
      let c = 0;
      for (let e = s.offsets[t]; e < s.offsets[t + 1]; e++) c += s.value[e];
      return c;
    });
    const per = Math.floor(ev.count / 10);
    expect(sums(byNumber)).toEqual([...Array(9).fill(per), ev.count - 9 * per]);
    expect(sums(byTime).reduce((a, b) => a + b)).toBe(ev.count);
    expect(ev.count).toBeGreaterThan(1000);
  });

  it('the sensor path is three straight saccades over a triangle that returns to its start', () => {
    const p = DEFAULT_DVS;
    expect(sensorOffset(p, 0)).toEqual([0, 0]);
    expect(sensorOffset(p, 100)[0]).toBeCloseTo(3, 12);
    expect(sensorOffset(p, 300)[0]).toBeCloseTo(0, 12);
    expect(sensorOffset(p, 300)[1]).toBeCloseTo(0, 12);
  });

  it('a blank image gives background noise only, and more contrast mismatch never changes the count of a still scene', () => {
    const blank = new Uint8Array(784);
    const ev = saccadeEvents(blank, 28, 'blank');
    // 0.1 Hz per pixel x 2312 / 2 pixels x 0.3 s = ~35 events expected.
    expect(ev.count).toBeGreaterThan(10);
    expect(ev.count).toBeLessThan(80);
  });
});

describe('rate and latency codes, and the cache', () => {
  it('checksums of the first 3 samples', () => {
    expect(checksum(generateFrames('mnist-rate', 'train', 10, 3))).toBe('e9fd9de1947218b6');
    expect(checksum(generateFrames('mnist-latency', 'train', 10, 3))).toBe('de9559aade28c998');
  });

  it('latency code: one spike per lit pixel, brighter first', () => {
    const s = generateFrames('mnist-latency', 'train', 10, 1);
    const image = sampleImage(loadMnist('train'), 0);
    expect(s.offsets[10]).toBe(image.filter((v) => v > 0).length);
    // Frame 0 holds exactly the saturated pixels (I = 1 -> t = 0) and those within half a step of it.
    const first = new Set(Array.from(s.index.subarray(s.offsets[0], s.offsets[1])));
    for (let i = 0; i < 784; i++) if (image[i] === 255) expect(first.has(i)).toBe(true);
  });

  const dir = mkdtempSync(join(tmpdir(), 'cosearch-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the cache folder (COSEARCH_CACHE_DIR), atomically written', () => {
    const before = process.env.COSEARCH_CACHE_DIR;
    process.env.COSEARCH_CACHE_DIR = dir;
    try {
      expect(cacheDir()).toBe(dir);
      const first = loadFrames('mnist-latency', 'validation', 4, 5);
      const again = loadFrames('mnist-latency', 'validation', 4, 5);
      expect(checksum(again)).toBe(checksum(first));
      expect(checksum(first)).toBe(checksum(generateFrames('mnist-latency', 'validation', 4, 5)));
      const files = readdirSync(join(dir, 'mnist-latency-v1', 'T4'));
      expect(files).toEqual(['validation-000.bin.gz']);
    } finally {
      if (before === undefined) delete process.env.COSEARCH_CACHE_DIR;
      else process.env.COSEARCH_CACHE_DIR = before;
    }
    const s = generateFrames('mnist-rate', 'test', 3, 2);
    expect(checksum(decodeFrameSet(encodeFrameSet(s), 'mem'))).toBe(checksum(s));
  });

  it('a stoppable load (a turn before every sample here) gives the same bytes; stopped, it caches whole chunks only and a rerun continues to the same bytes', async () => {
    const before = process.env.COSEARCH_CACHE_DIR;
    process.env.COSEARCH_CACHE_DIR = join(dir, 'stoppable');
    try {
      let turns = 0;
      const stopped = await loadFramesStoppable('mnist-latency', 'validation', 4, 1005, { shouldStop: () => ++turns > 1002, yieldEvery_ms: 0 });
      // Turns 1-1000 before the samples of chunk 0 (then written whole), turn 1003 before sample 1002 of chunk 1.
      expect(stopped.stopped).toEqual({ n: 1005, sample: 1002, of: 2000, generating: true, cached: 1000 });
      expect(readdirSync(join(dir, 'stoppable', 'mnist-latency-v1', 'T4'))).toEqual(['validation-000.bin.gz']);
      const resumed = await loadFramesStoppable('mnist-latency', 'validation', 4, 1005, { shouldStop: () => false, yieldEvery_ms: 0 });
      const whole = checksum(generateFrames('mnist-latency', 'validation', 4, 1005));
      expect(checksum(resumed.frames!)).toBe(whole);
      expect(checksum(loadFrames('mnist-latency', 'validation', 4, 1005))).toBe(whole);
      expect(readdirSync(join(dir, 'stoppable', 'mnist-latency-v1', 'T4'))).toEqual(['validation-000.bin.gz', 'validation-001.bin.gz']);
      // Reading cached chunks: a turn after each, a stop there counts the chunk read.
      const reading = await loadFramesStoppable('mnist-latency', 'validation', 4, 1005, { shouldStop: () => true, yieldEvery_ms: 0 });
      expect(reading.stopped).toEqual({ n: 1005, sample: 1000, of: 2000, generating: false, cached: 1000 });
    } finally {
      if (before === undefined) delete process.env.COSEARCH_CACHE_DIR;
      else process.env.COSEARCH_CACHE_DIR = before;
    }
  });

  it('refuses an empty COSEARCH_CACHE_DIR instead of falling back to the default cache', () => {
    const before = process.env.COSEARCH_CACHE_DIR;
    process.env.COSEARCH_CACHE_DIR = '';
    try {
      expect(() => cacheDir()).toThrow('COSEARCH_CACHE_DIR: got "", expected a directory path or unset');
    } finally {
      if (before === undefined) delete process.env.COSEARCH_CACHE_DIR;
      else process.env.COSEARCH_CACHE_DIR = before;
    }
  });

  it('refuses an unknown dataset with a suggestion', () => {
    expect(() => checkDataset('saccade-mnst')).toThrow(/did you mean "saccade-mnist"/);
  });
});
