import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/index.js';
import { parseManifest, readManifest, writeManifest, type RunManifest } from '../../../src/io/run/index.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const complete: RunManifest = {
  space: 's', spaceFile: 's.json', network: 'mlp-mnist', packageVersion: '0.1.0', seed: 1,
  strategy: { name: 'nsga2', settings: { populationSize: 8 } }, budget: { evaluations: 16 }, workers: 2,
  parameters: [{ name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [4, 6] }],
  base: { 'snn.timesteps': 4 }, objectives: [{ metric: 'energy_pJ', sense: 'min' }], constraints: [{ metric: 'area_mm2', max: 60 }],
  fingerprint: 'abc', startedAt: '2026-12-02T00:00:00.000Z', status: 'completed', evaluations: 16, failedEvaluations: 0,
  feasibleEvaluations: 16, paretoSize: 3, hypervolumeByGeneration: [{ generation: 0, evaluations: 8, hypervolume: 1 }],
};

/** The one-line error of a manifest with `change` applied. */
function problem(change: Record<string, unknown>): string {
  try {
    parseManifest(JSON.stringify({ ...complete, ...change }), 'm.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return 'no error';
}

describe('the run manifest', () => {
  it('reads back what it writes', () => {
    const folder = mkdtempSync(join(root, 'run-'));
    writeManifest(folder, complete);
    expect(readManifest(folder)).toEqual(complete);
  });

  it('names the file and the field of a malformed manifest, in one line', () => {
    expect(problem({ status: 'done' })).toBe('m.json: status: got "done", expected "running", "completed", "interrupted", "failed"');
    expect(problem({ parameters: [{ name: 'adc.bits', targets: 'adc.bits' }] })).toBe('m.json: parameters[0].targets: got "adc.bits", expected a list of parameter paths');
    expect(problem({ base: { 'adc.bits': [4] } })).toBe('m.json: base: got {"adc.bits":[4]}, expected an object of parameter paths and their values');
    expect(problem({ constraints: [{ metric: 'area_mm2', max: '60' }] })).toBe('m.json: constraints[0].max: got "60", expected a number');
    expect(problem({ strategy: { settings: {} } })).toBe('m.json: strategy: got {"settings":{}}, expected { name, settings }');
    expect(problem({ hypervolumeReference: [1, 'x'] })).toBe('m.json: hypervolumeReference: got [1,"x"], expected a list of numbers');
    expect(problem({ seed: 'seven' })).toBe('m.json: seed: got "seven", expected an integer in [0, 9007199254740991] (2^53 - 1)');
    for (const message of [problem({ status: 'done' }), problem({ seed: 'seven' })]) expect(message).not.toContain('\n');
  });

  it('refuses counts the search never writes: negative, fractional or disagreeing with each other', () => {
    expect(problem({ evaluations: -5 })).toBe('m.json: evaluations: got -5, expected an integer >= 0');
    expect(problem({ evaluations: 2.5 })).toBe('m.json: evaluations: got 2.5, expected an integer >= 0');
    expect(problem({ failedEvaluations: -1 })).toBe('m.json: failedEvaluations: got -1, expected an integer >= 0');
    expect(problem({ paretoSize: 1.5 })).toBe('m.json: paretoSize: got 1.5, expected an integer >= 0');
    expect(problem({ workers: 0 })).toBe('m.json: workers: got 0, expected an integer >= 1');
    expect(problem({ evalTimeout_ms: -1 })).toBe('m.json: evalTimeout_ms: got -1, expected a number >= 0 (ms; 0: no time limit)');
    // runSearch({ evalTimeout_ms: 0 }) (no limit) writes 0: its run folder is read (it was refused as 'expected a number > 0').
    expect(problem({ evalTimeout_ms: 0 })).toBe('no error');
    expect(problem({ seed: -1 })).toBe('m.json: seed: got -1, expected an integer in [0, 9007199254740991] (2^53 - 1)');
    expect(problem({ budget: { evaluations: 0 } })).toBe('m.json: budget: got {"evaluations":0}, expected { evaluations?: an integer >= 1, time_s?: a number > 0 }');
    expect(problem({ hypervolumeByGeneration: [{ generation: 0, evaluations: -3, hypervolume: 1 }] }))
      .toBe('m.json: hypervolumeByGeneration[0]: got {"generation":0,"evaluations":-3,"hypervolume":1}, expected { generation, evaluations, hypervolume }: two integers >= 0 and a number >= 0');
    expect(problem({ evaluations: 10, failedEvaluations: 4, feasibleEvaluations: 7 })).toBe('m.json: evaluations: got 10, expected at least failedEvaluations + feasibleEvaluations (11)');
    expect(problem({ feasibleEvaluations: 3, paretoSize: 4 })).toBe('m.json: paretoSize: got 4, expected at most feasibleEvaluations (3)');
  });

  it('reads back the rows it vouches for in evaluations.csv (evaluationsDigest), and refuses one the search never writes', () => {
    const folder = mkdtempSync(join(root, 'run-'));
    const vouched = { ...complete, evaluationsDigest: { rows: 16, bytes: 2048, sha256: 'ab'.repeat(32) } };
    writeManifest(folder, vouched);
    expect(readManifest(folder)).toEqual(vouched);
    const expected = 'expected { rows, bytes, sha256 }: two integers >= 0 and 64 hex digits';
    expect(problem({ evaluationsDigest: { rows: 16, bytes: 2048, sha256: 'AB'.repeat(32) } })).toBe(`m.json: evaluationsDigest: got {"rows":16,"bytes":2048,"sha256":"${'AB'.repeat(32)}"}, ${expected}`);
    expect(problem({ evaluationsDigest: { rows: -1, bytes: 2048, sha256: 'ab'.repeat(32) } })).toBe(`m.json: evaluationsDigest: got {"rows":-1,"bytes":2048,"sha256":"${'ab'.repeat(32)}"}, ${expected}`);
  });

  it('reads a manifest without bookkeeping for a report, but resumes only a complete one', () => {
    const { fingerprint: _omitted, ...partial } = complete;
    expect(parseManifest(JSON.stringify(partial), 'm.json').fingerprint).toBeUndefined();
    const folder = mkdtempSync(join(root, 'partial-'));
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(partial));
    expect(() => readManifest(folder)).toThrow(/manifest\.json: fingerprint: got nothing, expected the value cosearch search writes/);
    expect(() => readManifest(join(root, 'absent'))).toThrow(/--resume: .*manifest\.json does not exist/);
  });
});
