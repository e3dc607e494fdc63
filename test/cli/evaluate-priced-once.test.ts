/**
 * `cosearch evaluate` prices a design once (src/sim/ela/priced.ts): the evaluation, `--actions` and the input delivery
 * note read that one pricing; until 2026-12-07 the note and `--actions` each priced the design again. The output is
 * byte for byte what main printed before the change (fixtures written by main at 50b498b, 2026-12-07), for a
 * layer-scheduled and a pipelined design whose input delivery binds (the note's two forms).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { inputDeliveryNote } from '../../src/sim/deliveryNote.js';
import { actionTotals, pricedInference } from '../../src/sim/evaluate.js';
import { cliRunner } from '../cli-harness.js';

const run = cliRunner([registerEvaluate]);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/evaluate-actions/${name}`, import.meta.url), 'utf8');

describe('cosearch evaluate --actions with the input delivery note, priced once', () => {
  it('mlp-mnist, 8-bit NoC (layer-scheduled): as main printed it', async () => {
    const r = await run('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--actions', '--set', 'arch.nocWidth_bits=8');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(fixture('mlp-mnist-noc8.txt'));
  });

  it('nmnist-fc3, pipelined, 8-bit NoC: as main printed it', async () => {
    const r = await run('evaluate', '--network', 'nmnist-fc3', '--no-accuracy', '--actions', '--set', 'arch.dataflow=pipelined', '--set', 'arch.nocWidth_bits=8');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(fixture('nmnist-fc3-pipelined-noc8.txt'));
  });

  it('the note and the action totals read the pricing they are given, not a fresh one', () => {
    const net = zooNetwork('nmnist-fc3');
    const piped = applyOverrides(defaultConfig(), { 'arch.dataflow': 'pipelined', 'arch.nocWidth_bits': 8 });
    const priced = pricedInference(net, piped);
    expect(inputDeliveryNote(net, piped)).toMatch(/^input delivery binds the pipeline/);
    expect(inputDeliveryNote(net, piped, priced)).toBe(inputDeliveryNote(net, piped));
    // A pricing that reported no layer designs: the note reads it, finds no weight layer, and has nothing to say.
    expect(inputDeliveryNote(net, piped, { ...priced, layers: [] })).toBeUndefined();
    const layered = applyOverrides(piped, { 'arch.dataflow': 'layer' });
    expect(inputDeliveryNote(net, layered)).toMatch(/^input delivery binds \(/);
    expect(inputDeliveryNote(net, layered, { ...pricedInference(net, layered), layers: [] })).toBeUndefined();
    // The 8-bit design's pricing handed over with the default config: its totals, not the default's.
    const wide = defaultConfig();
    expect(actionTotals(net, wide, priced)).toEqual(actionTotals(net, piped));
    expect(actionTotals(net, wide)).not.toEqual(actionTotals(net, piped));
  });
});
