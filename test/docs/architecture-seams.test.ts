/**
 * docs/architecture.md's sketches of the seams' interfaces (SpaceContext, EvaluationBackend, StrategyDefinition) name
 * every member the source declares, so one who implements a seam from the page misses none (until 2026-12-07, QA docs
 * defect 3, they left out SpaceContext's metricsUnder and inertLayerPath and StrategyDefinition's notes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DOC = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');

/** The body of `interface NAME {` ... the `}` that closes it at the start of a line, in `text`. */
function interfaceBody(text: string, name: string): string {
  const start = text.search(new RegExp(`^(export )?interface ${name} \\{`, 'm'));
  if (start < 0) throw new Error(`no interface ${name}`);
  return text.slice(start, text.indexOf('\n}', start));
}

/** The member names of an interface body: lines at two spaces' indent (`  readonly name`, `  name?(`, `  run<R>(`). */
function members(body: string): string[] {
  return [...body.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:<]/gm)].map((m) => m[1]);
}

/** Each member's parameter names in the source, `name(a: ..., b?: ...)`, by member. */
function parameters(body: string): Map<string, string[]> {
  return new Map([...body.matchAll(/^ {2}(\w+)\??(?:<[^>]*>)?\(([^)]*)\)/gm)]
    .map((m) => [m[1], [...m[2].matchAll(/(?:^|, )(\w+)\??:/g)].map((p) => p[1])] as const));
}

const SEAMS = [
  ['SpaceContext', 'src/search/space/types.ts'],
  ['EvaluationBackend', 'src/search/backend/types.ts'],
  ['StrategyDefinition', 'src/search/strategies/definition.ts'],
] as const;

describe("docs/architecture.md's interface sketches", () => {
  it.each(SEAMS)('%s names every member of %s, with its parameters', (name, file) => {
    const source = interfaceBody(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), name);
    const sketch = interfaceBody(DOC, name);
    expect(members(sketch).sort()).toEqual(members(source).sort());
    const sketchLines = sketch.split('\n');
    for (const [member, params] of parameters(source)) {
      const line = sketchLines.find((l) => new RegExp(`^ {2}${member}\\??[(<]`).test(l)) ?? '';
      for (const p of params) expect(line.slice(0, line.indexOf('//') >= 0 ? line.indexOf('//') : undefined), `${name}.${member}'s parameter ${p}`).toMatch(new RegExp(`\\b${p}\\b`));
    }
  });
});
