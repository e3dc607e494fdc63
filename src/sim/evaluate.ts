/**
 * The energy-latency-area engine's entry point; the engine lives in ./ela/ (design, counts, prices, timing, area).
 * Model and equations: docs/simulator.md.
 */
export * from './ela/index.js';
