/** Workloads: network specs, shape resolution, the JSON loader and the zoo. */
export * from './resolve.js';
export * from './load.js';
export * from './zoo.js';
export * from './select.js';
export * from './layerKeys.js';
export type * from './types.js';
