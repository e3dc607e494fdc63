/**
 * Every `path = value` or `path=value` the docs quote for a known parameter (also as `layers.<key>.path=value`) names a
 * value the parameter accepts: docs/simulator.md named `arch.tilePacking = dedicated`, a value `--set` refuses
 * (found by QA, 2026-12-06). A value is the token after `=`: quotes, a trailing `]`, `**`, `.` or `:` (markdown and
 * prose around it) and a unit suffix `-bit` are not part of it; a placeholder in capitals (`accuracy.samples=N`) is skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARAMETERS, parseSetValue } from '../../src/hardware/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS = join(ROOT, 'docs');
/** The check saw 146 quoted values when it was written: far fewer means its pattern broke. */
const CHECKED_AT_LEAST = 120;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest paths first, so `arch.buffer_KB.global` is not read as a shorter path's prefix.
const PATHS = PARAMETERS.map((p) => p.path).sort((a, b) => b.length - a.length);
const QUOTED = new RegExp(`(?<![\\w.])(?:layers\\.[\\w-]+\\.)?(${PATHS.map(escape).join('|')})\\s?=\\s?([^\\s\`,;)|]+)`, 'g');

/** The value a quoted token names, or undefined for a placeholder. */
function quotedValue(token: string): string | undefined {
  const value = token.replace(/^'|'$/g, '').replace(/(\]|\*\*|[.:'])+$/, '').replace(/-bit$/, '');
  return /^[A-Z]+$/.test(value) ? undefined : value;
}

/** Every known parameter's quoted value in `text`, with the value the parser refused (its message) or null. */
function quotedValues(text: string): { quote: string; refusal: string | null }[] {
  const found: { quote: string; refusal: string | null }[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const value = quotedValue(m[2]);
    if (value === undefined) continue;
    let refusal: string | null = null;
    try {
      parseSetValue(m[1], value); // a quoted path=value is --set's text
    } catch (error) {
      refusal = (error as Error).message;
    }
    found.push({ quote: m[0].replace(/\s+/g, ' '), refusal });
  }
  return found;
}

describe('docs quote only values their parameters accept', () => {
  const files = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
  const all = files.flatMap((f) => quotedValues(readFileSync(join(DOCS, f), 'utf8')).map((q) => ({ file: f, ...q })));

  it('finds the quoted values (the pattern still matches)', () => {
    expect(all.length).toBeGreaterThanOrEqual(CHECKED_AT_LEAST);
  });

  it('every quoted value parses', () => {
    expect(all.filter((q) => q.refusal !== null).map((q) => `docs/${q.file}: ${q.quote}: ${q.refusal}`)).toEqual([]);
  });

  it('reads a value out of markdown and prose, and refuses one the parameter does not take', () => {
    expect(quotedValues('`arch.tilePacking = dedicated`: shared').map((q) => q.refusal !== null)).toEqual([true]);
    expect(quotedValues("**arch.dataflow = layer**, `adc.kind = 'senseamp'`, [`layers.fc1.adc.bits=6`], training.errorBits = 8-bit.")
      .map((q) => [q.quote, q.refusal])).toEqual([
      ['arch.dataflow = layer**', null], ["adc.kind = 'senseamp'", null], ['layers.fc1.adc.bits=6', null], ['training.errorBits = 8-bit.', null]]);
    expect(quotedValues('accuracy.samples=N and snn.spikeRate=R')).toEqual([]);
  });
});
