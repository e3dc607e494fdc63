export * from './dominance.js';
export * from './hypervolume.js';
export * from './igd.js';
