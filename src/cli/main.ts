#!/usr/bin/env node
/**
 * The `cosearch` executable: loads the command line (program.ts) and runs it. Loaded with a dynamic import so that a
 * module throwing as it loads (a bug: e.g. a registry entry missing a piece) exits 2 like every other internal error,
 * with the same `cosearch: internal error:` line; a static import fails before any of our code runs, and node exits 1,
 * the code of a user's mistake.
 */
import { loadAndRun } from './load.js';

await loadAndRun(() => import('./program.js'));
