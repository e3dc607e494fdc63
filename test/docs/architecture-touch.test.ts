/**
 * docs/architecture.md's "To add X, touch Y" table names lists and functions by the file they live in
 * (`INFERENCE_ACTIONS` (`src/sim/ela/actions.ts`...): each such name must be declared in that file. Until 2026-12-07
 * (QA docs defect 4) the CLI-command row sent one to `commands` in src/cli/program.ts; the list is `COMMANDS` in
 * src/cli/commandList.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DOC = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
const start = DOC.indexOf('## To add X, touch Y');
const TABLE = DOC.slice(start, DOC.indexOf('\n## ', start + 1)).split('\n').filter((line) => line.startsWith('| '));

/** Each `NAME` (or `NAME` / `OTHER`) directly followed by its file, `(`path.ts``, with the row it is on. */
const named = TABLE.flatMap((row) => [...row.matchAll(/`(\w+)`(?: \/ `(\w+)`)? \(`([\w/.-]+\.ts)`/g)]
  .flatMap((m) => [m[1], m[2]].filter((n): n is string => n !== undefined).map((name) => ({ row: row.split('|')[1].trim(), name, file: m[3] }))));

describe('docs/architecture.md, "To add X, touch Y"', () => {
  it('names at least the lists of the registries it describes', () => {
    expect(named.map((n) => n.name)).toEqual(expect.arrayContaining(['DEVICE_PRESETS', 'DEVICE_KINDS', 'BUILTIN_STRATEGIES', 'COMMANDS']));
  });

  it.each(named.map((n) => [`${n.row}: ${n.name} in ${n.file}`, n] as const))('%s is declared there', (_, { name, file }) => {
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`\\b(?:const|let|function|class|interface|type|enum) ${name}\\b`));
  });
});

/** The module table under "### The run folder (`src/io/run/`)": its first cells. */
function runFolderModules(): string[] {
  const from = DOC.indexOf('### The run folder (`src/io/run/`)');
  const section = DOC.slice(from, DOC.indexOf('\n## ', from));
  return section.split('\n').map((line) => /^\| `([\w.]+\.ts)` \|/.exec(line)?.[1]).filter((f): f is string => f !== undefined).sort();
}

describe('docs/architecture.md, the run folder', () => {
  it('has a row for every module of src/io/run/ (index.ts re-exports them)', () => {
    const modules = readdirSync('src/io/run').filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort();
    expect(runFolderModules()).toEqual(modules);
  });

  it("names the streaming reader where the report and pareto read (QA docs defect 5: it said csv.ts's readCsvText)", () => {
    const row = DOC.split('\n').find((line) => line.startsWith('| `csvStream.ts` |')) ?? '';
    expect(row).toContain('cosearch report');
    expect(readFileSync('src/io/report/run.ts', 'utf8')).toContain('streamCsvFile');
    expect(readFileSync('src/cli/commands/pareto.ts', 'utf8')).toContain('streamCsvFile');
  });
});
