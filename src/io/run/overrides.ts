/** From a row of a run (one value per searched parameter) to the configuration overrides it evaluated. */
import type { ParamValue } from '../../util/paramValue.js';

/** The overrides (parameter path -> value) a point sets: each variable's value on each of its targets, in order. */
export function pointOverrides(variables: readonly { readonly targets: readonly string[] }[], point: readonly ParamValue[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  variables.forEach((v, i) => {
    for (const target of v.targets) out[target] = point[i];
  });
  return out;
}
