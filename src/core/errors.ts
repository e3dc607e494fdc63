/** An input mistake the user can fix: the message names the field, the value and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A marker no user text holds: non-finite numbers travel through JSON.stringify as text, then lose their quotes. */
const NON_FINITE = '\u0001non-finite:';
const NON_FINITE_TEXT = /"\\u0001non-finite:(NaN|-?Infinity)"/g;

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON.stringify says null for these (1e999, YAML's .nan)
  if (value === undefined) return 'nothing';
  try {
    // Inside arrays and objects too: [NaN, 1] is shown as such, not as [null,1].
    const marked = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${String(v)}` : v));
    return marked === undefined ? String(value) : marked.replace(NON_FINITE_TEXT, '$1');
  } catch {
    return String(value);
  }
}

/**
 * Where a JSON or YAML parser failed, without the parser's quote of the text (which could be another file's
 * content, e.g. a secret, or terminal escapes): `at position 12`, `at line 1, column 7`, or `syntax error`.
 */
export function syntaxErrorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lineColumn = /line (\d+),? column (\d+)/.exec(message);
  if (lineColumn) return `syntax error at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /at position (\d+)/.exec(message);
  if (position) return `syntax error at position ${position[1]}`;
  if (/end of (JSON|data) input/i.test(message)) return 'unexpected end of input';
  return 'syntax error';
}
