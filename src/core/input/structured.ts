/**
 * JSON or YAML documents from user files, with the same guarantees for both: a key written twice refused, nesting
 * bounded (MAX_NESTING), syntax errors located without quoting the text.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { ConfigError } from '../errors.js';
import { MAX_NESTING, parseJsonStrict } from './json.js';
import { readInputText, type ReadInputOptions } from './read.js';

export type DocumentFormat = 'json' | 'yaml';

/**
 * The YAML parser, loaded at the first YAML document (require: parsing stays synchronous). Importing it costs
 * ~45 ms, which every command and every worker thread paid, though spaces and networks are mostly JSON.
 */
let yamlParse: typeof import('yaml').parse | undefined;
function parseYaml(text: string, options: { readonly uniqueKeys: boolean; readonly maxAliasCount: number }): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParse(text, options);
}

/** YAML for .yaml / .yml, JSON otherwise. */
export function formatOf(path: string): DocumentFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'json';
}

/** Parse a document's text; `file` names it in errors. */
export function parseDocument(text: string, file: string, format: DocumentFormat): unknown {
  if (format === 'json') return parseJsonStrict(text, file);
  let value: unknown;
  try {
    // uniqueKeys: a repeated key is an error (the YAML default, kept explicit); aliases bounded (billion laughs).
    value = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${yamlProblem(error)}`);
  }
  checkNesting(value, file);
  return value;
}

/** Read and parse a JSON or YAML file (format from its extension unless given). */
export function readDocument(path: string, options: ReadInputOptions & { readonly format?: DocumentFormat }): unknown {
  return parseDocument(readInputText(path, options), `${options.what} ${path}`, options.format ?? formatOf(path));
}

function yamlProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at line (\d+), column (\d+)/.exec(message);
  const place = at ? ` at line ${at[1]}, column ${at[2]}` : '';
  if (error instanceof RangeError || /call stack/i.test(message)) return `nested too deeply${place}, expected at most ${MAX_NESTING} levels`;
  if (/keys must be unique/i.test(message)) return `duplicate key${place} (write each key once)`;
  if (/alias/i.test(message) && /count|excessive/i.test(message)) return `too many aliases${place}`;
  return `syntax error${place}`;
}

/** Refuse a value nested deeper than MAX_NESTING (checked without recursion). */
export function checkNesting(value: unknown, file: string, max = MAX_NESTING): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() ?? [undefined, 0];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) throw new ConfigError(`${file}: nested deeper than ${max} levels, expected a shallower document`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}
