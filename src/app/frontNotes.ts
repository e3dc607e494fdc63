/**
 * What a picked or front design's energy, latency and area rest on (modelAssumptionNotes: the notes `cosearch
 * evaluate` prints), for the designs a user chooses from. A run's CSVs carry a note column only when they measure
 * accuracy (rowNote.ts), and every note for every row would cost an ELA-only search its speed (~0.3 s for a 40k grid;
 * a note takes a mapping per design): so `search` names the notes of its front's designs when it ends and `pick` the
 * notes of the design it picked (QA maint2 defect 3: a 1.0 V read above half the programming voltage went onto an
 * energy search's pareto.csv with no word). The training cost is not recomputed here, so its notes are `evaluate`'s.
 */
import { ConfigError } from '../core/errors.js';
import { manifestNetworks, pointOverrides, readCsvFile, recordPoint, type ManifestRead } from '../io/run/index.js';
import type { ParamValue, SearchSpace } from '../search/index.js';
import { modelAssumptionNotes } from '../sim/modelNotes.js';
import { designResolver, type ResolvedDesign } from './designResolver.js';

/** Distinct notes printed after a search; the rest are counted (a front can hold a hundred designs, each with its own values). */
export const FRONT_NOTES_SHOWN = 8;

/** The model notes of one design: `overrides` (a `network` override included, else `network`) over the defaults. */
export function designModelNotes(network: string, overrides: Readonly<Record<string, ParamValue>>): string[] {
  return notesOf(designResolver(network)(overrides));
}

const notesOf = ({ network, config }: ResolvedDesign): string[] => modelAssumptionNotes(network, config);

/** One front design: its run index and its point (each searched parameter's value, in the space's variables' order). */
export interface FrontDesign {
  readonly index: number | string;
  readonly point: readonly ParamValue[];
}

/**
 * The notes of a run's front (its pareto.csv), one line per distinct note naming the front rows it concerns
 * (`front designs #3, #17: ...`), at most FRONT_NOTES_SHOWN lines and then a count of the rest. A row whose design
 * no longer resolves (its network file edited since) gets a line saying so instead of stopping the run's report.
 */
export function frontModelNotes(space: Pick<SearchSpace, 'network' | 'base' | 'variables'>, paretoCsv: string): string[] {
  const { records } = readCsvFile(paretoCsv, 'run file');
  return frontDesignsModelNotes(space, records.map((row) => ({ index: row.index ?? '?', point: recordPoint(space.variables, row) })));
}

/** frontModelNotes of designs already read (the report's front: pareto.csv's, or the one recomputed from evaluations.csv). */
export function frontDesignsModelNotes(
  space: { readonly network: string; readonly base: Readonly<Record<string, ParamValue>>; readonly variables: readonly { readonly targets: readonly string[] }[] },
  designs: readonly FrontDesign[],
): string[] {
  let resolve: ReturnType<typeof designResolver>;
  try {
    resolve = designResolver(space.network, space.base);
  } catch (e) {
    // The space's base no longer applies (a parameter renamed since the run): one line, not a lost report.
    if (!(e instanceof ConfigError)) throw e;
    return designs.length === 0 ? [] : [`the front's notes could not be computed: ${e.message}`];
  }
  const rowsOf = new Map<string, string[]>();
  for (const { index, point } of designs) {
    let notes: string[];
    try {
      notes = notesOf(resolve(pointOverrides(space.variables, point)));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      notes = [`its notes could not be computed: ${e.message}`];
    }
    for (const note of notes) rowsOf.set(note, [...(rowsOf.get(note) ?? []), String(index)]);
  }
  const lines = [...rowsOf].map(([note, rows]) => `front design${rows.length > 1 ? 's' : ''} #${rows.join(', #')}: ${note}`);
  if (lines.length <= FRONT_NOTES_SHOWN) return lines;
  return [...lines.slice(0, FRONT_NOTES_SHOWN), `and ${lines.length - FRONT_NOTES_SHOWN} more notes on the front's designs: \`cosearch pick\` or \`cosearch evaluate --config\` prints a design's`];
}

/**
 * The model notes of the front a report draws (RunReportOptions.frontNotes: src/io/report may not import this layer),
 * from the run's manifest: its network (a multi-network run's rows carry theirs in the point), base and searched
 * parameters. None for a network written inline in the space (no name to load it by), as `pick` gives none.
 */
export function runFrontModelNotes(
  manifest: Pick<ManifestRead, 'network' | 'base' | 'parameters'>, front: readonly { readonly index: number; readonly params: Readonly<Record<string, ParamValue>> }[],
): string[] {
  const networks = manifestNetworks(manifest.network);
  if (networks.length === 0) return [];
  return frontDesignsModelNotes({ network: networks[0], base: manifest.base, variables: manifest.parameters },
    front.map((row) => ({ index: row.index, point: manifest.parameters.map((p) => row.params[p.name]) })));
}
