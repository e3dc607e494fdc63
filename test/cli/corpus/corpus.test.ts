/**
 * The malformed-input corpus (issue 12): every case must exit non-zero with one to three lines that name the
 * field, no stack trace, and no raw control characters. Cases run in-process through the real command
 * registrations (test/cli-harness.ts), each with a time limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../cli-harness.js';
import { register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';
import { register as registerList } from '../../../src/cli/commands/list.js';
import { register as registerPareto } from '../../../src/cli/commands/pareto.js';
import { register as registerPick } from '../../../src/cli/commands/pick.js';
import { register as registerReport } from '../../../src/cli/commands/report.js';
import { register as registerSearch } from '../../../src/cli/commands/search.js';
import { register as registerValidate } from '../../../src/cli/commands/validate.js';
import { COMMAND_CASES } from './commands.js';
import { INPUT_CASES } from './inputs.js';
import { OUTPUT_CASES, PICK_RULE_CASES } from './outputs.js';
import { REGISTRY_CASES } from './registry.js';
import { SPACE_CASES } from './spaces.js';
import type { CorpusCase } from './types.js';

const cli = cliRunner([registerEvaluate, registerSearch, registerValidate, registerPareto, registerPick, registerReport, registerList]);
export const CORPUS: readonly CorpusCase[] = [...SPACE_CASES, ...COMMAND_CASES, ...REGISTRY_CASES, ...INPUT_CASES, ...OUTPUT_CASES, ...PICK_RULE_CASES];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Every path under `dir`, sorted. */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

afterAll(() => {
  process.exitCode = 0;
});

describe(`malformed-input corpus (${CORPUS.length} cases)`, () => {
  it('has unique case names', () => {
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-corpus-'));
    const at = (name: string): string => {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      return join(dir, name);
    };
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(at(name), text);
    for (const [name, bytes] of Object.entries(c.bytes ?? {})) writeFileSync(at(name), Uint8Array.from(bytes));
    for (const [name, size] of Object.entries(c.sparse ?? {})) {
      writeFileSync(at(name), '');
      truncateSync(join(dir, name), size);
    }
    for (const name of c.fifos ?? []) execFileSync('mkfifo', [at(name)]);
    const before = listing(dir);
    process.exitCode = undefined;
    const { stdout, stderr, exitCode } = await cli(...c.args.map((a) => a.replaceAll('$D', dir)));
    process.exitCode = undefined;
    expect(exitCode, stderr).not.toBe(0);
    expect(exitCode, stderr).not.toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length, stderr).toBeGreaterThanOrEqual(1);
    expect(lines.length, stderr).toBeLessThanOrEqual(3);
    expect(lines[0]).toMatch(/^cosearch: /);
    expect(stderr + stdout).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(CONTROL);
    expect(stderr).toContain(c.field);
    if (c.writesNothing) expect(listing(dir)).toEqual(before);
    if (c.absent) expect(stderr + stdout).not.toContain(c.absent);
  }, 30_000);
});
