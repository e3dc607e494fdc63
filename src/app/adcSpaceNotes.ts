/**
 * A space's notes on its converters (printed by `cosearch validate` and `search` up front, with simulatorSpaceNotes):
 * designs it can draw that the configuration check refuses (a sense amplifier on an unsigned column: adcRange.ts
 * unsignedSenseColumn), and settings it sweeps that some of its converters ignore (the ADC kind registry's
 * ignoredSettings), whose designs then repeat (the engine does not merge them: the front can list one chip once per value). One line each, from the same rules the check and the model notes use.
 */
import { adcKind, isAdcKind } from '../hardware/components/adc/index.js';
import { unsignedSenseColumn } from '../hardware/adcRange.js';
import type { SearchSpace } from '../search/index.js';
import { layerEntry, layerValues, type SpaceLayer } from './spaceValues.js';

type Settings = Pick<SearchSpace, 'base' | 'variables'>;

/**
 * The notes of `space`'s converter settings on the weight layers of its networks (spaceLayers; none: the global
 * paths alone), empty when none apply. Each layer's kinds, mappings and bits are the values it can take
 * (spaceValues.ts layerValues), so a kind and a mapping are paired only where one layer can see both.
 */
export function adcSpaceNotes(space: Settings, layers: readonly SpaceLayer[]): string[] {
  const views = layers.length > 0 ? layers : [undefined];
  const kindsOn = (layer: SpaceLayer) => layerValues(space, 'adc.kind', layer).map(String).filter(isAdcKind);
  const unsignedOf = new Map<string, string>();
  for (const layer of views) {
    const mappings = layerValues(space, 'crossbar.signedMapping', layer).map(String);
    for (const kind of kindsOn(layer)) {
      const unsigned = mappings.find((m) => unsignedSenseColumn(kind, m) !== undefined);
      if (unsigned !== undefined && !unsignedOf.has(kind)) unsignedOf.set(kind, unsigned);
    }
  }
  const notes: string[] = [];
  for (const [kind, unsigned] of unsignedOf) {
    notes.push(`adc.kind can be ${kind} with crossbar.signedMapping=${unsigned}: those designs are refused as they are drawn (failed rows in evaluations.csv, ` +
      `never on the front) because ${unsignedSenseColumn(kind, unsigned) ?? ''} (docs/model-card.md, The ADC-less design)`);
  }
  for (const variable of space.variables) {
    if (new Set(variable.values).size < 2) continue;
    // The kinds (and bits) of the layers this variable sets: where another entry decides its path, it is not read.
    const ignoring = new Set(views.filter((layer) => variable.targets.includes(layerEntry(space, variable.path, layer) ?? '')).flatMap((layer) => {
      const bits = layerValues(space, 'adc.bits', layer).map(Number);
      return kindsOn(layer).flatMap((kind) => {
        const at = adcKind(kind).ignoresBits ? [bits[0]] : bits;
        return at.flatMap((b) => adcKind(kind).ignoredSettings(b).filter((s) => s.path === variable.path)
          .map((s) => `adc.kind=${kind}${adcKind(kind).ignoresBits ? '' : ` at adc.bits=${b}`} (${s.why})`));
      });
    }));
    if (!ignoring.size) continue;
    notes.push(`${variable.name} is searched (${variable.values.join(', ')}), but ${[...ignoring].join(', ')} ignores it: such designs differ only in a ` +
      'setting they do not read, so they are one chip, which the front can list once per value');
  }
  return notes;
}
