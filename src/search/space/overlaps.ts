/**
 * Two entries of a space that set the same parameter of the same layer (a `perLayer` copy and a `layers.<name>`
 * parameter, a layer by index and by name, a `base` value and a searched one): one of them would silently lose
 * (a searched value replaces `base`; a layer's name wins over its index) and the run would show as different
 * designs points that are one, or write a CSV column twice. Each such pair is refused, naming both entries. So is a
 * global entry (base or a parameter) of a path the engines read only per weight layer (readPerLayerOnly) when the
 * space's layer entries of that path (perLayer, groups, layers.<name or index>) give every weight layer of every
 * network its own value: the global value then acts nowhere.
 */
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { canonicalLayerPath, layerKeyOf, pathsHidingGlobal } from './layers.js';
import type { Note } from './problems.js';
import type { ParamValue, SpaceVariable } from './types.js';

/** One entry of the file: where it is written and the paths it sets (`layers.<key>.<path>` or global). */
interface Entry {
  readonly field: string;
  /** How the entry lays out the parameter: in `base`, one path of `parameters`, a perLayer copy or a group's. */
  readonly layout: 'base' | 'single' | 'perLayer' | { readonly group: string };
  readonly targets: readonly string[];
}

/**
 * Notes every pair of entries of `base` and `variables` that set one path once `layers.<index>` keys are read as
 * the layer's name (`layerNames`: per network of the space, each accepted key to its layer's name; none when a
 * network is unknown: keys are then compared as written). The network variable (NETWORK_COLUMN) sets nothing.
 */
export function checkOverlaps(
  base: Readonly<Record<string, ParamValue>>, variables: readonly SpaceVariable[],
  layerNames: readonly ReadonlyMap<string, string>[] | undefined, note: Note, readPerLayerOnly: (path: string) => boolean = () => false,
): void {
  const entries: Entry[] = [
    ...Object.keys(base).map((path): Entry => ({ field: `base.${path}`, layout: 'base', targets: [path] })),
    ...variables.filter((v) => v.name !== NETWORK_COLUMN).map((v): Entry => ({ field: `parameters.${v.path}`, layout: layoutOf(v), targets: v.targets })),
  ];
  const reported = new Set<string>();
  for (const names of layerNames ?? [new Map<string, string>()]) {
    const first = new Map<string, { entry: Entry; target: string }>();
    for (const entry of entries) {
      for (const target of entry.targets) {
        const { path: canonical, layer } = canonicalLayerPath(target, names);
        const earlier = first.get(canonical);
        if (!earlier) {
          first.set(canonical, { entry, target });
          continue;
        }
        if (earlier.entry === entry || reported.has(`${earlier.entry.field}\n${entry.field}`)) continue;
        reported.add(`${earlier.entry.field}\n${entry.field}`);
        note(entry.field, overlapMessage(earlier, { entry, target }, canonical, layer));
      }
    }
  }
  if (layerNames) checkCoveredGlobals(entries, layerNames, readPerLayerOnly, note);
}

/**
 * Notes each global entry of a readPerLayerOnly path that the layer entries of the same path cover on every weight
 * layer of every network (`layerNames`' values are a network's weight layers); one network with a layer left to the
 * global value keeps it acting, and it is accepted.
 */
function checkCoveredGlobals(
  entries: readonly Entry[], layerNames: readonly ReadonlyMap<string, string>[], readPerLayerOnly: (path: string) => boolean, note: Note,
): void {
  for (const global of entries) {
    if (global.layout !== 'base' && global.layout !== 'single') continue;
    const path = global.targets[0];
    if (layerKeyOf(path) !== undefined || !readPerLayerOnly(path)) continue;
    // As the file names them (a perLayer parameter is one variable per layer, all one entry of the file).
    const covering = new Set<string>();
    const everyLayerCovered = layerNames.every((names) => {
      const targets = entries.flatMap((entry) => entry.targets.map((target) => ({ entry, target })));
      const hiding = pathsHidingGlobal(path, targets.map((t) => t.target), names);
      for (const t of targets) if (hiding?.includes(t.target)) covering.add(describeEntry(t.entry));
      return hiding !== undefined;
    });
    if (!everyLayerCovered || covering.size === 0) continue;
    note(global.field, `sets ${path} of no layer, as every weight layer takes its own from ${[...covering].join(', ')}; `
      + `remove ${global.field} (the engines read ${path} per weight layer: a global value every layer overrides does nothing)`);
  }
}

function layoutOf(v: SpaceVariable): Entry['layout'] {
  if (v.name.startsWith('groups.')) return { group: v.name.slice('groups.'.length, v.name.length - v.path.length - 1) };
  return v.name === v.path ? 'single' : 'perLayer';
}

/** `sets adc.bits of layer fc1, as parameters.adc.bits (perLayer) does; remove ...`: both entries, and which to remove. */
function overlapMessage(
  a: { entry: Entry; target: string }, b: { entry: Entry; target: string }, canonical: string, layer: string | undefined,
): string {
  const what = layer === undefined ? canonical : `${canonical.slice(`layers.${layer}.`.length)} of layer ${layer}`;
  const aliases = [a.target, b.target].map(layerKeyOf).filter((k, i, all): k is string => k !== undefined && k !== layer && all.indexOf(k) === i);
  const alias = aliases.length > 0 ? ` (layer ${aliases.join(', ')} is ${layer})` : '';
  return `sets ${what}, as ${describeEntry(a.entry)} does${alias}; ${advice(a.entry, b.entry, layer)}`;
}

function describeEntry(entry: Entry): string {
  const { layout } = entry;
  if (layout === 'perLayer') return `${entry.field} (perLayer)`;
  return typeof layout === 'object' ? `${entry.field} (group ${layout.group})` : entry.field;
}

/** Which entry to remove: the one in `base`, else the single-layer one (or the layout's copy of its layer), else either. */
function advice(a: Entry, b: Entry, layer: string | undefined): string {
  const base = [a, b].filter((e) => e.layout === 'base');
  if (base.length === 1) return `remove ${base[0].field} (a parameter is either fixed in base or searched)`;
  const layered = [a, b].find((e) => e.layout === 'perLayer' || typeof e.layout === 'object');
  const single = [a, b].find((e) => e.layout === 'single');
  if (layered && single && layer !== undefined) {
    const out = typeof layered.layout === 'object' ? `take ${layer} out of ${layered.field}.groups.${layered.layout.group}`
      : `lay ${layered.field} out in groups that leave ${layer} out`;
    return `remove ${single.field}, or ${out}`;
  }
  return `keep one of them: remove ${a.field} or ${b.field}`;
}
