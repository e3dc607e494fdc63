/**
 * `layers.<key>.<path>` overrides in a space (`base`, `parameters`): the key must name a weight layer of every
 * network of the space (its name or its index); anything else (`conv99`, `-1`, a pool layer, `"conv1 "`,
 * `__proto__`) would be accepted by the hardware configuration and silently have no effect. The path form and the
 * check are src/util/layerKeys.ts's, shared with `cosearch evaluate` and the library's entry points.
 */
import type { LayerKeySet } from '../../util/layerKeys.js';

export { badLayerKey, canonicalLayerPath, layerKeyOf, pathsHidingGlobal } from '../../util/layerKeys.js';

/** What the parser knows of the space's weight layers: names (for suggestions) and accepted keys (names and indexes). */
export type SpaceLayers = LayerKeySet;
