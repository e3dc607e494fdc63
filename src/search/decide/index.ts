/** The decision rules (knee, pseudo-weights, lexicographic, conditions) live in src/util/decide.ts, below io. */
export * from '../../util/decide.js';
