/**
 * One design, one verdict in a lazy run: the rows of one design key (the same configuration, or a repeat of its chip,
 * src/search/run/designs.ts) are one design, so once one is measured the others take its outcome rather than a verdict
 * of their own from their cheap metrics (a chip measured `true` was written again as `dominated` with no accuracy).
 */

/**
 * Keeps each key's first measured outcome (`true`) in `measured` and gives it to the rows of `out` whose key has one and
 * that stay unmeasured (a stopped measurement, `bound`, keeps its own); returns `out`, changed in place.
 */
export function settleByKey<T extends { readonly accuracyMeasured: string }>(measured: Map<string, T>, out: T[], keys: readonly string[]): T[] {
  out.forEach((o, j) => {
    const known = measured.get(keys[j]);
    if (!known && o.accuracyMeasured === 'true') measured.set(keys[j], o);
    else if (known && o.accuracyMeasured !== 'true' && o.accuracyMeasured !== 'bound') out[j] = known;
  });
  return out;
}

/**
 * Whether a row's status is a verdict on its design, so that it can be the design's first row (run/designs.ts
 * `sameAs`): an eager row (no lazy status), a measured one (`true`, `bound`), a failed one (`false`) or one proven out
 * (`dominated`, `infeasible`: no row of its design can enter the front). `unselected` (the selection dropped it) and
 * `predicted` (an assumption) are none: a later row of the design may be measured and enter the front, which lists a
 * design by its first row, so such a row is no design's first row (and is not marked either while none is).
 */
export function judgesDesign(outcome: object): boolean {
  const status = 'accuracyMeasured' in outcome ? outcome.accuracyMeasured : undefined;
  return status !== 'unselected' && status !== 'predicted';
}
