/**
 * The report's one number format (tables, tooltips, breakdowns, captions, study tables; the plot axes pick their
 * unit with the same prefixes, and a log axis over too many decades for one unit labels each tick with it, axis.ts):
 * 4 significant digits, as docs/reports.md promises, and, where the unit is one of
 * the prefixable ones below, an engineering prefix on the base unit (4.0e8 pJ is `400 µJ`, not `400M` on a pJ axis).
 * No thousands separators (in a list, `3,684` read as two values). Whole numbers below 10⁶ without a unit
 * (counts: crossbars, indices) stay exact. A unit without a prefix here (mm², TOPS/W) is written only with `alwaysUnit` (withUnit), a header carrying it otherwise.
 *
 * formatQuantity is self-contained (no outer name, no inner function: a build may wrap those in a naming helper the
 * page lacks): the report's script embeds its source (client.ts), so the page's tooltips and breakdowns format
 * exactly as the page's tables.
 */
export function formatQuantity(v: number, unit = '', alwaysUnit = false): string {
  if (typeof v !== 'number') return String(v);
  if (!isFinite(v)) return '–';
  // unit -> [base unit, the unit's power of ten in the base]
  const bases: Record<string, [string, number]> = {
    pJ: ['J', -12], nJ: ['J', -9], 'µJ': ['J', -6], mJ: ['J', -3], J: ['J', 0],
    ps: ['s', -12], ns: ['s', -9], 'µs': ['s', -6], ms: ['s', -3], s: ['s', 0],
    'pJ·s': ['J·s', -12], 'J·s': ['J·s', 0],
    'µW': ['W', -6], mW: ['W', -3], W: ['W', 0], MHz: ['Hz', 6], GHz: ['Hz', 9],
  };
  const prefixes: Record<string, string> = { '-18': 'a', '-15': 'f', '-12': 'p', '-9': 'n', '-6': 'µ', '-3': 'm', '0': '', '3': 'k', '6': 'M', '9': 'G', '12': 'T' };
  const base = bases[unit];
  if (v === 0) return base || (alwaysUnit && unit !== '' && unit !== 'fraction') ? `0 ${unit}` : '0';
  if (base) {
    const x = v * Math.pow(10, base[1]);
    let e = 3 * Math.floor(Math.log10(Math.abs(x)) / 3);
    // 999.96 rounds to 1000 at 4 digits: the next prefix up.
    if (Math.abs(Number((x / Math.pow(10, e)).toPrecision(4))) >= 1000) e += 3;
    e = Math.max(-18, Math.min(12, e));
    return `${String(Number((x / Math.pow(10, e)).toPrecision(4)))} ${prefixes[String(e)]}${base[0]}`;
  }
  const a = Math.abs(v);
  const text = Number.isInteger(v) && a < 1e6 ? String(v) : a >= 1e6 || a < 1e-4
    ? v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e')
    : String(Number(v.toPrecision(4)));
  return alwaysUnit && unit !== '' && unit !== 'fraction' ? `${text} ${unit}` : text;
}

/** Units formatQuantity writes with a prefix (the rest, mm², TOPS/W, fraction, are left to a header or `withUnit`). */
export function isPrefixedUnit(unit: string): boolean {
  return formatQuantity(1, unit) !== '1';
}

/**
 * A table header's unit: none where the cells carry theirs (a prefixed unit: `400 µJ` under `energy_pJ`), else the unit
 * (`mm²`, `TOPS/W`), and an objective's arrow after it (`mm² ↓`). The front table and each network's table head with it.
 */
export function headerUnit(unit: string, sense?: 'min' | 'max'): string {
  const shown = isPrefixedUnit(unit) ? '' : unit;
  const arrow = sense === undefined ? '' : sense === 'min' ? '↓' : '↑';
  return [shown, arrow].filter(Boolean).join(' ');
}

/** A value with its unit always: a prefixed unit as formatQuantity writes it, another after the number (`3684 mm²`). */
export function withUnit(v: number, unit: string): string {
  return formatQuantity(v, unit, true);
}
