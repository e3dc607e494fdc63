/**
 * Typo suggestions the way esbuild's CLI makes them: a candidate is suggested when it is one edit away from what
 * was typed (one character inserted, deleted, replaced, or two neighbours swapped), ignoring case. Used for
 * parameter paths, metrics, layer names, strategies, networks and space fields.
 */

import { ConfigError } from './errors.js';

/** True when `a` and `b` differ by at most one edit (insert, delete, replace, adjacent swap), case ignored. */
export function withinOneEdit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    // A replacement, or a swap of the two neighbours at i.
    if (x.slice(i + 1) === y.slice(i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
  }
  // One insertion into the shorter.
  return x.length < y.length ? x.slice(i) === y.slice(i + 1) : x.slice(i + 1) === y.slice(i);
}

/**
 * The candidate equal to `typed` but for case and surrounding white space (a padded CSV header cell `" b"` for `b`),
 * else the first within one edit of it (an exact match is not a suggestion), or undefined. The first comes first: `"a"`
 * is one edit from `b` as well, but not what was meant.
 */
export function closestMatch(typed: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const key = typed.trim().toLowerCase();
  return list.find((c) => c !== typed && c.trim().toLowerCase() === key) ?? list.find((c) => c !== typed && withinOneEdit(typed, c));
}

/**
 * The one candidate `typed` abbreviates, or undefined: its letters in order, the same first letter, at least three
 * letters, case ignored (popSize for populationSize, maxEvals for maxEvaluations). None when several fit.
 */
export function abbreviated(typed: string, candidates: Iterable<string>): string | undefined {
  const t = typed.toLowerCase();
  if (t.length < 3) return undefined;
  const fits = [...candidates].filter((c) => {
    const x = c.toLowerCase();
    if (x.length <= t.length || x[0] !== t[0]) return false;
    let at = 0;
    for (const ch of x) if (ch === t[at]) at++;
    return at === t.length;
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/** The one candidate that starts with `typed` (case ignored), or undefined: none when several do or `typed` is empty. */
export function prefixOf(typed: string, candidates: Iterable<string>): string | undefined {
  const t = typed.toLowerCase();
  if (t === '') return undefined;
  const fits = [...candidates].filter((c) => c.length > t.length && c.toLowerCase().startsWith(t));
  return fits.length === 1 ? fits[0] : undefined;
}

/** `' (did you mean "x"?)'` for a name typed short (a study, a file stem): one edit away, else the one it begins. */
export function didYouMeanName(typed: string, candidates: readonly string[]): string {
  return hint(closestMatch(typed, candidates) ?? prefixOf(typed, candidates));
}

/** `' (did you mean "x"?)'` for an option key: the closest candidate one edit away, else the one it abbreviates. */
export function didYouMeanKey(typed: string, candidates: readonly string[]): string {
  return hint(closestMatch(typed, candidates) ?? abbreviated(typed, candidates));
}

/** `' (did you mean "x"?)'` for the closest candidate, or '' when none is one edit away. */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  return hint(closestMatch(typed, candidates));
}

/**
 * The choice `typed` names (a choice option's value: `--training`, `--algorithm`, `--write-scheme`), else the
 * refusal every choice option gives: the flag, the value, the choices (`why`: what they are for) and the closest one.
 */
export function pickChoice<T extends string>(flag: string, typed: string, choices: readonly T[], why = ''): T {
  const found = choices.find((c) => c === typed);
  if (found !== undefined) return found;
  throw new ConfigError(`${flag}: got ${JSON.stringify(typed)}, expected one of ${choices.join(', ')}${why}${didYouMean(typed, choices)}`);
}

function hint(match: string | undefined): string {
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}
