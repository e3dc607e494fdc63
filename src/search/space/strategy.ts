/**
 * The `strategy` section of a space, checked through the strategy registry: the name, the settings against the
 * strategy's schema, then the space against the settings (the strategy's own `check`). Command-line overrides
 * (--strategy, --budget) and runSearch's `strategy` and `budget` make a new (space, settings) pair: `effectiveStrategy`
 * checks it through the same functions (the strategy's name phrased for their origin, its check for the command line).
 */
import { ConfigError, didYouMean } from '../../core/index.js';
import { isRecord } from '../guards.js';
import { checkSettings, RUN_OPTION_WORDS, withDefaultSettings, type RunOrigin, type SettingsOrigin, type StrategyCheckInput, type StrategyIssue } from '../strategies/definition.js';
import type { StrategyRegistry } from '../strategies/registry.js';
import type { Fail, Note } from './problems.js';
import type { SearchSpace, SpaceStrategy, SpaceVariable, StrategySettings } from './types.js';

/** A parsed strategy section, with the keys of the settings its schema refused (StrategyCheckInput.refused). */
export type ParsedStrategy = SpaceStrategy & { readonly refused: readonly string[] };

export function parseStrategy(raw: unknown, registry: StrategyRegistry, fail: Fail, note: Note): ParsedStrategy | undefined {
  const names = registry.names.join(', ');
  const spec = typeof raw === 'string' ? { name: raw } : raw;
  if (!isRecord(spec)) {
    fail('strategy', raw, `{"name": one of ${names}, ...settings}`);
    return undefined;
  }
  const { name, ...given } = spec;
  const definition = typeof name === 'string' ? registry.get(name) : undefined;
  if (typeof name !== 'string' || !definition) {
    fail('strategy.name', name, `one of ${names}${typeof name === 'string' ? didYouMean(name, registry.names) : ''}`);
    return undefined;
  }
  const { settings, issues } = checkSettings(name, definition.settings, given, 'strategy.');
  for (const issue of issues) note(issue.field, issue.message);
  return { name, settings, refused: Object.keys(given).filter((key) => !(key in settings)) };
}

/** What a strategy's check sees of a space. */
export function checkInput(
  space: { readonly variables: readonly SpaceVariable[]; readonly objectives: readonly unknown[]; readonly constraints: readonly unknown[] },
  budget: { readonly evaluations?: number; readonly time_s?: number },
  origin: SettingsOrigin,
  refused?: readonly string[],
): StrategyCheckInput {
  return {
    origin,
    ...(refused ? { refused } : {}),
    objectives: space.objectives.length,
    size: () => space.variables.reduce((n, v) => n * BigInt(v.values.length), 1n),
    evaluations: budget.evaluations,
    timed: budget.time_s !== undefined,
    constraints: space.constraints.length,
  };
}

/** The space's strategy against its settings (the registry's check); one note per issue. */
export function checkSpaceStrategy(
  registry: StrategyRegistry,
  strategy: ParsedStrategy,
  space: Parameters<typeof checkInput>[0],
  budget: Parameters<typeof checkInput>[1],
  note: Note,
): void {
  for (const issue of registry.require(strategy.name).check(checkInput(space, budget, 'space', strategy.refused), strategy.settings)) note(issue.field, issue.message);
}

export interface EffectiveStrategy {
  readonly name: string;
  readonly settings: StrategySettings;
  readonly evaluations: number | undefined;
}

/**
 * The strategy, settings and evaluation budget a run uses: the space's, or the command line's overrides (a
 * different strategy runs on its defaults). Overrides are checked by the strategy's check; the space's own pair
 * was checked when it was parsed.
 */
export function effectiveStrategy(
  space: SearchSpace,
  registry: StrategyRegistry,
  overrides: { readonly strategy?: string; readonly budget?: number; readonly onNote?: (note: string) => void },
  origin: RunOrigin,
): EffectiveStrategy {
  const name = overrides.strategy ?? space.strategy.name;
  const definition = registry.require(name, overrides.strategy !== undefined ? RUN_OPTION_WORDS[origin].strategy : 'strategy');
  const settings = name === space.strategy.name ? space.strategy.settings : {};
  const evaluations = overrides.budget ?? space.budget.evaluations;
  if (name !== space.strategy.name || evaluations !== space.budget.evaluations) {
    // Phrased for the command line from either origin: the checks' 'api' words are the strategy functions' options
    // (maxEvaluations, weights), which runSearch does not take either.
    const issues: StrategyIssue[] = definition.check(checkInput(space, { ...space.budget, evaluations }, 'command line'), settings);
    if (issues.length > 0) throw new ConfigError(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
  }
  const effective = { name, settings, evaluations };
  for (const note of strategyNotes(space, effective, registry)) overrides.onNote?.(note);
  return effective;
}

/**
 * The most evaluations a run can make: the strategy's own plan (population x generations, a grid's points) or its
 * budget, never more than the space's points, since no strategy proposes a point twice (each stops 'exhausted').
 * Undefined when a run stops on time alone. What the progress bar counts to and the memory check plans for.
 */
export function plannedEvaluations(space: SearchSpace, strategy: EffectiveStrategy, registry: StrategyRegistry): number | undefined {
  const input = checkInput(space, { ...space.budget, evaluations: strategy.evaluations }, 'space');
  const definition = registry.require(strategy.name);
  const planned = definition.planned ? definition.planned(input, withDefaultSettings(definition.settings, strategy.settings)) : strategy.evaluations;
  return planned === undefined ? undefined : Math.min(planned, Number(input.size()));
}


/** The strategy's notes on its settings for this space (StrategyDefinition.notes): what runs, but not as one may expect. */
export function strategyNotes(space: SearchSpace, strategy: EffectiveStrategy, registry: StrategyRegistry): string[] {
  return registry.require(strategy.name).notes?.(checkInput(space, { ...space.budget, evaluations: strategy.evaluations }, 'space'), strategy.settings) ?? [];
}
