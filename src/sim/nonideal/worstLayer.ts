/**
 * The weight layer with the largest MAC error rms (the first of equals; none of no layers): metric macErrorMax_rms
 * and `cosearch evaluate`'s worst layer; networkMacError (macError.ts) gives the mean. A NaN rms is returned rather
 * than skipped (a comparison would pass over it): no worst layer is read past an unknown one.
 */
export function worstMacErrorLayer<L extends { readonly rms: number }>(layers: readonly L[]): L | undefined {
  let worst: L | undefined;
  for (const l of layers) {
    if (Number.isNaN(l.rms)) return l;
    if (worst === undefined || l.rms > worst.rms) worst = l;
  }
  return worst;
}
