/**
 * A space's notes on its converters (printed by `cosearch validate` and `search` up front, with simulatorSpaceNotes):
 * designs it can draw that the configuration check refuses (a sense amplifier on an unsigned column: adcRange.ts
 * unsignedSenseColumn), and settings it sweeps that some of its converters ignore (the ADC kind registry's
 * ignoredSettings), whose designs then repeat: one chip, which the run evaluates once and lists once (src/app/designKey.ts,
 * src/search/run/designs.ts). One line each, from the same rules the check and the model notes use.
 */
import { parameterSpec, splitLayerPath } from '../hardware/config.js';
import { adcKind, isAdcKind } from '../hardware/components/adc/index.js';
import { unsignedSenseColumn } from '../hardware/adcRange.js';
import { SAME_DESIGN_COLUMN } from '../io/run/index.js';
import type { ParamValue, SearchSpace } from '../search/index.js';

type Settings = Pick<SearchSpace, 'base' | 'variables'>;

/** The values a registry path can take in a space: its searched values and its base values (global or per layer), else its default. */
function valuesOf({ base, variables }: Settings, path: string): ParamValue[] {
  const own = (p: string) => (splitLayerPath(p)?.path ?? p) === path;
  const values = [...Object.entries(base).filter(([p]) => own(p)).map(([, v]) => v), ...variables.filter((v) => own(v.path)).flatMap((v) => v.values)];
  const globalSet = Object.hasOwn(base, path) || variables.some((v) => v.path === path && v.targets.includes(path));
  return [...new Set(globalSet ? values : [...values, parameterSpec(path).default])];
}

/** The notes of `space`'s converter settings (empty when none apply). */
export function adcSpaceNotes(space: Settings): string[] {
  const kinds = valuesOf(space, 'adc.kind').map(String).filter(isAdcKind);
  const notes: string[] = [];
  const mappings = valuesOf(space, 'crossbar.signedMapping').map(String);
  for (const kind of kinds) {
    const unsigned = mappings.find((m) => unsignedSenseColumn(kind, m) !== undefined);
    if (unsigned === undefined) continue;
    notes.push(`adc.kind can be ${kind} with crossbar.signedMapping=${unsigned}: those designs are refused as they are drawn (failed rows in evaluations.csv, ` +
      `never on the front) because ${unsignedSenseColumn(kind, unsigned) ?? ''} (docs/model-card.md, The ADC-less design)`);
  }
  for (const { variable, ignoring } of ignoredSweeps(space)) {
    notes.push(`${variable.name} is searched (${variable.values.join(', ')}), but ${ignoring.join(', ')} ignores it: such designs differ only in a ` +
      `setting they do not read, so they are one chip, evaluated once and listed once (its first row) on the front, in pareto.csv, the report and pick; ` +
      `evaluations.csv keeps every row drawn, a repeat naming its first row in ${SAME_DESIGN_COLUMN}`);
  }
  return notes;
}

/**
 * The searched variables some converter the space can take ignores (at some adc.bits it can take), each with the kinds
 * that do and why: the designs of a space without any are each a chip of their own (src/app/designKey.ts).
 */
export function ignoredSweeps(space: Settings): { readonly variable: Settings['variables'][number]; readonly ignoring: readonly string[] }[] {
  const kinds = valuesOf(space, 'adc.kind').map(String).filter(isAdcKind);
  const bits = valuesOf(space, 'adc.bits').map(Number);
  return space.variables.flatMap((variable) => {
    if (new Set(variable.values).size < 2) return [];
    // A `layers.<key>.<path>` variable is its registry path's (a space's variable path keeps the layer key as written).
    const path = splitLayerPath(variable.path)?.path ?? variable.path;
    const ignoring = kinds.flatMap((kind) => {
      const at = adcKind(kind).ignoresBits ? [bits[0]] : bits;
      return at.flatMap((b) => adcKind(kind).ignoredSettings(b).filter((s) => s.path === path)
        .map((s) => `adc.kind=${kind}${adcKind(kind).ignoresBits ? '' : ` at adc.bits=${b}`} (${s.why})`));
    });
    return ignoring.length ? [{ variable, ignoring }] : [];
  });
}
