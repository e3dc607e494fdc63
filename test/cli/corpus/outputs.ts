/** Bad output paths (issue 12): each refused with one line before any work, and nothing written. */
import type { CorpusCase } from './types.js';

const SPACE = 'test/cli/fixtures/slow.json';
const search = (id: string, out: string, files: Record<string, string> = {}): CorpusCase =>
  ({ id: `output: search --out ${id}`, files, args: ['search', SPACE, '--in-thread', '--out', out], field: '--out', writesNothing: true });
const pareto = (id: string, out: string, files: Record<string, string> = {}): CorpusCase =>
  ({ id: `output: pareto --out ${id}`, files: { 'e.csv': 'a,b\n1,2\n', ...files }, args: ['pareto', '$D/e.csv', '--objectives', 'a:min', '--out', out], field: '--out', writesNothing: true });

export const OUTPUT_CASES: readonly CorpusCase[] = [
  search('an existing file', '$D/f', { f: 'x' }),
  search('below a file', '$D/f/run', { f: 'x' }),
  search('two levels below a file', '$D/f/a/b', { f: 'x' }),
  search('empty path', ''),
  search('under /proc', '/proc/cosearch-run'),
  search('under /sys', '/sys/cosearch-run'),
  search('/proc itself', '/proc'),
  pareto('a directory', '$D/d', { 'd/x': '' }),
  pareto('below a file', '$D/f/front.csv', { f: 'x' }),
  pareto('in a missing folder', '$D/none/front.csv'),
  pareto('empty path', ''),
  pareto('under /proc', '/proc/self/front.csv'),
  pareto('under /sys', '/sys/front.csv'),
];
