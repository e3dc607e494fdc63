/**
 * Derived metrics: arithmetic over a row's columns, `+ - * /`, parentheses, numbers and column names
 * (metric or numeric parameter names, dots allowed: `breakdown.energy_pJ.crossbar + breakdown.energy_pJ.adc`).
 */

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'op'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr };

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][\w.]*)|([-+*/()]))/y;

/** Parse an expression; throws an Error whose message says what was expected where. */
export function parseExpr(text: string): Expr {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`unexpected "${text.slice(at).trim()[0]}" at character ${at + 1}`);
    tokens.push(m[1] ?? m[2] ?? m[3]);
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('the expression ends early');
    if (t === '(') {
      const e = sum();
      if (tokens[i++] !== ')') throw new Error('a ")"');
      return e;
    }
    if (t === '-') return { kind: 'neg', arg: primary() };
    if (/^[\d.]/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) return { kind: 'name', name: t };
    throw new Error(`unexpected "${t}"`);
  };
  const product = (): Expr => {
    let left = primary();
    while (peek() === '*' || peek() === '/') left = { kind: 'op', op: tokens[i++] as '*' | '/', left, right: primary() };
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (peek() === '+' || peek() === '-') left = { kind: 'op', op: tokens[i++] as '+' | '-', left, right: product() };
    return left;
  };
  const expr = sum();
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]}" after a complete expression`);
  return expr;
}

/** The column names an expression reads. */
export function exprNames(expr: Expr): string[] {
  switch (expr.kind) {
    case 'number': return [];
    case 'name': return [expr.name];
    case 'neg': return exprNames(expr.arg);
    case 'op': return [...new Set([...exprNames(expr.left), ...exprNames(expr.right)])];
  }
}

/** Evaluate with `value(name)`; a missing or non-numeric column gives NaN. */
export function evalExpr(expr: Expr, value: (name: string) => number): number {
  switch (expr.kind) {
    case 'number': return expr.value;
    case 'name': return value(expr.name);
    case 'neg': return -evalExpr(expr.arg, value);
    case 'op': {
      const a = evalExpr(expr.left, value);
      const b = evalExpr(expr.right, value);
      return expr.op === '+' ? a + b : expr.op === '-' ? a - b : expr.op === '*' ? a * b : a / b;
    }
  }
}
