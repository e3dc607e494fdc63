/** From a row of a run (one value per searched parameter) to the configuration overrides it evaluated. */
import type { ParamValue } from '../../util/paramValue.js';
import { numberOrText } from './cells.js';

/** The overrides (parameter path -> value) a point sets: each variable's value on each of its targets, in order. */
export function pointOverrides(variables: readonly { readonly targets: readonly string[] }[], point: readonly ParamValue[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  variables.forEach((v, i) => {
    for (const target of v.targets) out[target] = point[i];
  });
  return out;
}

/** A CSV record's point: each searched parameter's cell by its column name, a number where it reads as one (numberOrText). */
export function recordPoint(parameters: readonly { readonly name: string }[], record: Readonly<Record<string, string>>): ParamValue[] {
  return parameters.map((p) => numberOrText(record[p.name] ?? ''));
}
