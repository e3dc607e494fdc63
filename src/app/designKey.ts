/**
 * The simulator's design key (RunSearchOptions.designKey, src/search/run/designs.ts): two configurations are one design
 * when their effective designs are equal (src/sim/effectiveDesign.ts: every adc.* setting a layer's converter ignores put
 * to its default, per layer), so a search evaluates such a chip once and lists it once. Only for a space that sweeps a
 * setting some of its designs let no converter read (adcSpaceNotes.ts ignoredSweeps): any other run keeps its columns.
 */
import { ConfigError } from '../core/index.js';
import { checkedConfigFor } from '../model/index.js';
import { effectiveOverrides } from '../sim/effectiveDesign.js';
import { canonicalKey, type DesignKey } from '../search/index.js';
import { ignoredSweeps } from './adcSpaceNotes.js';
import { designResolver } from './designResolver.js';
import { spaceLayers } from './spaceValues.js';

export const SIMULATOR_DESIGN_KEY: DesignKey = {
  create({ network, networks, base, variables }) {
    // The weight layers of every network the space can draw.
    if (ignoredSweeps({ base, variables }, spaceLayers(networks)).length === 0) return undefined;
    const resolve = designResolver(network, base);
    return (overrides) => {
      try {
        const resolved = resolve(overrides);
        checkedConfigFor(resolved.network, resolved.config);
        return canonicalKey(effectiveOverrides(resolved.network, resolved.config, overrides));
      } catch (error) {
        // A configuration the simulator refuses is a design of its own: its row fails with the refusal, never takes another's outcome.
        if (error instanceof ConfigError) return undefined;
        throw error;
      }
    };
  },
};
