/**
 * Regenerates the old-format run fixtures of test/search/columns.test.ts (test/search/fixtures/columns/*) after a model
 * change moves their numbers (scripts/columnFixtures.ts says how).
 * Run: node --import tsx scripts/regenerate-column-fixtures.ts
 */
import { regenerateColumnFixtures } from './columnFixtures.js';

await regenerateColumnFixtures(new URL('../test/search/fixtures/columns/', import.meta.url).pathname);
console.log('done');
