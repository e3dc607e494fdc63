/**
 * docs/training.md's on-chip device table: the command it prints, run for the PCMO cell of threshold updates and
 * open-loop writes, gives the cell's accuracy and pulses per cell. Until 2026-12 the printed command lacked
 * --ideal-reads (the table was made with ideal reads), and the default reads refuse this network's layer 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/train.js';
import { cliRunner } from '../cli-harness.js';
import { useCacheDir } from '../helpers/cacheDir.js';

const DOC = readFileSync(new URL('../../docs/training.md', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'cosearch-onchip-table-'));
useCacheDir(join(dir, 'cache'), [dir]);
const cli = cliRunner([register]);

describe('docs/training.md: the on-chip device table', () => {
  it('its printed command (optional schemes left out, D = pcmo) gives the PCMO threshold/open-loop cell', async () => {
    const printed = /\(`(--on-chip --device D [^`]*)`/.exec(DOC)?.[1];
    expect(printed).toBeDefined();
    const flags = (printed ?? '').replace(/\[[^\]]*\]/g, '').trim().split(/\s+/).map((word) => (word === 'D' ? 'pcmo' : word));
    const out = join(dir, 'pcmo');
    const r = await cli('train', '-n', 'mnist-fc2-small', '-a', 'sdfa', '-d', 'mnist-rate', ...flags, '--plain', '-o', out);
    expect(r.exitCode, r.stderr).toBe(0);
    const row = /^\| pcmo [^|]*\| (\S+) % \((\d+)\) \|/m.exec(DOC);
    expect(row?.slice(1)).toEqual(['83.3', '21']);
    expect(r.stdout).toContain('test accuracy 83.30 %');
    const pulses = readFileSync(join(out, 'epochs.csv'), 'utf8').trim().split('\n').slice(1).reduce((s, line) => s + Number(line.split(',')[7]), 0);
    expect(Math.round(pulses)).toBe(21);
  }, 60_000);
});
