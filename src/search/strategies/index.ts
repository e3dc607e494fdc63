export { nsga2, nsga2Operators, rankAndCrowdingSurvival, nsga2Strategy, type Nsga2Options, type Nsga2Survival, type Ranked } from './nsga2.js';
export { askTell, nsga2Optimizer, nsga3Optimizer, type AskTellOptimizer, type AskTellProblem } from './asktell.js';
export { defaultOperators, type Operators, type Sampling, type Survival } from './operators.js';
export { remateDuplicates, repairDuplicates, PYMOO_MAX_MATING_BATCHES, type Breeding, type DuplicateElimination } from './elimination.js';
export { nsga3, nsga3Operators, nsga3Strategy, nsga3Plan, NSGA3_VARIATION, type Nsga3Options } from './nsga3.js';
export { dasDennis, dasDennisCount, twoLayerDirections } from './refdirs.js';
export { HyperplaneNormaliser, extremePoints, nadirPoint } from './normalise.js';
export { associate, niching, referenceDirectionSurvival } from './niching.js';
export { evolve, evolveStrategy, type EvolveOptions } from './evolve.js';
export { gridSearch, type GridSearchOptions, gridSize, gridPoints, gridAxis, gridStrategy, GRID_UNBUDGETED_LIMIT, GRID_CHUNK_POINTS } from './grid.js';
export { randomSearch, randomStrategy, type RandomSearchOptions } from './random.js';
export { samplerFor, type VariationOptions } from './variation.js';
export { BUILTIN_STRATEGIES, STRATEGIES, strategyRegistry, type StrategyRegistry } from './registry.js';
export {
  checkSettings, withDefaultSettings, settingExpected, settingProblem, numberSetting, numberSettings, stringSetting, numbersSetting, optional, assertStrategyOptions, type LibraryEntry, type SettingSpec, type SettingsSchema, type SettingsOrigin, type StrategyCheckInput, type StrategyDefinition, type StrategyIssue,
} from './definition.js';
export { SearchRun, breedUnique, sampleUnique, type Individual } from './core.js';
