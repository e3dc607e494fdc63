/**
 * How a resume refusal names the first setting that differs (resume.ts settingDifference): entry by entry (`parameter
 * adc.bits`, `objective 2`) with both values as a space writes them, not both whole lists as JSON (QA runs defect 4).
 */
/** An objective as a space writes it: `energy_pJ:min`. */
export const objectiveText = (o: { readonly metric: string; readonly sense: string }): string => `${o.metric}:${o.sense}`;

/** Strategy settings as `generations=60, populationSize=16` (by name), `none` when there are none. */
export function settingsText(settings: object): string {
  const entries = Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/** One check per position of `was` and `now` (`objective 2`): a position only one of them has is compared with undefined (none). */
export function byPosition(what: string, was: readonly string[], now: readonly string[]): [string, unknown, unknown][] {
  return Array.from({ length: Math.max(was.length, now.length) }, (_, i) => [`${what} ${i + 1}`, was[i], now[i]]);
}

/** One check per key of `was` then of `now` (`parameter adc.bits`): a key only one of them has is compared with undefined (shown as none). */
export function byName(what: string, was: object, now: object): [string, unknown, unknown][] {
  const names = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return names.map((name) => [`${what} ${name}`, (was as Record<string, unknown>)[name], (now as Record<string, unknown>)[name]]);
}
