/** A search space as validated from a space file (JSON or YAML): see docs/search.md for the file format. */
import type { Study } from '../../studies/types.js';
import type { RunParameter } from '../../io/run/index.js';
import type { ParamValue } from '../../util/paramValue.js';

export type Sense = 'min' | 'max';

/** A parameter value as the search handles it: a number, or a choice's name (src/util/paramValue.ts). */
export type { ParamValue };

/** One searched variable (a CSV column): the same record a run folder's manifest keeps (src/io/run). */
export type SpaceVariable = RunParameter;

export interface SpaceObjective {
  readonly metric: string;
  readonly sense: Sense;
  /** Hypervolume reference value for this objective (optional; else taken from the first batch, see docs). */
  readonly reference?: number;
}

export interface SpaceConstraint {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

export type StrategySetting = number | string | readonly number[];
export type StrategySettings = Readonly<Record<string, StrategySetting>>;

/** A strategy name: a key of the strategy registry (search/strategies/registry.ts). */
export type StrategyName = string;

export interface SpaceStrategy {
  readonly name: StrategyName;
  /** Strategy options passed through to the library strategy (populationSize, generations, sampling, weights...). */
  readonly settings: StrategySettings;
}

export interface SpaceBudget {
  readonly evaluations?: number;
  readonly time_s?: number;
}

export interface SearchSpace {
  readonly name: string;
  readonly description?: string;
  /** The file it was read from (absolute), or '<inline>'. */
  readonly file: string;
  /** The first (or only) network; the default of configurations that do not set `network`. */
  readonly network: string;
  /** Every network of the space; with more than one, the first variable is `network` (a choice among them). */
  readonly networks: readonly string[];
  /** Fixed overrides (parameter path -> value) applied to the default configuration before the searched ones. */
  readonly base: Readonly<Record<string, ParamValue>>;
  readonly variables: readonly SpaceVariable[];
  readonly objectives: readonly SpaceObjective[];
  readonly constraints: readonly SpaceConstraint[];
  readonly strategy: SpaceStrategy;
  readonly seed: number;
  readonly budget: SpaceBudget;
  /** What the run should show and confirm (docs/studies.md): the validated section, and the section as written (recorded in manifest.json). */
  readonly study?: Study;
  readonly studySpec?: unknown;
  /** Measure expensive metrics lazily (docs/search.md, "Lazy accuracy"); absent = off. */
  readonly lazy?: LazyMode;
}

/**
 * A lazy run: `true` defers the expensive metrics; `'early-stop'` also stops a measurement once a constraint on it
 * is proven broken (fewer samples, kept stopped only where the selection drops it even at its best possible accuracy: opt-in);
 * `'predict'` also skips a design whose expensive constraint is predicted violated by its measured neighbours (opt-in);
 * `'exact'` also measures every design the strategy's selection keeps, so its parents, and with them the front, are an
 * eager run's (opt-in; more measurements than `true`).
 */
export type LazyMode = boolean | 'early-stop' | 'predict' | 'exact';

/** What the space parser needs to know of one parameter path. */
export interface ParameterInfo {
  /** Whether the parameter may be set per weight layer (`perLayer` / `groups`). */
  readonly perLayer: boolean;
  /**
   * Whether the engines read its global value only as the default of weight layers without their own: a global value
   * that per-layer entries override on every weight layer does nothing and is refused.
   */
  readonly readPerLayerOnly?: boolean;
  /** Whether its values are integers (ranges then need integer min and step, log ranges are rounded). */
  readonly integer: boolean;
  /**
   * The values a numeric parameter allows, [min, max] ((min, max] with minExclusive): a range's own min and max are
   * checked against it, so a range reaching past it is one line, not one per generated value.
   */
  readonly allowed?: { readonly min: number; readonly max: number; readonly minExclusive?: boolean };
}

/**
 * Everything search knows about the world it searches, injected (src/app/context.ts builds the simulator's):
 * parameter paths and their values, metric names, networks and their weight layers. Search itself never
 * imports the simulator.
 */
export interface SpaceContext {
  /** Metric names an evaluation produces, in CSV column order. */
  readonly metrics: readonly string[];
  /** Names of the weight (conv/linear) layers of a network, in order; throws if the network is unknown. */
  weightLayers(network: string): readonly string[];
  /** What the parser needs of a parameter path; throws a ConfigError for an unknown path (with a suggestion). */
  parameter(path: string): ParameterInfo;
  /** A value of the space (a file's, typed) for a parameter path, validated; throws a ConfigError naming what was expected. */
  parseValue(path: string, raw: unknown): ParamValue;
  /**
   * A nested configuration object (`{ adc: { bits: 6 } }`) as path -> raw value; the path of each empty object under
   * `layers` (`layers.fc9`), which sets nothing, is pushed to `emptyLayerBlocks` when given, for the layer check.
   */
  flatten(obj: Readonly<Record<string, unknown>>, emptyLayerBlocks?: string[]): Record<string, unknown>;
  /**
   * Which of `metrics` an evaluation of this network can measure (optional: all when absent). A metric left out
   * may not be an objective or a constraint of a space on that network; `why` and `instead` phrase the refusal.
   */
  metricsFor?(network: string): MetricAvailability;
  /**
   * Which metrics the space's own settings let its evaluations measure, one availability per rule (optional: all when
   * absent), e.g. none of the training cost where `base` and the parameters leave training.algorithm at none. A metric
   * any rule leaves out is refused as metricsFor's are, with that rule's `why` and `instead`.
   */
  metricsUnder?(settings: { readonly base: Readonly<Record<string, ParamValue>>; readonly variables: readonly SpaceVariable[]; readonly networks: readonly string[] }): readonly MetricAvailability[];
  /** The values a metric can take (optional: any); a constraint outside them is refused (no design could meet it). */
  metricRange?(metric: string): MetricRange | undefined;
  /**
   * The keys a `layers.<key>.<path>` override may use for this network (its weight layers' names and indexes), each
   * to the name of the layer it sets (optional: `weightLayers`, each to itself, when absent). A list of keys (the form
   * before 2026-12-04) is still taken, each key then naming itself: an index and its layer's name are not matched.
   */
  layerKeys?(network: string): ReadonlyMap<string, string> | readonly string[];
  /**
   * Why a `layers.<key>.<path>` override would have no effect on this network (optional: none when absent), as the
   * `expected ...` part of a refusal; such a path in `base` or `parameters` is refused (e.g. a spike rate on a
   * direct-coded layer).
   */
  inertLayerPath?(network: string, path: string): string | undefined;
  /**
   * Why the simulator refuses the design `overrides` (a full override set: base, then the parameters' values) on this
   * network, as its one-line message, or undefined (optional: no check when absent). Asked of the space's base design
   * only (baseDesign.ts): its configuration is built and its weight layers mapped, nothing evaluated.
   */
  designRefusal?(network: string, overrides: Readonly<Record<string, ParamValue>>): string | undefined;
}

/** The values a metric can take (min and max inclusive, max Infinity when unbounded) and its unit, for messages. */
export interface MetricRange {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/** What a network's evaluations measure: the metric names, and for the others why not and what to use instead. */
export interface MetricAvailability {
  readonly measured: readonly string[];
  /** Why the other metrics are not measured (`no trained weights`). */
  readonly why?: string;
  /** What to use instead (`use macError_rms, or a network with weights: mlp-mnist, cnn-mnist`). */
  readonly instead?: string;
}
