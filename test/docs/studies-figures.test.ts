/**
 * docs/studies.md's energy-latency-area figures of the shipped studies against the engine at the printed precision,
 * each under its study space's base (read from search-spaces/), so a model change that moves them fails here
 * instead of leaving the text stale. The accuracy and MAC-error figures beside them (seeded runs, seconds each) are
 * not checked here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/studies.md', import.meta.url), 'utf8');
type Overrides = Record<string, string | number>;
const base = (space: string): Overrides => (JSON.parse(readFileSync(new URL(`../../search-spaces/${space}.json`, import.meta.url), 'utf8')) as { base?: Overrides }).base ?? {};
const evaluate = (network: string, overrides: Overrides) => evaluateTotals(loadNetwork(network), applyOverrides(defaultConfig(), overrides));
/** The section of the doc from `heading` to the next heading. */
function section(heading: string): string {
  const start = DOC.indexOf(heading);
  expect(start, `no section ${heading}`).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n###', start + heading.length);
  return DOC.slice(start, end < 0 ? undefined : end);
}
/** A table row's cells after its label (`| label | a | b |` -> [a, b]), bold marks removed. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`| ${label} |`));
  expect(line, `no row "${label}"`).toBeDefined();
  return line!.split('|').slice(2, -1).map((c) => c.trim().replaceAll('*', ''));
}
function wrong(pairs: [string, string | undefined, number][]): string[] {
  return pairs.flatMap(([name, printed, value]) => (printed !== undefined && matchesPrinted(printed.replace(/x$/, ''), value) ? [] : [`${name}: printed ${printed}, engine ${value}`]));
}

describe('docs/studies.md, Fig. 10 d: TOPS against R_on', () => {
  const text = section('### Fig. 10 d');
  const ron = [1e3, 1e4, 1e5, 1e6];
  const tops = (network: string) => ron.map((r) => evaluate(network, { ...base('fig10d-ron'), 'device.rOn_ohm': r }).tops);
  it('the TOPS rows and the 1 MΩ / 1 kΩ ratios', () => {
    const [vgg, mlp] = [tops('vgg16-cifar10'), tops('mlp-mnist')];
    const vggRatio = /1 MΩ \/ 1 kΩ = ([\d.]+) on VGG16/.exec(text)?.[1];
    const mlpRatio = /; ([\d.]+) on mlp-mnist\); accuracy rises/.exec(text)?.[1];
    expect(wrong([
      ...row(text, 'VGG16 TOPS').map((p, k): [string, string, number] => [`VGG16 ${ron[k]}`, p, vgg[k]]),
      ...row(text, 'mlp-mnist TOPS').map((p, k): [string, string, number] => [`mlp-mnist ${ron[k]}`, p, mlp[k]]),
      ['VGG16 ratio', vggRatio, vgg[3] / vgg[0]], ['mlp-mnist ratio', mlpRatio, mlp[3] / mlp[0]],
    ])).toEqual([]);
  });
});
