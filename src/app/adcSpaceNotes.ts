/**
 * A space's notes on its converters (printed by `cosearch validate` and `search` up front, with simulatorSpaceNotes):
 * designs it can draw that the configuration check refuses (a sense amplifier on an unsigned column: adcRange.ts
 * unsignedSenseColumn), and settings it sweeps that some of its designs let no converter read (the ADC kind
 * registry's unreadSetting), whose designs then repeat: one chip, which the run evaluates once and lists once (src/app/designKey.ts,
 * src/search/run/designs.ts). One line each, from the same rules the check and the model notes use.
 */
import { splitLayerPath } from '../hardware/config.js';
import { adcKind, ignoredAdcSettings, isAdcKind, unreadSetting, type IgnoringReader } from '../hardware/components/adc/index.js';
import { unsignedSenseColumn } from '../hardware/adcRange.js';
import { SAME_DESIGN_COLUMN } from '../io/run/index.js';
import type { ParamValue, SearchSpace } from '../search/index.js';
import { layerEntry, layerValues, type SpaceLayer } from './spaceValues.js';

type Settings = Pick<SearchSpace, 'base' | 'variables'>;

/** The converter kinds `layer` can take in the space's designs (layerValues). */
const kindsOn = (space: Settings, layer: SpaceLayer) => layerValues(space, 'adc.kind', layer).map(String).filter(isAdcKind);

/**
 * The notes of `space`'s converter settings on the weight layers of its networks (spaceLayers; none: the global
 * paths alone), empty when none apply. Each layer's kinds, mappings and bits are the values it can take
 * (spaceValues.ts layerValues), so a kind and a mapping are paired only where one layer can see both.
 */
export function adcSpaceNotes(space: Settings, layers: readonly SpaceLayer[]): string[] {
  // Each pair once, by the space's fields that give it on the layer (QA recent defect 5: the line named the global
  // paths where the space's layers.fc2.* variables gave the pair).
  const pairs = new Map<string, string>();
  for (const layer of views(layers)) {
    const mappings = layerValues(space, 'crossbar.signedMapping', layer).map(String);
    for (const kind of kindsOn(space, layer)) {
      const unsigned = mappings.find((m) => unsignedSenseColumn(kind, m) !== undefined);
      if (unsigned === undefined) continue;
      const pair = `${fieldOf(space, 'adc.kind', layer)} can be ${kind} with ${fieldOf(space, 'crossbar.signedMapping', layer)}=${unsigned}`;
      if (!pairs.has(pair)) pairs.set(pair, unsignedSenseColumn(kind, unsigned) ?? '');
    }
  }
  const notes: string[] = [];
  for (const [pair, why] of pairs) {
    notes.push(`${pair}: those designs are refused as they are drawn (failed rows in evaluations.csv, never on the front) because ${why} ` +
      '(docs/model-card.md, The ADC-less design)');
  }
  for (const { variable, ignoring } of ignoredSweeps(space, layers)) {
    notes.push(`${variable.name} is searched (${variable.values.join(', ')}), but ${ignoring.join(', ')} ignores it: such designs differ only in a ` +
      `setting they do not read, so they are one chip, evaluated once and listed once (its first row) on the front, in pareto.csv, the report and pick; ` +
      `evaluations.csv keeps every row drawn, a repeat naming its first row in ${SAME_DESIGN_COLUMN}`);
  }
  return notes;
}

/**
 * The searched variables that some design of the space lets no converter read: designs differing only in such a
 * value are one chip (src/app/designKey.ts), each variable with the converters that then ignore it and why. A
 * variable's value reaches the layers whose entry deciding its path it targets (layerEntry); in a design it is unread
 * when the ADC registry's one rule says so (unreadSetting, as the model notes and the design key read it) for the
 * converters those layers have there. The designs are the joint values of the entries deciding those layers' adc.kind
 * and adc.bits (designsOf): a global adc.bits that fc1's sense amplifier ignores and fc2's SAR reads in every design is
 * no such variable (until QA recent defect 1, one layer ignoring it sufficed).
 */
