/**
 * QA maint2 defect 2: the up-front line "designs are refused as they are drawn" paired kinds and mappings from
 * different layers (QA sc.json: fc1's sense amplifier with fc2's offset-diff, 0 designs refused), and counted a global
 * value no layer reads. The values a path takes on a layer are now one function (spaceValues.ts layerValues): the line
 * is printed exactly when some design of the space is refused, which each case checks by building every design.
 */
import { describe, expect, it } from 'vitest';
import { adcSpaceNotes } from '../../src/app/adcSpaceNotes.js';
import { layerValues, spaceLayers } from '../../src/app/spaceValues.js';
import { ConfigError } from '../../src/core/errors.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { checkedConfigFor, zooNetwork } from '../../src/model/index.js';
import type { ParamValue, SpaceVariable } from '../../src/search/index.js';

const mlp = zooNetwork('mlp-mnist');
const MLP = spaceLayers(['mlp-mnist']);
const [fc1, fc2] = MLP;
const variable = (name: string, values: ParamValue[], targets = [name]): SpaceVariable => ({ name, path: name.replace(/^layers\.[^.]+\./, ''), targets, values });
type Space = { base: Record<string, ParamValue>; variables: SpaceVariable[] };

/** Whether any design of the grid is refused by the configuration checks on mlp-mnist. */
function refusesSome({ base, variables }: Space): boolean {
  let points: Record<string, ParamValue>[] = [{ ...base }];
  for (const v of variables) points = points.flatMap((p) => v.values.map((value) => ({ ...p, ...Object.fromEntries(v.targets.map((t) => [t, value])) })));
  return points.some((overrides) => {
    try {
      checkedConfigFor(mlp, applyOverrides(defaultConfig(), overrides));
      return false;
    } catch (error) {
      if (error instanceof ConfigError) return true;
      throw error;
    }
  });
}
const refusalLine = (space: Space) => adcSpaceNotes(space, MLP).some((n) => /^\S*adc\.kind can be senseamp with \S*crossbar\.signedMapping=offset-diff: those designs are refused/.test(n));

describe('the values a path takes on a layer', () => {
  it('are those of the entry that decides it on the layer (name, index, global), else the default', () => {
    const space: Space = { base: { 'layers.fc1.adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('adc.kind', ['sar', 'flash']), variable('layers.1.adc.bits', [3, 4])] };
    expect(layerValues(space, 'adc.kind', fc1)).toEqual(['senseamp']);
    expect(layerValues(space, 'adc.kind', fc2)).toEqual(['sar', 'flash']);
    expect(layerValues(space, 'adc.bits', fc2)).toEqual([3, 4]);
    expect(layerValues(space, 'adc.bits', fc1)).toEqual([5]); // the default, which fc1 reads in every design
    expect(layerValues(space, 'crossbar.signedMapping', fc2)).toEqual(['offset-diff']); // not the default as well
  });

  it('the refusal line is printed exactly when some design is refused', () => {
    const spaces: [string, Space, boolean][] = [
      // QA sc.json: fc1 senses on the default mapping, fc2 converts with the default SAR on offset-diff.
      ['sc', { base: { 'layers.fc1.adc.kind': 'senseamp', 'layers.fc2.crossbar.signedMapping': 'offset-diff' }, variables: [variable('crossbar.size', [64, 128])] }, false],
      // The same with fc2's kind by its index: one layer sees both.
      ['sc by index', { base: { 'layers.1.adc.kind': 'senseamp', 'layers.fc2.crossbar.signedMapping': 'offset-diff' }, variables: [variable('crossbar.size', [64, 128])] }, true],
      // QA sb.json: fc2 reads the global kind.
      ['sb', { base: { 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('adc.kind', ['sar', 'senseamp']), variable('layers.fc1.adc.kind', ['sar', 'flash'])] }, true],
      // A global sense amplifier every layer overrides: read by none.
      ['covered', { base: { 'adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('layers.fc1.adc.kind', ['sar', 'flash']), variable('layers.fc2.adc.kind', ['sar', 'flash'])] }, false],
      // One layer's own offset-diff with a searched global kind; and a group of both layers.
      ['layer mapping', { base: { 'layers.fc1.crossbar.signedMapping': 'offset-diff' }, variables: [variable('adc.kind', ['sar', 'senseamp'])] }, true],
      ['group', { base: { 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('groups.g.adc.kind', ['flash', 'senseamp'], ['layers.fc1.adc.kind', 'layers.fc2.adc.kind'])] }, true],
      ['signed', { base: { 'layers.fc1.adc.kind': 'senseamp' }, variables: [variable('crossbar.signedMapping', ['differential-pair', 'reference-column'])] }, false],
    ];
    for (const [name, space, refused] of spaces) expect([name, refusesSome(space), refusalLine(space)]).toEqual([name, refused, refused]);
    // Named by the space's fields that give the pair on the layer (QA recent defect 5: "adc.kind ... crossbar.signedMapping").
    const lines = (space: Space) => adcSpaceNotes(space, MLP).map((n) => n.slice(0, n.indexOf(':')));
    expect(lines(spaces[5][1])).toEqual(['groups.g.adc.kind can be senseamp with crossbar.signedMapping=offset-diff']);
    expect(lines(spaces[4][1])).toEqual(['adc.kind can be senseamp with layers.fc1.crossbar.signedMapping=offset-diff']);
    expect(lines({ base: { 'crossbar.signedMapping': 'offset-diff' }, variables: [variable('layers.fc2.adc.kind', ['sar', 'senseamp']), variable('layers.fc2.crossbar.signedMapping', ['offset-diff', 'differential-pair'])] }))
      .toEqual(['layers.fc2.adc.kind can be senseamp with layers.fc2.crossbar.signedMapping=offset-diff']);
  });
});
