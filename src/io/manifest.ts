/** Moved to src/io/run (the run-folder schema); kept for src/search/engine.ts until it imports from there. */
export { readManifest, writeManifest, type HypervolumePoint, type RunManifest, type RunStatus } from './run/index.js';
