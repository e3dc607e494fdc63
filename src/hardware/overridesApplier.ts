/**
 * applyOverrides for a search's points: the same configurations, with each section's copy made once per combination
 * of the values set in it and shared (overridesApplier).
 */
import { applyOverrides, configWithSections, isCheckedConfig, overridePath, type HardwareConfig } from './config.js';

/** applyOverrides over one base, for configurations that come in long runs (overridesApplier). */
export type OverridesApplier = (overrides: Readonly<Record<string, unknown>>) => HardwareConfig;

/** Configurations whose sections an applier keeps per section (then it forgets them all and starts again). */
const APPLIER_SECTIONS_LIMIT = 4096;
/** Shapes of override sets an applier keeps apart (the least recently used is dropped). */
const APPLIER_SHAPES_LIMIT = 8;

/**
 * applyOverrides(base, overrides) for a run of override sets that name the same paths (a search's points): the same
 * configuration, value for value and key for key, and the same refusals. Each top-level section an override set
 * changes (`device`, `adc`, ...) depends only on the base and the values set in it, so the applier keeps the section
 * applyOverrides built for each combination of them and gives every later configuration with that combination the
 * same object: a configuration costs one object, not a copy of every section it changes. Values come in checked by
 * the applyOverrides call that built their section (the same path and value pass the same check), and every
 * configuration's consistency is checked whole, as applyOverrides does. Each set of paths (shape) keeps its own
 * sections; sets with `device.kind` (a preset that writes other device fields) or per-layer paths go to applyOverrides.
 */
export function overridesApplier(base: HardwareConfig): OverridesApplier {
  const checkedBase = isCheckedConfig(base) ? base : applyOverrides(base, {});
  // The shapes (sets of paths) seen lately, the last one used first: a worker may evaluate other override sets before
  // a search's points (a backend's start-up items, another run's space), and each keeps its own sections.
  const shapes: ShapeSections[] = [];
  let kept = 0;
  return (overrides) => {
    let shape: ShapeSections | undefined;
    for (let k = 0; k < shapes.length && !shape; k++) if (sameShape(overrides, shapes[k].paths)) shape = shapes[k];
    if (!shape) {
      if (shapes.length >= APPLIER_SHAPES_LIMIT) shapes.pop();
      shape = shapeSections(overrides);
    }
    if (shapes[0] !== shape) {
      const at = shapes.indexOf(shape);
      if (at >= 0) shapes.splice(at, 1);
      shapes.unshift(shape);
    }
    if (shape.direct) return applyOverrides(checkedBase, overrides);
    const { paths, sections, first, count } = shape;
    const found = shape.found;
    let full: HardwareConfig | undefined;
    for (let s = 0; s < sections.length; s++) {
      // A trie of this section's values (in path order) down to the section object built for them.
      let node: Map<unknown, unknown> = shape.tries[s];
      const end = first[s] + count[s];
      for (let i = first[s]; i < end; i++) {
        const value = overrides[paths[i]];
        // Map keys are SameValueZero: -0 would find 0's section (applyOverrides keeps -0), a NaN its own refusal.
        if (typeof value === 'number' ? value === 0 && 1 / value < 0 : typeof value !== 'string') return applyOverrides(checkedBase, overrides);
        let next = node.get(value);
        if (next === undefined) {
          full ??= applyOverrides(checkedBase, overrides);
          if (kept >= APPLIER_SECTIONS_LIMIT) {
            for (const known of shapes) for (const trie of known.tries) trie.clear();
            kept = 0;
          }
          next = i === end - 1 ? Reflect.get(full, sections[s]) : new Map<unknown, unknown>();
          node.set(value, next);
          if (i === end - 1) kept++;
        }
        if (i < end - 1) node = next as Map<unknown, unknown>;
        else found[s] = next as object;
      }
    }
    // Built on the kept sections even when applyOverrides just built it whole (a new combination in some section), so
    // a section's one object is what every configuration with its values holds.
    return configWithSections(checkedBase, sections, found, shape.presetBits);
  };
}

/** The paths of an applier's override sets grouped by top-level section (each group's paths consecutive in `paths`). */
interface ShapeSections {
  readonly paths: readonly string[];
  /** Sets of these paths go to applyOverrides as they are (device.kind, a per-layer or unknown path). */
  readonly direct: boolean;
  readonly sections: readonly string[];
  readonly first: readonly number[];
  readonly count: readonly number[];
  readonly tries: Map<unknown, unknown>[];
  /** The section objects of the configuration being built (scratch, one per section). */
  readonly found: object[];
  /** PRESET_FIELD_BIT of every path, or-ed: what applyOverrides records as named. */
  readonly presetBits: number;
}

/** The section grouping of `overrides`' paths (direct when the applier leaves such sets to applyOverrides). */
function shapeSections(overrides: Readonly<Record<string, unknown>>): ShapeSections {
  const bySection = new Map<string, string[]>();
  let presetBits = 0;
  const all = Object.keys(overrides);
  const direct: ShapeSections = { paths: all, direct: true, sections: [], first: [], count: [], tries: [], found: [], presetBits: 0 };
  for (const path of all) {
    if (path === 'device.kind' || path === '__proto__') return direct;
    let plan: ReturnType<typeof overridePath>;
    try {
      plan = overridePath(path);
    } catch {
      return direct; // refused by applyOverrides, each time
    }
    if (plan.perLayer) return direct;
    presetBits |= plan.presetBit;
    const group = bySection.get(plan.section);
    if (group) group.push(path);
    else bySection.set(plan.section, [path]);
  }
  const sections = [...bySection.keys()];
  const groups = [...bySection.values()];
  const first: number[] = [];
  let at = 0;
  for (const g of groups) {
    first.push(at);
    at += g.length;
  }
  return {
    paths: groups.flat(), direct: false, sections, first, count: groups.map((g) => g.length), tries: sections.map(() => new Map()),
    found: sections.map(() => ({})), presetBits,
  };
}

/** Whether `overrides` has exactly the own keys `paths` (in any order). */
function sameShape(overrides: Readonly<Record<string, unknown>>, paths: readonly string[]): boolean {
  let n = 0;
  for (const key in overrides) {
    if (!Object.hasOwn(overrides, key)) return false;
    n++;
  }
  if (n !== paths.length) return false;
  for (let i = 0; i < paths.length; i++) if (!Object.hasOwn(overrides, paths[i])) return false;
  return true;
}
