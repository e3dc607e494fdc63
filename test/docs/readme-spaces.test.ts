/**
 * README's "Search spaces" table lists every space shipped in search-spaces/ (until 2026-12-07, QA docs defect 2,
 * it had no row for table2-codependence.json, pipesdfa-vs-bptt.json or pipesdfa-devices.json, which
 * `cosearch studies` lists), and names no space that is not shipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SHIPPED = readdirSync(new URL('../../search-spaces/', import.meta.url)).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();

/** The first cells of the table under "## Search spaces" (`default.json`, ...). */
function tableSpaces(): string[] {
  const section = README.slice(README.indexOf('## Search spaces'), README.indexOf('\n## ', README.indexOf('## Search spaces') + 1));
  return section.split('\n').map((line) => /^\| `([^`]+\.(?:json|ya?ml))` \|/.exec(line)?.[1]).filter((f): f is string => f !== undefined).sort();
}

describe("README's table of shipped search spaces", () => {
  it('has one row per file in search-spaces/', () => {
    expect(SHIPPED.length).toBeGreaterThan(10);
    expect(tableSpaces()).toEqual(SHIPPED);
  });
});
