/**
 * The strategy registry: name -> definition. Adding a strategy = its file (a StrategyDefinition) + one line in
 * BUILTIN_STRATEGIES; a caller may also pass its own registry (strategyRegistry([...BUILTIN_STRATEGIES, mine])).
 */
import { ConfigError, didYouMean } from '../../core/index.js';
import type { StrategyDefinition } from './definition.js';
import { evolveStrategy } from './evolve.js';
import { gridStrategy } from './grid.js';
import { nsga2Strategy } from './nsga2.js';
import { nsga3Strategy } from './nsga3.js';
import { randomStrategy } from './random.js';

export const BUILTIN_STRATEGIES: readonly StrategyDefinition[] = [nsga2Strategy, nsga3Strategy, evolveStrategy, gridStrategy, randomStrategy];

export interface StrategyRegistry {
  /** Names in registration order. */
  readonly names: readonly string[];
  get(name: string): StrategyDefinition | undefined;
  /** The definition, or a ConfigError naming the known ones (and a one-edit suggestion). */
  require(name: string, field?: string): StrategyDefinition;
}

export function strategyRegistry(definitions: readonly StrategyDefinition[]): StrategyRegistry {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const names = [...byName.keys()];
  return {
    names,
    get: (name) => byName.get(name),
    require: (name, field = 'strategy') => {
      const found = byName.get(name);
      if (!found) throw new ConfigError(`${field}: got ${JSON.stringify(name)}, expected one of ${names.join(', ')}${didYouMean(name, names)}`);
      return found;
    },
  };
}

export const STRATEGIES: StrategyRegistry = strategyRegistry(BUILTIN_STRATEGIES);

/**
 * Why `"lazy": "exact"` cannot run with this strategy, or undefined when it can: the exact mode keeps the eager run's
 * path by asking the strategy which designs its selection keeps (StrategyDefinition.selection). The strategies that
 * offer it are read from the registry, so one registered by a user is named too.
 */
export function exactLazyRefusal(registry: StrategyRegistry, name: string): string | undefined {
  if (registry.get(name)?.selection !== undefined) return undefined;
  const offering = registry.names.filter((n) => registry.get(n)?.selection !== undefined);
  return `"exact" keeps the eager path by asking the strategy's selection, which ${name} does not offer; expected a strategy that does (${offering.join(', ')})`;
}