export function ignoredSweeps(space: Settings, layers: readonly SpaceLayer[]): { readonly variable: Settings['variables'][number]; readonly ignoring: readonly string[] }[] {
  return space.variables.flatMap((variable) => {
    if (new Set(variable.values).size < 2) return [];
    // A `layers.<key>.<path>` variable is its registry path's (a space's variable path keeps the layer key as written).
    const path = splitLayerPath(variable.path)?.path ?? variable.path;
    const readers = views(layers).filter((layer) => variable.targets.includes(layerEntry(space, path, layer) ?? ''));
    // A variable deciding the converters (adc.kind; adc.bits) repeats a design only where two of its values leave the
    // others' values unread: a 1-bit sar beside senseamp is no repeat (QA runs defect 1). Another variable repeats
    // wherever it is unread, its every value then being so. Designs grouped by the other deciding variables' values.
    const groups = new Map<string, { values: Set<ParamValue>; unread: IgnoringReader[] }>();
    for (const { converters, others, own } of designsOf(space, readers, path, variable)) {
      const unread = unreadSetting(path, converters.map((adc, i) => ({ name: readers[i]?.name ?? '', adc })));
      if (unread === undefined) continue;
      const group = groups.get(others) ?? { values: new Set<ParamValue>(own === undefined ? variable.values : []), unread: [] };
      if (own !== undefined) group.values.add(own);
      group.unread.push(...unread);
      groups.set(others, group);
    }
    // Kinds ignoring it at the same bits for the same reason in one entry (adc.kind=sar|flash|ramp at adc.bits=1 (...)).
    const kinds = new Map<string, Set<string>>();
    for (const { values, unread } of groups.values()) {
      if (values.size < 2) continue;
      for (const l of unread) {
        const at = `${adcKind(l.adc.kind).ignoresBits ? '' : ` at adc.bits=${l.adc.bits}`} (${l.why})`;
        kinds.set(at, (kinds.get(at) ?? new Set<string>()).add(l.adc.kind));
      }
    }
    const ignoring = [...kinds].map(([at, names]) => `adc.kind=${[...names].join('|')}${at}`);
    return ignoring.length ? [{ variable, ignoring }] : [];
  });
}

/** Joint designs designsOf enumerates at most; beyond, each layer's converters are read alone (an over-count, never a miss). */
const MAX_JOINT_DESIGNS = 4096;

type Converter = { readonly kind: string; readonly bits: number };

/** One joint design of designsOf: its readers' converters, the other deciding variables' values (a key), and the searched variable's own value where it decides them. */
interface JointDesign {
  readonly converters: Converter[];
  readonly others: string;
  readonly own?: ParamValue;
}

/**
 * The converters `readers` can have together across the space's designs, one list per design (in readers' order): the
 * joint values of the variables deciding their adc.kind and adc.bits (layerEntry; an entry no variable targets holds
 * its base value or the default), a variable shared by several layers taking one value per design. Each with the
 * other deciding variables' values and `variable`'s own where it is one of them. Beyond MAX_JOINT_DESIGNS, one list
 * in which each layer has a converter of its own values that ignores `path`, where it has one (an over-count).
 */
function designsOf(space: Settings, readers: readonly SpaceLayer[], path: string, variable: Settings['variables'][number]): JointDesign[] {
  const entries = readers.map((layer) => [layerEntry(space, 'adc.kind', layer), layerEntry(space, 'adc.bits', layer)]);
  const deciding = space.variables.filter((v) => entries.some((e) => e.some((entry) => entry !== undefined && v.targets.includes(entry))));
  if (deciding.reduce((n, v) => n * new Set(v.values).size, 1) > MAX_JOINT_DESIGNS) {
    return [{ others: '', converters: readers.map((layer) => {
      const own = kindsOn(space, layer).flatMap((kind) => layerValues(space, 'adc.bits', layer).map((bits) => ({ kind, bits: Number(bits) })));
      return own.find((c) => ignoredAdcSettings(c).some((s) => s.path === path)) ?? own[0];
    }) }];
  }
  const at = deciding.indexOf(variable);
  // Each reader's kind and bits: the variable deciding it (its index in `deciding`), or its one value (base or default).
  const chosen: ParamValue[] = [];
  const source = (entry: string | undefined, setting: string, layer: SpaceLayer): (() => ParamValue) => {
    const at = entry === undefined ? -1 : deciding.findIndex((d) => d.targets.includes(entry));
    const fixed = layerValues(space, setting, layer)[0];
    return at >= 0 ? () => chosen[at] : () => fixed;
  };
  const sources = readers.map((layer, r) => [source(entries[r][0], 'adc.kind', layer), source(entries[r][1], 'adc.bits', layer)] as const);
  const designs: JointDesign[] = [];
  const walk = (i: number): void => {
    if (i < deciding.length) {
      for (const value of new Set(deciding[i].values)) {
        chosen[i] = value;
        walk(i + 1);
      }
      return;
    }
    const converters = sources.map(([kind, bits]) => ({ kind: String(kind()), bits: Number(bits()) }));
    const others = JSON.stringify(chosen.map((v, i) => (i === at ? null : v)));
    if (converters.every((c) => isAdcKind(c.kind))) designs.push({ converters, others, ...(at >= 0 ? { own: chosen[at] } : {}) });
  };
  walk(0);
  return designs;
}

/** The space's field that gives `path` on `layer`: the variable targeting its entry (layerEntry), else the entry base sets, else the path (its default). */
function fieldOf(space: Settings, path: string, layer: SpaceLayer): string {
  const entry = layerEntry(space, path, layer);
  return entry === undefined ? path : space.variables.find((v) => v.targets.includes(entry))?.name ?? entry;
}

/** The layers values are read on; none: the global paths alone. */
function views(layers: readonly SpaceLayer[]): readonly SpaceLayer[] {
  return layers.length > 0 ? layers : [undefined];
}
