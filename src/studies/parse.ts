/**
 * Validation of a space file's `study` section (docs/studies.md). Mistakes are reported through the space
 * parser's `fail(field, found, expected)` / `note(field, message)`, so they read like every other space
 * error: `<file>: study.figures[0].x: got "adc.bitz", expected a column (...)`.
 */
import { didYouMean } from '../core/index.js';
import { NETWORK_COLUMN } from '../util/networkColumn.js';
import { exprNames, parseExpr } from './expr.js';
import { FEASIBLE_COLUMN, sameValue, whereColumns } from './rows.js';
import type {
  CompareMetric, Condition, Reduce, Study, StudyCompare, StudyExpectation, StudyFigure, StudyValue, TrendKind, Where,
} from './types.js';

export interface StudyContext {
  /** Metric columns of the run (the evaluator's metrics). */
  readonly metrics: readonly string[];
  /** Searched parameter columns (the space's variable names); `network` is always a column. */
  readonly parameters: readonly string[];
  /**
   * The values a column can hold, where the space says (its variables' values, its networks): a selection of
   * another value selects no row, so it is refused when the space is read, not found as "no data" after the run.
   */
  readonly values?: ReadonlyMap<string, readonly StudyValue[]>;
}

type Fail = (field: string, found: unknown, expected: string) => void;
type Note = (field: string, message: string) => void;

const STUDY_FIELDS = ['title', 'source', 'description', 'derived', 'figures', 'expect', 'compare'];
const FIGURE_FIELDS = ['name', 'title', 'x', 'y', 'series', 'facet', 'where', 'reduce', 'log', 'stack'];
const EXPECT_COMMON = ['note', 'where', 'per', 'reduce', 'required'];
const EXPECT_FIELDS: Readonly<Record<StudyExpectation['kind'], readonly string[]>> = {
  trend: ['metric', 'along', 'trend', 'tolerance'],
  within: ['metric', 'within'],
  ratio: ['metric', 'of', 'to', 'within'],
  argmin: ['argmin', 'over', 'at'],
  argmax: ['argmax', 'over', 'at'],
};
const COMPARE_FIELDS = ['title', 'baseline', 'candidate', 'by', 'match', 'reduce', 'metrics'];
const TRENDS: readonly TrendKind[] = ['increasing', 'decreasing', 'nonincreasing', 'nondecreasing'];

/** The metric names a study reads (derived metrics resolved to the columns they use). */
export function studyMetrics(study: Study, metrics: readonly string[]): string[] {
  const used = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name === undefined) return;
    if (study.derived[name] !== undefined) for (const n of exprNames(parseExpr(study.derived[name]))) add(n);
    else if (metrics.includes(name)) used.add(name);
  };
  const addWhere = (where?: Where): void => whereColumns(where).forEach(add);
  const addReduce = (reduce?: Reduce): void => add(reduce?.kind === 'best' ? reduce.by : undefined);
  for (const f of study.figures) {
    [f.x, ...f.y, f.series, f.facet].forEach(add);
    addWhere(f.where);
    addReduce(f.reduce);
  }
  for (const e of study.expect) {
    add(e.metric);
    if (e.kind === 'trend') add(e.along);
    if (e.kind === 'argmin' || e.kind === 'argmax') add(e.over);
    if (e.kind === 'ratio') [e.of, e.to].forEach(addWhere);
    addWhere(e.where);
    addReduce(e.reduce);
    (e.per ?? []).forEach(add);
  }
  for (const c of study.compare) {
    c.metrics.forEach((m) => add(m.metric));
    [c.baseline, c.candidate].forEach(addWhere);
    c.by.forEach(add);
    addReduce(c.reduce);
  }
  return [...used];
}

