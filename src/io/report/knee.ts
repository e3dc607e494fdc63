/**
 * The front's knee point for the report (issue 15, item 6): the same rule as `cosearch pick --knee`
 * (src/util/decide: the largest smallest gain-per-loss trade-off over the front, objectives scaled to [0, 1]).
 * Marked only when it means something: two or more objectives and three or more distinct front designs
 * (KNEE_MIN_DESIGNS; designs equal in every objective count once: with two distinct ones each is the other's
 * trade-off, and the rule would only pick the lower index).
 */
import { distinctPointCount, KNEE_MIN_DESIGNS, kneeIndex } from '../../util/decide.js';
import type { RunData, RunRow } from './run.js';

/** The evaluation index (RunRow.index) of the front's knee, or undefined when none is marked. */
export function frontKnee(run: {
  readonly manifest: Pick<RunData['manifest'], 'objectives'>;
  readonly front: readonly Pick<RunRow, 'index' | 'metrics'>[];
}): number | undefined {
  const objectives = run.manifest.objectives;
  if (objectives.length < 2) return undefined;
  const points = run.front.map((r) => objectives.map((o) => r.metrics[o.metric]));
  if (!points.every((p) => p.every(Number.isFinite)) || distinctPointCount(points) < KNEE_MIN_DESIGNS) return undefined;
  return run.front[kneeIndex(points, objectives.map((o) => o.sense))].index;
}
