/**
 * Units and descriptions of metrics for axis titles and table headers. The metric registry (src/sim/metrics.ts)
 * is the authority; a metric it does not list (a newer CSV, a user's own problem) falls back to the unit suffix of
 * its name (`energy_pJ` -> pJ, `breakdown.energy_pJ.adc` -> pJ), the naming rule every metric in cosearch follows.
 */

export interface MetricInfo {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly sense?: 'min' | 'max';
}

/** Unit suffixes cosearch uses in metric names, and how a unit is shown. */
const SUFFIX_UNITS: Readonly<Record<string, string>> = {
  pJ: 'pJ', nJ: 'nJ', uJ: 'µJ', mJ: 'mJ', J: 'J',
  ps: 'ps', ns: 'ns', us: 'µs', ms: 'ms', s: 's',
  pJs: 'pJ·s', Js: 'J·s',
  mm2: 'mm²', um2: 'µm²',
  mW: 'mW', uW: 'µW', W: 'W',
  MHz: 'MHz', GHz: 'GHz',
  pct: '%',
};

/** Metrics named without a unit suffix but with a well-known unit. */
const NAMED_UNITS: Readonly<Record<string, string>> = {
  topsPerW: 'TOPS/W',
  topsPerMm2: 'TOPS/mm²',
  tops: 'TOPS',
  accuracy: 'fraction',
};

/** Units as printed: `mm2` -> mm², `pJ*s` -> pJ·s, `um2` -> µm². */
export function displayUnit(unit: string): string {
  return unit.replace(/\*/g, '·').replace(/\bum/g, 'µm').replace(/\bus\b/g, 'µs').replace(/\buJ\b/g, 'µJ').replace(/(m|µm)2\b/g, '$1²');
}

export function metricInfo(name: string, known: readonly MetricInfo[] = []): MetricInfo {
  const listed = known.find((m) => m.name === name);
  if (listed) return { ...listed, unit: displayUnit(listed.unit) };
  if (NAMED_UNITS[name] !== undefined) return { name, unit: NAMED_UNITS[name], description: name };
  // A component figure, `breakdown.<quantity>.<component>`, has its quantity's unit (`breakdown.energy_pJ.adc` -> pJ).
  const m = /_([A-Za-z0-9]+)$/.exec(name.startsWith('breakdown.') ? name.split('.')[1] : name);
  const unit = m && SUFFIX_UNITS[m[1]] !== undefined ? SUFFIX_UNITS[m[1]] : '';
  return { name, unit, description: name };
}

/** `energy_pJ (pJ)`; a unitless metric is its name alone. */
export function axisTitle(info: MetricInfo): string {
  return info.unit ? `${info.name} (${info.unit})` : info.name;
}