/** Validate a `study` section; undefined when it has mistakes (each reported through fail/note). */
export function parseStudy(raw: unknown, context: StudyContext, fail: Fail, note: Note): Study | undefined {
  const errors = { count: 0 };
  const f: Fail = (field, found, expected) => {
    errors.count++;
    fail(`study${field}`, found, expected);
  };
  const n: Note = (field, message) => {
    errors.count++;
    note(`study${field}`, message);
  };
  if (!isObject(raw)) {
    f('', raw, 'an object with title, source, figures and/or expect, compare');
    return undefined;
  }
  unknownFields(raw, STUDY_FIELDS, '', f);
  if (typeof raw.title !== 'string' || raw.title === '') f('.title', raw.title, 'a title (text)');
  if (typeof raw.source !== 'string' || raw.source === '') f('.source', raw.source, 'the paper and figure the study reproduces (text)');
  if (raw.description !== undefined && typeof raw.description !== 'string') f('.description', raw.description, 'text');

  const columns = new Set<string>([NETWORK_COLUMN, FEASIBLE_COLUMN, ...context.parameters, ...context.metrics]);
  const derived: Record<string, string> = {};
  const units: Record<string, string> = {};
  if (raw.derived !== undefined) {
    if (!isObject(raw.derived)) {
      f('.derived', raw.derived, 'an object of name: expression ("a + b", "x / y")');
    } else {
      for (const [name, entry] of Object.entries(raw.derived)) {
        let text: unknown = entry;
        const field = `.derived.${name}`;
        if (!/^[A-Za-z_][\w.]*$/.test(name) || columns.has(name)) {
          f(field, name, 'a new name (letters, digits, "_", "."; not an existing column)');
          continue;
        }
        if (isObject(text)) {
          unknownFields(text, ['expr', 'unit'], field, f);
          if (typeof text.unit !== 'string') f(`${field}.unit`, text.unit, 'the unit of the derived metric (text, e.g. "TOPS/W")');
          else units[name] = text.unit;
          text = text.expr;
        }
        if (typeof text !== 'string') {
          f(field, text, 'an expression over columns, e.g. "breakdown.energy_pJ.adc + breakdown.energy_pJ.crossbar", or {"expr", "unit"}');
          continue;
        }
        let names: string[];
        try {
          names = exprNames(parseExpr(text));
        } catch (error) {
          f(field, text, `an expression of columns, numbers, + - * / and parentheses (${(error as Error).message})`);
          continue;
        }
        const unknown = names.find((c) => !columns.has(c));
        if (unknown !== undefined) {
          f(field, unknown, `a column: a searched parameter, a metric or an earlier derived name (${columnHint(context)})${didYouMean(unknown, columns)}`);
          continue;
        }
        derived[name] = text;
        columns.add(name);
      }
    }
  }
  const metricNames = new Set<string>([...context.metrics, ...Object.keys(derived)]);
  const hint = columnHint(context);
  const column = (field: string, value: unknown): value is string => {
    if (typeof value === 'string' && columns.has(value)) return true;
    f(field, value, `a column: a searched parameter, network, a metric or a derived name (${hint})${suggest(value, columns)}`);
    return false;
  };
  const metric = (field: string, value: unknown): value is string => {
    if (typeof value === 'string' && metricNames.has(value)) return true;
    f(field, value, `a metric or a derived name (${hint})${suggest(value, metricNames)}`);
    return false;
  };
  /** The first of `list` that column `key` never holds in this space, if the space says what it holds. */
  const valueNotIn = (key: string, list: readonly StudyValue[]): StudyValue | undefined => {
    const held = context.values?.get(key);
    return held ? list.find((v) => !held.some((h) => sameValue(h, v))) : undefined;
  };
  const missingHint = (key: string): string =>
    `one of the space's values of ${key} (${(context.values?.get(key) ?? []).map((v) => JSON.stringify(v)).join(', ')}): another selects no row`;
  const condition = (field: string, value: unknown): Condition | undefined => {
    if (!isObject(value) || Object.keys(value).length === 0) {
      f(field, value, 'an object of column: value (or a list of values), or a list of such objects (any of them)');
      return undefined;
    }
    const out: Record<string, StudyValue | StudyValue[]> = {};
    for (const [key, v] of Object.entries(value)) {
      if (!column(`${field}.${key}`, key)) continue;
      const list = Array.isArray(v) ? v : [v];
      if (list.length === 0 || !list.every((x) => typeof x === 'number' || typeof x === 'string')) {
        f(`${field}.${key}`, v, 'a number, a string or a non-empty list of them');
        continue;
      }
      const missing = valueNotIn(key, list as StudyValue[]);
      if (missing !== undefined) {
        f(`${field}.${key}`, missing, missingHint(key));
        continue;
      }
      out[key] = Array.isArray(v) ? (v as StudyValue[]) : (v as StudyValue);
    }
    return out;
  };
  const where = (field: string, value: unknown): Where | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return condition(field, value);
    if (value.length === 0) {
      f(field, value, 'a non-empty list of conditions');
      return undefined;
    }
    const conditions = value.map((c, i) => condition(`${field}[${i}]`, c));
    return conditions.every((c) => c !== undefined) ? (conditions as Condition[]) : undefined;
  };
  const reduce = (field: string, value: unknown): Reduce | undefined => {
    if (value === undefined) return undefined;
    if (value === 'mean') return { kind: 'mean' };
    const expected = '"mean" or {"best": metric, "sense": "min"|"max", "feasible"?: true|false}';
    if (!isObject(value)) {
      f(field, value, expected);
      return undefined;
    }
    unknownFields(value, ['best', 'sense', 'feasible'], field, f);
    if (!metric(`${field}.best`, value.best)) return undefined;
    if (value.sense !== 'min' && value.sense !== 'max') {
      f(`${field}.sense`, value.sense, '"min" or "max"');
      return undefined;
    }
    if (value.feasible !== undefined && typeof value.feasible !== 'boolean') {
      f(`${field}.feasible`, value.feasible, 'true or false');
      return undefined;
    }
    return { kind: 'best', by: value.best, sense: value.sense, feasible: value.feasible ?? false };
  };
  const band = (field: string, value: unknown): [number, number] | undefined => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isFiniteNumber) || value[1] < value[0]) {
      f(field, value, '[min, max], two numbers with min <= max');
      return undefined;
    }
    return [value[0], value[1]];
  };
  const columnList = (field: string, value: unknown): string[] | undefined => {
    if (!Array.isArray(value)) {
      f(field, value, 'a list of columns');
      return undefined;
    }
    return value.every((c, i) => column(`${field}[${i}]`, c)) ? (value as string[]) : undefined;
  };

  const figures: StudyFigure[] = [];
  if (raw.figures !== undefined) {
    if (!Array.isArray(raw.figures)) f('.figures', raw.figures, 'a list of figures, each {name, x, y, ...}');
    else raw.figures.forEach((fig, i) => {
      const field = `.figures[${i}]`;
      if (!isObject(fig)) return f(field, fig, 'a figure {name, x, y, series?, facet?, where?, reduce?, log?, stack?}');
      unknownFields(fig, FIGURE_FIELDS, field, f);
      const count = errors.count;
      if (typeof fig.name !== 'string' || !/^[\w-]+$/.test(fig.name)) f(`${field}.name`, fig.name, 'a name of letters, digits, "-" or "_" (the file study-<name>.svg)');
      else if (figures.some((o) => o.name === fig.name)) f(`${field}.name`, fig.name, 'a name no other figure has');
      if (fig.title !== undefined && typeof fig.title !== 'string') f(`${field}.title`, fig.title, 'text');
      column(`${field}.x`, fig.x);
      const y = typeof fig.y === 'string' ? [fig.y] : fig.y;
      if (!Array.isArray(y) || y.length === 0) f(`${field}.y`, fig.y, 'a metric or a non-empty list of metrics');
      else y.forEach((m, j) => metric(`${field}.y[${j}]`, m));
      if (fig.series !== undefined) column(`${field}.series`, fig.series);
      if (fig.facet !== undefined) column(`${field}.facet`, fig.facet);
      const w = where(`${field}.where`, fig.where);
      const r = reduce(`${field}.reduce`, fig.reduce);
      if (fig.log !== undefined && !['x', 'y', 'xy'].includes(fig.log as string)) f(`${field}.log`, fig.log, '"x", "y" or "xy"');
      else if ((fig.log === 'x' || fig.log === 'xy') && typeof fig.x === 'string' && context.values?.get(fig.x)?.some((v) => typeof v === 'string')) {
        // An axis of text values (networks, a choice) is drawn ordinal: a log scale would be ignored, not drawn.
        f(`${field}.log`, fig.log, `"y" or none: x (${fig.x}) holds text values, which have no log scale`);
      }
      if (fig.stack !== undefined && typeof fig.stack !== 'boolean') f(`${field}.stack`, fig.stack, 'true or false');
      if (fig.stack === true && fig.series !== undefined) n(`${field}.series`, 'a stacked figure colours its bars by metric: give no series (use facet)');
      if (errors.count > count) return;
      figures.push({
        name: fig.name as string,
        ...(typeof fig.title === 'string' ? { title: fig.title } : {}),
        x: fig.x as string,
        y: y as string[],
        ...(fig.series !== undefined ? { series: fig.series as string } : {}),
        ...(fig.facet !== undefined ? { facet: fig.facet as string } : {}),
        ...(w ? { where: w } : {}),
        ...(r ? { reduce: r } : {}),
        ...(fig.log !== undefined ? { log: fig.log as 'x' | 'y' | 'xy' } : {}),
        ...(fig.stack === true ? { stack: true } : {}),
      });
    });
  }

  const expectations: StudyExpectation[] = [];
  if (raw.expect !== undefined) {
    if (!Array.isArray(raw.expect)) f('.expect', raw.expect, 'a list of expectations');
    else raw.expect.forEach((e, i) => {
      const field = `.expect[${i}]`;
      const shapes = '{metric, along, trend}, {metric, within: [min, max]}, {metric, of, to, within} or {argmin|argmax: metric, over, at}';
      if (!isObject(e)) return f(field, e, shapes);
      const kind: StudyExpectation['kind'] | undefined = e.trend !== undefined ? 'trend' : e.argmin !== undefined ? 'argmin' : e.argmax !== undefined ? 'argmax'
        : e.of !== undefined || e.to !== undefined ? 'ratio' : e.within !== undefined ? 'within' : undefined;
      if (!kind) return f(field, e, shapes);
      unknownFields(e, [...EXPECT_FIELDS[kind], ...EXPECT_COMMON], field, f);
      const count = errors.count;
      const common = {
        ...(typeof e.note === 'string' ? { note: e.note } : {}),
        ...(e.where !== undefined ? { where: where(`${field}.where`, e.where) } : {}),
        ...(e.per !== undefined ? { per: columnList(`${field}.per`, e.per) } : {}),
        ...(e.reduce !== undefined ? { reduce: reduce(`${field}.reduce`, e.reduce) } : {}),
        required: (e.required ?? true) as boolean,
      };
      if (e.note !== undefined && typeof e.note !== 'string') f(`${field}.note`, e.note, 'text');
      if (typeof common.required !== 'boolean') f(`${field}.required`, e.required, 'true or false');
      let out: StudyExpectation | undefined;
      if (kind === 'trend') {
        metric(`${field}.metric`, e.metric);
        column(`${field}.along`, e.along);
        if (!TRENDS.includes(e.trend as TrendKind)) f(`${field}.trend`, e.trend, TRENDS.map((t) => `"${t}"`).join(', '));
        if (e.tolerance !== undefined && (!isFiniteNumber(e.tolerance) || e.tolerance < 0)) f(`${field}.tolerance`, e.tolerance, 'a number >= 0 (absolute slack per step)');
        out = { kind, metric: e.metric as string, along: e.along as string, trend: e.trend as TrendKind, tolerance: (e.tolerance as number | undefined) ?? 0, ...common } as StudyExpectation;
      } else if (kind === 'within') {
        metric(`${field}.metric`, e.metric);
        const b = band(`${field}.within`, e.within);
        if (b) out = { kind, metric: e.metric as string, min: b[0], max: b[1], ...common } as StudyExpectation;
      } else if (kind === 'ratio') {
        metric(`${field}.metric`, e.metric);
        const of = where(`${field}.of`, e.of);
        const to = where(`${field}.to`, e.to);
        if (e.of === undefined) f(`${field}.of`, e.of, 'the numerator selection, an object of column: value');
        if (e.to === undefined) f(`${field}.to`, e.to, 'the denominator selection, an object of column: value');
        const b = band(`${field}.within`, e.within);
        if (b && of && to) out = { kind, metric: e.metric as string, of, to, min: b[0], max: b[1], ...common } as StudyExpectation;
      } else {
        const m = e[kind];
        metric(`${field}.${kind}`, m);
        column(`${field}.over`, e.over);
        const at = Array.isArray(e.at) ? e.at : [e.at];
        if (at.length === 0 || !at.every((v) => typeof v === 'number' || typeof v === 'string')) f(`${field}.at`, e.at, 'a value of the "over" column, or a list of them');
        else if (typeof e.over === 'string') {
          const missing = valueNotIn(e.over, at as StudyValue[]);
          if (missing !== undefined) f(`${field}.at`, missing, missingHint(e.over));
        }
        out = { kind, metric: m as string, over: e.over as string, at: at as StudyValue[], ...common } as StudyExpectation;
      }
      if (errors.count === count && out) expectations.push(out);
    });
  }

  // One comparison, or a list of them (e.g. the same candidate against two baselines).
  const comparisons: StudyCompare[] = [];
  const compareList = raw.compare === undefined ? [] : Array.isArray(raw.compare) ? raw.compare : [raw.compare];
  compareList.forEach((c, ci) => {
    const field = Array.isArray(raw.compare) ? `.compare[${ci}]` : '.compare';
    if (!isObject(c)) {
      f(field, c, '{baseline, candidate, by, metrics, match?, reduce?, title?} (or a list of them)');
    } else {
      unknownFields(c, COMPARE_FIELDS, field, f);
      const count = errors.count;
      const baseline = where(`${field}.baseline`, c.baseline);
      const candidate = where(`${field}.candidate`, c.candidate);
      if (c.baseline === undefined) f(`${field}.baseline`, c.baseline, 'the baseline selection, an object of column: value');
      if (c.candidate === undefined) f(`${field}.candidate`, c.candidate, 'the candidate selection, an object of column: value');
      const by = c.by === undefined ? [] : columnList(`${field}.by`, c.by);
      const match = c.match === undefined ? by : columnList(`${field}.match`, c.match);
      if (by && match) match.forEach((m, i) => { if (!by.includes(m)) f(`${field}.match[${i}]`, m, `one of the "by" columns (${by.join(', ')})`); });
      const r = reduce(`${field}.reduce`, c.reduce);
      if (c.title !== undefined && typeof c.title !== 'string') f(`${field}.title`, c.title, 'text');
      const metrics: CompareMetric[] = [];
      if (!Array.isArray(c.metrics) || c.metrics.length === 0) {
        f(`${field}.metrics`, c.metrics, 'a non-empty list of metrics, each a name or {metric, as?, sense?, paper?, label?}');
      } else c.metrics.forEach((m, i) => {
        const mField = `${field}.metrics[${i}]`;
        const entry = typeof m === 'string' ? { metric: m } : m;
        if (!isObject(entry)) return f(mField, m, 'a metric name or {metric, as?, sense?, paper?, label?}');
        unknownFields(entry, ['metric', 'as', 'sense', 'paper', 'label'], mField, f);
        const ok = errors.count;
        metric(`${mField}.metric`, entry.metric);
        if (entry.as !== undefined && entry.as !== 'ratio' && entry.as !== 'difference') f(`${mField}.as`, entry.as, '"ratio" (improvement) or "difference" (candidate - baseline)');
        if (entry.sense !== undefined && entry.sense !== 'min' && entry.sense !== 'max') f(`${mField}.sense`, entry.sense, '"min" or "max" (which way is better)');
        const paper = entry.paper === undefined ? undefined : band(`${mField}.paper`, entry.paper);
        if (entry.label !== undefined && typeof entry.label !== 'string') f(`${mField}.label`, entry.label, 'text');
        if (errors.count > ok) return;
        metrics.push({
          metric: entry.metric as string,
          as: (entry.as as CompareMetric['as'] | undefined) ?? 'ratio',
          sense: (entry.sense as CompareMetric['sense'] | undefined) ?? (entry.as === 'difference' ? 'max' : 'min'),
          ...(paper ? { paper } : {}),
          ...(typeof entry.label === 'string' ? { label: entry.label } : {}),
        });
      });
      if (errors.count === count && baseline && candidate && by && match) {
        comparisons.push({ ...(typeof c.title === 'string' ? { title: c.title } : {}), baseline, candidate, by, match, ...(r ? { reduce: r } : {}), metrics });
      }
    }
  });
  if (figures.length === 0 && expectations.length === 0 && comparisons.length === 0 && raw.figures === undefined && raw.expect === undefined && raw.compare === undefined) {
    n('', 'a study needs at least one of figures, expect or compare');
  }
  if (errors.count > 0) return undefined;
  return {
    title: raw.title as string,
    source: raw.source as string,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    derived,
    ...(Object.keys(units).length ? { derivedUnits: units } : {}),
    figures,
    expect: expectations,
    compare: comparisons,
  };
}

/** A one-edit suggestion for a mistyped name (esbuild-style), or ''. */
function suggest(value: unknown, candidates: Iterable<string>): string {
  return typeof value === 'string' ? didYouMean(value, candidates) : '';
}

function columnHint(context: StudyContext): string {
  const params = [...new Set([NETWORK_COLUMN, ...context.parameters])];
  const plain = context.metrics.filter((m) => !m.startsWith('breakdown.'));
  const folded = plain.length < context.metrics.length ? ', breakdown.<quantity>.<component>' : '';
  return `parameters: ${params.join(', ')}; metrics: ${plain.join(', ')}${folded}`;
}

function unknownFields(raw: Record<string, unknown>, known: readonly string[], field: string, fail: Fail): void {
  for (const key of Object.keys(raw)) if (!known.includes(key)) fail(`${field}.${key}`, key, `a known field (${known.join(', ')})`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
