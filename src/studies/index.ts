/** Studies: figures, expectation verdicts and comparison tables computed from evaluation rows (pure). */
import { compareRows, type CompareTable } from './compare.js';
import { checkExpectations, type ValueText, type Verdict } from './expect.js';
import { figureData, type FigurePoint } from './figure.js';
import { type ColumnOrder, withDerived } from './rows.js';
import type { Study, StudyFigure, StudyRow } from './types.js';

export * from './types.js';
export { parseStudy, studyMetrics, type StudyContext } from './parse.js';
export { checkExpectation, checkExpectations, describeExpectation, holdCount, showChecks, type ValueText, type Verdict, type GroupCheck, type VerdictStatus } from './expect.js';
export { compareRows, compareValue, bandRelation, type CompareTable, type CompareRow, type CompareSummary, type BandRelation } from './compare.js';
export { figureData, type FigurePoint } from './figure.js';
export { FEASIBLE_COLUMN, type ColumnOrder, reduceRows, select, groupBy, showValue, showKey, withDerived, whereText, whereColumns } from './rows.js';
export { parseExpr, evalExpr, exprNames, type Expr } from './expr.js';

export interface StudyResult {
  readonly study: Study;
  readonly figures: readonly { readonly figure: StudyFigure; readonly points: readonly FigurePoint[] }[];
  readonly verdicts: readonly Verdict[];
  readonly compare: readonly CompareTable[];
  /** Every required expectation holds (a study without expectations passes). */
  readonly passed: boolean;
}

/**
 * Everything a study shows, from the rows of a run (failed evaluations left out), its searched parameter columns
 * (the default groups of expectations) and the order of their values as the space writes them (`order`: string
 * values along a trend, an argmin or a figure's axis follow it; without it, the order the rows first show them).
 */
export function runStudy(study: Study, rows: readonly StudyRow[], parameters: readonly string[], order?: ColumnOrder, valueText?: ValueText): StudyResult {
  const all = withDerived(rows, study.derived);
  const verdicts = checkExpectations(study.expect, all, parameters, order, valueText);
  return {
    study,
    figures: study.figures.map((figure) => ({ figure, points: figureData(figure, all, order) })),
    verdicts,
    compare: study.compare.map((c) => compareRows(c, all)),
    passed: verdicts.every((v) => !v.required || v.status === 'pass'),
  };
}
