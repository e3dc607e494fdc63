export { nsga2, rankAndCrowdingSurvival, type Nsga2Options } from './nsga2.js';
export { evolve, type EvolveOptions } from './evolve.js';
export { gridSearch, gridSize, gridPoints, gridAxis, GRID_UNBUDGETED_LIMIT } from './grid.js';
export { randomSearch } from './random.js';
export type { VariationOptions } from './variation.js';
