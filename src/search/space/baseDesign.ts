/**
 * The space's designs the simulator refuses, found before the run. Its base design (its `base` values with every
 * searched parameter at its first value) is refused up front, with the simulator's one-line reason: before, `validate`
 * passed it and every evaluation of the search failed. So is a value, or a pair of values of two parameters, that the
 * simulator refuses whatever value any one other parameter takes (`adc.bits` 1 with `adc.rangeMode` "full"; either
 * may be its parameter's first value): every design holding it would be a failed row. Each design is built and
 * its weight layers mapped (one per network, through the context), nothing evaluated. A combination some value of
 * another parameter makes evaluable (1 bit with "full" beside a searched `adc.kind` holding "senseamp"), one needing
 * three values, or one past MAX_COMBINATION_PROBES designs stays in the space: its designs are the run's failed rows.
 */
import { describeValue } from '../../core/index.js';
import { NETWORK_COLUMN } from '../../util/networkColumn.js';
import { configOverrides } from './assign.js';
import type { Note } from './problems.js';
import type { ParamValue, SpaceContext, SpaceVariable } from './types.js';

/** Most designs the combination check builds (~0.9 ms each on VGG16, so ~2 s at most); the rest are not checked. */
export const MAX_COMBINATION_PROBES = 2000;

export function checkBaseDesign(
  networks: readonly string[], base: Readonly<Record<string, ParamValue>>, variables: readonly SpaceVariable[], context: SpaceContext, note: Note,
): void {
  const refusal = context.designRefusal;
  if (!refusal) return;
  const searched = variables.filter((v) => v.name !== NETWORK_COLUMN);
  const overrides = configOverrides({ base, variables: searched }, searched.map((v) => v.values[0]));
  for (const network of networks) {
    const why = refusal(network, overrides);
    if (why !== undefined) {
      note('base', `the space's base design (base values, every parameter at its first value) is refused on ${network}: ${why}`);
      return;
    }
  }
  checkCombinations(networks, base, searched, refusal, note);
}

/** A searched value: the variable's index and the value's index in its values. */
type Pick = readonly [variable: number, value: number];

/**
 * Notes each value (then each pair of values of two parameters) that, with the others at their first values, the
 * simulator refuses on a network and that no single other value makes evaluable. A value refused alone is not paired.
 */
function checkCombinations(
  networks: readonly string[], base: Readonly<Record<string, ParamValue>>, searched: readonly SpaceVariable[],
  refusal: NonNullable<SpaceContext['designRefusal']>, note: Note,
): void {
  let probes = 0;
  /** The simulator's refusal of the design with `picks` and every other parameter at its first value; undefined past the budget. */
  const refused = (network: string, picks: readonly Pick[]): string | undefined => {
    if (++probes > MAX_COMBINATION_PROBES) return undefined;
    const point = searched.map((v) => v.values[0]);
    for (const [variable, value] of picks) point[variable] = searched[variable].values[value];
    return refusal(network, configOverrides({ base, variables: searched }, point));
  };
  // Refused with every value of each other parameter, one at a time.
  const always = (network: string, picks: readonly Pick[]): boolean => searched.every((v, k) => picks.some(([i]) => i === k)
    || v.values.every((_, at) => at === 0 || refused(network, [...picks, [k, at]]) !== undefined));
  const named = ([i, at]: Pick): string => `parameters.${searched[i].name} value ${describeValue(searched[i].values[at])}`;
  const refusedAlone = new Set<string>();
  const check = (picks: readonly Pick[]): void => {
    for (const network of networks) {
      const why = refused(network, picks);
      if (why === undefined || !always(network, picks)) continue;
      if (picks.length === 1) refusedAlone.add(String(picks[0]));
      const [[i, at], other] = picks;
      const advice = other ? 'drop one of the two values, or search them in separate spaces' : 'drop the value';
      note(`parameters.${searched[i].name}`, `value ${describeValue(searched[i].values[at])}${other ? ` with ${named(other)}` : ''} is refused on ${network} `
        + `whatever value any other parameter takes, so every design holding ${other ? 'them' : 'it'} would fail (${advice}): ${why}`);
      return;
    }
  };
  for (let i = 0; i < searched.length; i++) for (let a = 1; a < searched[i].values.length; a++) check([[i, a]]);
  // Pairs of values past the first, then pairs with one first value: the design holding a value and the other
  // parameter's first value is the value's own design, which a second value of that parameter makes evaluable, so the
  // value passes alone; paired, it is refused as a pair past the first values would be (until QA recent defect 5 a space
  // was refused or accepted by the order of its values: adc.kind [sar, senseamp] with a mapping [offset-diff, ...]
  // passed with a note and failed rows, [..., offset-diff] was refused).
  for (const firstToo of [false, true]) {
    for (let i = 0; i < searched.length; i++) {
      for (let j = i + 1; j < searched.length; j++) {
        for (let a = firstToo ? 0 : 1; a < searched[i].values.length; a++) {
          for (let b = firstToo ? 0 : 1; b < searched[j].values.length && probes < MAX_COMBINATION_PROBES; b++) {
            if (firstToo === (a > 0 && b > 0) || (a === 0 && b === 0)) continue;
            if (!refusedAlone.has(String([i, a])) && !refusedAlone.has(String([j, b]))) check([[i, a], [j, b]]);
          }
        }
      }
    }
  }
}
