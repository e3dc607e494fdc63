/** Bad output paths (issue 12): each refused with one line before any work, and nothing written. */
import type { CorpusCase } from './types.js';

const SPACE = 'test/cli/fixtures/slow.json';
/** A run folder pick can read: a manifest and an evaluations log with one feasible row. */
const RUN = {
  'run/manifest.json': JSON.stringify({
    network: 'mlp-mnist', strategy: { name: 'grid', settings: {} }, parameters: [{ name: 'adc.bits', path: 'adc.bits', targets: ['adc.bits'], values: [4, 6] }],
    base: {}, objectives: [{ metric: 'a', sense: 'min' }, { metric: 'b', sense: 'min' }], constraints: [], hypervolumeByGeneration: [],
  }),
  'run/evaluations.csv': 'index,adc.bits,a,b,feasible\n0,4,1,2,true\n',
  'run/pareto.csv': 'index,adc.bits,a,b,feasible\n0,4,1,2,true\n',
};
const search = (id: string, out: string, files: Record<string, string> = {}): CorpusCase =>
  ({ id: `output: search --out ${id}`, files, args: ['search', SPACE, '--in-thread', '--out', out], field: '--out', writesNothing: true });
const pareto = (id: string, out: string, files: Record<string, string> = {}): CorpusCase =>
  ({ id: `output: pareto --out ${id}`, files: { 'e.csv': 'a,b\n1,2\n', ...files }, args: ['pareto', '$D/e.csv', '--objectives', 'a:min', '--out', out], field: '--out', writesNothing: true });
const pick = (id: string, out: string, files: Record<string, string> = {}): CorpusCase =>
  ({ id: `output: pick --out ${id}`, files: { ...RUN, ...files }, args: ['pick', '$D/run', '--out', out], field: '--out', writesNothing: true });

/** pick's rules (issue 15 item 6): a weight or an order naming an objective twice, or weights all 0, pick nothing meaningful. */
const pickRule = (id: string, args: readonly string[], field: string): CorpusCase =>
  ({ id: `pick: ${id}`, files: RUN, args: ['pick', '$D/run', ...args], field, writesNothing: true });

export const PICK_RULE_CASES: readonly CorpusCase[] = [
  pickRule('--weights one objective twice', ['--weights', 'a=0.5,a=0.5'], '--weights'),
  pickRule('--weights all zero', ['--weights', 'a=0,b=0'], '--weights'),
  pickRule('--lexicographic one objective twice', ['--lexicographic', 'a,a'], '--lexicographic'),
];

export const OUTPUT_CASES: readonly CorpusCase[] = [
  search('an existing file', '$D/f', { f: 'x' }),
  search('below a file', '$D/f/run', { f: 'x' }),
  search('two levels below a file', '$D/f/a/b', { f: 'x' }),
  search('empty path', ''),
  search('under /proc', '/proc/cosearch-run'),
  search('under /sys', '/sys/cosearch-run'),
  search('/proc itself', '/proc'),
  search('a folder with a user\'s evaluations.csv', '$D/mine', { 'mine/evaluations.csv': 'a,b\n1,2\n' }),
  search('a run folder whose manifest was deleted', '$D/run', { 'run/evaluations.csv': 'a,b\n1,2\n', 'run/pareto.csv': 'a,b\n1,2\n', 'run/report.html': '<p>' }),
  pareto('a directory', '$D/d', { 'd/x': '' }),
  pareto('below a file', '$D/f/front.csv', { f: 'x' }),
  pareto('in a missing folder', '$D/none/front.csv'),
  pareto('empty path', ''),
  pareto('under /proc', '/proc/self/front.csv'),
  pareto('under /sys', '/sys/front.csv'),
  pareto('its own input CSV', '$D/e.csv'),
  pareto('its own input, spelled another way', '$D/./d/../e.csv', { 'd/x': '' }),
  { ...pareto('a run folder\'s evaluations.csv (its input)', '$D/run/evaluations.csv', RUN), args: ['pareto', '$D/run/evaluations.csv', '--objectives', 'a:min', '--out', '$D/run/evaluations.csv'] },
  { ...pareto('the pareto.csv of its input\'s run', '$D/run/pareto.csv', RUN), args: ['pareto', '$D/run/evaluations.csv', '--objectives', 'a:min', '--out', '$D/run/pareto.csv'] },
  pareto('another run\'s manifest.json', '$D/run/manifest.json', RUN),
  pareto('a run\'s report.html', '$D/run/report.html', RUN),
  pick('in a missing folder', '$D/none/x.json'),
  pick('a directory', '$D/d', { 'd/x': '' }),
  pick('empty path', ''),
  pick('under /proc', '/proc/self/x.json'),
  pick('the run\'s evaluations.csv', '$D/run/evaluations.csv'),
  pick('the run\'s manifest.json', '$D/run/manifest.json'),
  pick('the run\'s pareto.csv', '$D/run/pareto.csv'),
  pick('the run\'s pareto.svg', '$D/run/pareto.svg'),
  pick('the run\'s study figure', '$D/run/study-front.svg'),
  pick('the run\'s lock', '$D/run/.cosearch.lock'),
  pick('another run\'s manifest.json', '$D/other/manifest.json', { 'other/manifest.json': '{}', 'other/evaluations.csv': 'a\n' }),
];
