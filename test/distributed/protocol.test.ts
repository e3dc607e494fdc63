/** The Redis backend's pure parts: URL parsing and redaction, the outcome encoding, the payload checks. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { codeFingerprint, validateSimulatorPayload, weightsFingerprint } from '../../src/app/index.js';
import { parseRedisUrl, redactedUrl, redactText } from '../../src/search/backend/redis/index.js';
import { asPayload, decodeOutcomes, encodeOutcomes, jobId, PROTOCOL_VERSION } from '../../src/search/backend/redis/payload.js';
import { lostJobId } from '../../src/search/backend/redis/consumer.js';
import { ErrorCode } from 'bullmq';

describe('backend URL', () => {
  it('parses host, port, database and TLS', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/3', { env: {} })).toEqual({ host: '10.0.0.5', port: 6380, db: 3, tls: false });
    expect(parseRedisUrl('rediss://cache.lab', { env: {} })).toEqual({ host: 'cache.lab', port: 6379, db: 0, tls: true });
  });
  it('takes the password from REDIS_URL (same host) or the password file, and never shows it', () => {
    const fromEnv = parseRedisUrl('redis://h:1', { env: { REDIS_URL: 'redis://:s3cret@h:1' } });
    expect(fromEnv.password).toBe('s3cret');
    expect(parseRedisUrl('redis://other:1', { env: { REDIS_URL: 'redis://:s3cret@h:1' } }).password).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-pw-')), 'pw');
    writeFileSync(file, 'filepass\nignored\n');
    expect(parseRedisUrl('redis://h:1', { env: {}, passwordFile: file }).password).toBe('filepass');
    expect(redactedUrl(fromEnv)).toBe('redis://h:1/0');
    expect(redactText('cannot reach redis://user:pw@h:1')).toBe('cannot reach redis://***@h:1');
  });
  it('refuses what is not a Redis URL with one line naming the flag, and never echoes a password', () => {
    expect(() => parseRedisUrl('http://h:1', { env: {} })).toThrow(/--backend: got protocol "http:", expected redis: or rediss:/);
    expect(() => parseRedisUrl('redis://h:1/99', { env: {} })).toThrow(/database "99" is not an integer in \[0, 15\]/);
    expect(() => parseRedisUrl('redis://:pw@', { env: {} })).toThrow(/^(?!.*pw@).*--backend/);
    expect(() => parseRedisUrl('redis://h:1', { env: {}, passwordFile: '/nonexistent/pw' })).toThrow('--backend-password-file /nonexistent/pw: no such file');
    // Through the safe-input layer (until 2026-12-07 readFileSync: /dev/zero crashed the process, a FIFO hung it).
    expect(() => parseRedisUrl('redis://h:1', { env: {}, passwordFile: '/dev/zero' })).toThrow('--backend-password-file /dev/zero: is a character device, expected a regular file');
  });
});

describe('job payloads and results', () => {
  it('carry NaN and infinities through JSON exactly, so CSVs stay byte-identical', () => {
    const outcomes = [{ metrics: { a: 0.1 + 0.2, b: Number.NaN, c: Infinity, d: -Infinity, e: 5e-324 } }, { error: 'RangeError: x' }];
    const back = decodeOutcomes(encodeOutcomes(outcomes));
    expect(back).toEqual(outcomes);
    expect(Object.is(back[0].metrics?.b, Number.NaN)).toBe(true);
  });
  it('carry the preformatted CSV cells of an outcome and refuse cells that would break a line', () => {
    const outcomes = [{ metrics: { energy_pJ: 1 }, csv: '1,2.5,,"a,b"' }, { error: 'RangeError: x', csv: ',,,' }];
    expect(decodeOutcomes(encodeOutcomes(outcomes))).toEqual(outcomes);
    expect(() => decodeOutcomes(JSON.stringify([{ metrics: {}, csv: '1\n2' }]))).toThrow(/CSV cells are not one line/);
    expect(() => decodeOutcomes(JSON.stringify([{ metrics: {}, csv: 3 }]))).toThrow(/CSV cells are not one line/);
  });
  it('name a job by its run and its chunk content', () => {
    expect(jobId('run', [{ a: 1 }])).toBe(jobId('run', [{ a: 1 }]));
    expect(jobId('run', [{ a: 1 }])).not.toBe(jobId('run', [{ a: 2 }]));
    expect(jobId('run', [{ a: 1 }])).not.toContain(':'); // BullMQ refuses ':' in custom ids
  });
  it('refuse data that is not a payload of this protocol', () => {
    const good = { protocol: PROTOCOL_VERSION, evaluator: 'simulator', context: { network: 'vgg9-cifar10', base: {} }, fingerprint: { version: '0', code: 'c', weights: 'w', networks: {} }, items: [{ 'adc.bits': 4 }] };
    expect(asPayload(good).items).toEqual([{ 'adc.bits': 4 }]);
    expect(() => asPayload({ ...good, protocol: 99 })).toThrow(/job protocol 99, this worker speaks 3/);
    expect(() => asPayload({ ...good, items: [{ 'adc.bits': { $gt: 1 } }] })).toThrow(/neither a number nor a string/);
    expect(() => asPayload({ ...good, fingerprint: {} })).toThrow(/no valid fingerprint/);
    expect(() => asPayload({ ...good, fingerprint: { version: '0', code: 'c', networks: {} } })).toThrow(/no valid fingerprint/); // no weights hash
  });
  it('check every configuration against the parameter registry before anything runs', () => {
    const payload = (items: Record<string, number | string>[], base: Record<string, unknown> = {}) =>
      asPayload({ protocol: PROTOCOL_VERSION, evaluator: 'simulator', context: { network: 'vgg9-cifar10', base }, fingerprint: { version: '0', code: 'c', weights: 'w', networks: {} }, items });
    expect(() => validateSimulatorPayload(payload([{ 'adc.bits': 4, network: 'vgg16-cifar10' }]))).not.toThrow();
    expect(() => validateSimulatorPayload(payload([{ 'adc.bitz': 4 }]))).toThrow(/job item 0: unknown parameter "adc.bitz"/);
    expect(() => validateSimulatorPayload(payload([{ 'adc.bits': 4 }], { 'device.kind': 'unobtainium' }))).toThrow(/job base: .*device.kind/);
  });
});

describe('the code fingerprint', () => {
  const tempDir = tempDirs('cosearch-fingerprint-');

  // The weights apart from the code (2026-12-06): a worker names retrained weights as such, not as another build.
  it('of the code differs when the code or a compiled WebAssembly kernel differs, that of the weights when the weights do', () => {
    const root = tempDir();
    const dirs = { root, code: join(root, 'src') };
    for (const dir of ['src', 'wasm/build', 'weights']) mkdirSync(join(root, dir), { recursive: true });
    const write = (file: string, text: string) => writeFileSync(join(root, file), text);
    write('src/sim.ts', 'export const x = 1;');
    write('wasm/build/crossbar.wasm', 'kernel 1');
    write('weights/net.json', '{}');
    const both = () => [codeFingerprint(dirs), weightsFingerprint(root)];
    const [code0, weights0] = both();
    expect(both()).toEqual([code0, weights0]);
    write('weights/net.json', '[]');
    const [code1, weights1] = both();
    expect(code1).toBe(code0);
    expect(weights1).not.toBe(weights0);
    const codes = [code1];
    for (const [file, text] of [['wasm/build/crossbar.wasm', 'kernel 2'], ['src/sim.ts', 'export const x = 2;']]) {
      write(file, text);
      codes.push(codeFingerprint(dirs));
      expect(weightsFingerprint(root)).toBe(weights1);
    }
    expect(new Set(codes).size).toBe(3);
  });
});

// A worker tells a job it no longer holds (Redis restarted without persistence, the job enqueued again) from a lost
// connection by these errors, as BullMQ builds them (its finishedErrors: message and code).
describe('a BullMQ error about a job this worker no longer holds', () => {
  const bullmqError = (message: string, code?: number) => Object.assign(new Error(message), code === undefined ? {} : { code });
  it.each([
    ['Missing key for job abc-1. moveToFinished', ErrorCode.JobNotExist],
    ['Missing lock for job abc-1. moveToFinished', ErrorCode.JobLockNotExist],
    // Until 2026-12-06 read as a lost connection: "cannot reach ... (Lock mismatch ...); retrying with backoff".
    ['Lock mismatch for job abc-1. Cmd moveToDelayed from active', ErrorCode.JobLockMismatch],
    ['could not renew lock for job abc-1', undefined],
  ])('%s: the job is lost, not the connection', (message, code) => {
    expect(lostJobId(bullmqError(message, code))).toBe('abc-1');
  });
  it('a connection error is not a lost job', () => {
    expect(lostJobId(bullmqError('connect ECONNREFUSED 127.0.0.1:6379'))).toBeUndefined();
  });
});
