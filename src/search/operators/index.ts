export * from './sampling.js';
export * from './crossover.js';
export * from './mutation.js';
export * from './selection.js';
export * from './duplicates.js';
