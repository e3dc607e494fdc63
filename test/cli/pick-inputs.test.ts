/**
 * `cosearch pick` reads a run folder's manifest.json and evaluations.csv through the safe-input layer, as `report`
 * does: a FIFO in place of either is refused in one line (it blocked for ever, deaf to SIGTERM). Run in a child
 * process killed after a time limit, so a regression fails the test instead of hanging the suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosearch } from './spawn.js';

const MANIFEST = JSON.stringify({
  network: 'mlp-mnist',
  strategy: { name: 'grid', settings: {} },
  parameters: [{ name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [4, 6] }],
  base: {},
  objectives: [{ metric: 'energy', sense: 'min' }],
  constraints: [],
  hypervolumeByGeneration: [],
});

describe('cosearch pick refuses a FIFO in the run folder', () => {
  it.each(['evaluations.csv', 'manifest.json'])('a FIFO %s', async (fifo) => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-pick-fifo-'));
    if (fifo !== 'manifest.json') writeFileSync(join(dir, 'manifest.json'), MANIFEST);
    if (fifo !== 'evaluations.csv') writeFileSync(join(dir, 'evaluations.csv'), 'index,adc.bits,energy,feasible\n0,4,1,true\n');
    execFileSync('mkfifo', [join(dir, fifo)]);
    const r = await cosearch(['pick', dir], 20_000);
    expect([r.stderr, r.code, r.signal]).toEqual([`cosearch: run file ${join(dir, fifo)}: is a FIFO (named pipe), expected a regular file\n`, 1, null]);
  }, 30_000);
});
