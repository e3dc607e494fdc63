/**
 * An ADC kind is one module, its import and one line in the registry (docs/architecture.md "To add an ADC kind",
 * kind.ts's header). QA extend defect 2: index.ts had two tables (MODULES and REGISTRY), so a kind added by one line
 * failed tsc (TS2741: Property 'cco' is missing). Here the registry is compiled with a toy kind added the documented
 * way: its module, its import, and a copy of the last kind's first table line; it must type-check, and the kind's
 * name must then be an AdcKind that adcKind() takes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ADC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/hardware/components/adc');

/** index.ts with the kind `cco` added: its import, and the first `ramp:` line of the file copied as `cco:`. */
function withOneLine(source: string): string {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => /^\s+ramp: .*RAMP.*,$/.test(l));
  expect(at, 'a table line for ramp').toBeGreaterThan(-1);
  lines.splice(at + 1, 0, lines[at].replace('ramp:', 'cco:').replace('RAMP', 'CCO'));
  return [`import { CCO } from './cco.js';`, ...lines].join('\n');
}

function diagnostics(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, noEmit: true, skipLibCheck: true, types: ['node'], lib: ['lib.es2023.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(ADC, name), text]));
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = virtual.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([join(ADC, 'probe.ts')], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the ADC kind registry', () => {
  it('takes a new kind as one import and one line (it type-checks, and the name is an AdcKind)', () => {
    const files = {
      'index.ts': withOneLine(readFileSync(join(ADC, 'index.ts'), 'utf8')),
      'cco.ts': [
        `import type { AdcKindModule } from './kind.js';`,
        `import { RAMP } from './ramp.js';`,
        `export const CCO: AdcKindModule = { ...RAMP, name: 'cco', label: 'a toy kind for this test' };`,
      ].join('\n'),
      'probe.ts': [
        `import { adcKind, ADC_KINDS, type AdcKind } from './index.js';`,
        `const kind: AdcKind = 'cco';`,
        `export const probe = [adcKind(kind).name, ADC_KINDS];`,
      ].join('\n'),
    };
    expect(diagnostics(files)).toEqual([]);
  }, 60_000);

  it('the check sees a mistake (a kind name that is no AdcKind is refused by tsc)', () => {
    const files = { 'probe.ts': `import type { AdcKind } from './index.js';\nexport const kind: AdcKind = 'cco';` };
    expect(diagnostics(files).join('\n')).toContain(`Type '"cco"' is not assignable to type`);
  }, 60_000);
});
