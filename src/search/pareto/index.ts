export * from './dominance.js';
export * from './hypervolume.js';
export * from './igd.js';
export * from './archive.js';
