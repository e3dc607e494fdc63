/**
 * A space's notes on its converters (printed by `cosearch validate` and `search` up front, with simulatorSpaceNotes):
 * designs it can draw that the configuration check refuses (a sense amplifier on an unsigned column: adcRange.ts
 * unsignedSenseColumn), and settings it sweeps that some of its converters ignore (the ADC kind registry's
 * ignoredSettings), whose designs then repeat: one chip, which the run evaluates once and lists once (src/app/designKey.ts,
 * src/search/run/designs.ts). One line each, from the same rules the check and the model notes use.
 */
import { splitLayerPath } from '../hardware/config.js';
import { adcKind, isAdcKind } from '../hardware/components/adc/index.js';
import { unsignedSenseColumn } from '../hardware/adcRange.js';
import { SAME_DESIGN_COLUMN } from '../io/run/index.js';
import type { SearchSpace } from '../search/index.js';
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
  const unsignedOf = new Map<string, string>();
  for (const layer of views(layers)) {
    const mappings = layerValues(space, 'crossbar.signedMapping', layer).map(String);
    for (const kind of kindsOn(space, layer)) {
      const unsigned = mappings.find((m) => unsignedSenseColumn(kind, m) !== undefined);
      if (unsigned !== undefined && !unsignedOf.has(kind)) unsignedOf.set(kind, unsigned);
    }
  }
  const notes: string[] = [];
  for (const [kind, unsigned] of unsignedOf) {
    notes.push(`adc.kind can be ${kind} with crossbar.signedMapping=${unsigned}: those designs are refused as they are drawn (failed rows in evaluations.csv, ` +
      `never on the front) because ${unsignedSenseColumn(kind, unsigned) ?? ''} (docs/model-card.md, The ADC-less design)`);
  }
  for (const { variable, ignoring } of ignoredSweeps(space, layers)) {
    notes.push(`${variable.name} is searched (${variable.values.join(', ')}), but ${ignoring.join(', ')} ignores it: such designs differ only in a ` +
      `setting they do not read, so they are one chip, evaluated once and listed once (its first row) on the front, in pareto.csv, the report and pick; ` +
      `evaluations.csv keeps every row drawn, a repeat naming its first row in ${SAME_DESIGN_COLUMN}`);
  }
  return notes;
}

/**
 * The searched variables a converter ignores on some layer the variable sets (the kinds and bits that layer can
 * take), each with the kinds that do and why: the designs of a space without any are each a chip of their own
 * (src/app/designKey.ts). A variable is read on a layer where its entry is the one deciding its path (layerEntry).
 */
export function ignoredSweeps(space: Settings, layers: readonly SpaceLayer[]): { readonly variable: Settings['variables'][number]; readonly ignoring: readonly string[] }[] {
  return space.variables.flatMap((variable) => {
    if (new Set(variable.values).size < 2) return [];
    // A `layers.<key>.<path>` variable is its registry path's (a space's variable path keeps the layer key as written).
    const path = splitLayerPath(variable.path)?.path ?? variable.path;
    const ignoring = new Set(views(layers).filter((layer) => variable.targets.includes(layerEntry(space, path, layer) ?? '')).flatMap((layer) => {
      const bits = layerValues(space, 'adc.bits', layer).map(Number);
      return kindsOn(space, layer).flatMap((kind) => {
        const at = adcKind(kind).ignoresBits ? [bits[0]] : bits;
        return at.flatMap((b) => adcKind(kind).ignoredSettings(b).filter((s) => s.path === path)
          .map((s) => `adc.kind=${kind}${adcKind(kind).ignoresBits ? '' : ` at adc.bits=${b}`} (${s.why})`));
      });
    }));
    return ignoring.size ? [{ variable, ignoring: [...ignoring] }] : [];
  });
}

/** The layers values are read on; none: the global paths alone. */
function views(layers: readonly SpaceLayer[]): readonly SpaceLayer[] {
  return layers.length > 0 ? layers : [undefined];
}
