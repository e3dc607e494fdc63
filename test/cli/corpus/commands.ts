/** Malformed command lines, configurations, CSVs and run folders for the corpus. */
import type { CorpusCase } from './types.js';

const SPACE = 'test/cli/fixtures/slow.json';
const evaluate = (id: string, extra: readonly string[], field: string, files?: Record<string, string>): CorpusCase =>
  ({ id: `evaluate: ${id}`, args: ['evaluate', '-n', 'vgg16-cifar10', '--no-accuracy', ...extra], field, ...(files ? { files } : {}) });
const set = (value: string, field: string): CorpusCase => evaluate(`--set ${JSON.stringify(value)}`, ['--set', value], field);
const config = (id: string, text: string, field: string, name = 'c.json'): CorpusCase =>
  evaluate(`--config ${id}`, ['--config', `$D/${name}`], field, { [name]: text });
const search = (id: string, extra: readonly string[], field: string): CorpusCase => ({ id: `search: ${id}`, args: ['search', SPACE, ...extra], field });
const pareto = (id: string, csv: string, field: string, objectives = 'a:min,b:min'): CorpusCase =>
  ({ id: `pareto: ${id}`, files: { 'e.csv': csv }, args: ['pareto', '$D/e.csv', '--objectives', objectives], field });
const resume = (id: string, files: Record<string, string>, field: string): CorpusCase =>
  ({ id: `run folder: ${id}`, files, args: ['search', SPACE, '--resume', '--out', '$D/run'], field });
const report = (id: string, files: Record<string, string>, field: string): CorpusCase =>
  ({ id: `report: ${id}`, files, args: ['report', '$D/run', '--no-evaluate'], field });

export const COMMAND_CASES: readonly CorpusCase[] = [
  // --set
  set('adc.bits', '--set'),
  set('=4', '--set'),
  set('adc.bits=99', 'adc.bits'),
  set('adc.bitz=4', 'adc.bitz'),
  set('adc.bits=abc', 'adc.bits'),
  set('adc.bits=', 'adc.bits'),
  set('adc.kind=nope', 'adc.kind'),
  set('crossbar.size=-5', 'crossbar.size'),
  set('layers.conv99.adc.bits=4', 'layers.conv99.adc.bits'),
  set('layers.99.adc.bits=4', 'layers.99.adc.bits'),
  set('layers.-1.adc.bits=4', 'layers.-1.adc.bits'),
  set('layers.pool1.adc.bits=4', 'layers.pool1.adc.bits'),
  set('layers.conv1 .adc.bits=4', 'layers.conv1 .adc.bits'),
  set('layers.__proto__.adc.bits=4', 'layers.__proto__.adc.bits'),
  set('layers.conv1.snn.timesteps=4', 'snn.timesteps'),
  set('adc.bits\u001b[31m=4', 'adc.bits\\u001b[31m'),
  // --config
  evaluate('--config missing file', ['--config', '$D/none.json'], '--config'),
  config('invalid JSON', '{"adc": ', '--config'),
  config('invalid YAML', 'adc: [1\n  - :', '--config', 'c.yaml'),
  { ...config('a secret file', 'root:$6$hash:19000:0:99999:7:::\n', 'not valid JSON', 'shadow'), absent: 'hash' },
  { ...config('JSON quoting a secret', '{"adc": oops-secret}', 'not valid JSON'), absent: 'secret' },
  config('YAML with an escape sequence', 'adc:\n  bits: [\u001b[31m', '--config', 'c.yml'),
  config('unknown parameter', '{"adc": {"bitz": 4}}', 'adc.bitz'),
  config('value out of range', '{"adc": {"bits": 99}}', 'adc.bits'),
  config('layer conv99', '{"layers": {"conv99": {"adc": {"bits": 4}}}}', 'layers.conv99.adc.bits'),
  config('layer pool1', '{"layers.pool1.adc.bits": 4}', 'layers.pool1.adc.bits'),
  config('layer __proto__', '{"layers": {"__proto__": {"adc": {"bits": 4}}}}', 'layers.__proto__.adc.bits'),
  // flags and commands
  { id: 'evaluate: no network', args: ['evaluate'], field: '--network' },
  { id: 'evaluate: unknown network', args: ['evaluate', '-n', 'nope'], field: 'nope' },
  { id: 'evaluate: network typo', args: ['evaluate', '-n', 'vgg16-cifar1'], field: 'vgg16-cifar10' },
  { id: 'evaluate: network file missing', args: ['evaluate', '-n', '$D/net.json'], field: 'net.json' },
  { id: 'evaluate: network file not JSON', files: { 'net.json': '{' }, args: ['evaluate', '-n', '$D/net.json'], field: 'net.json' },
  { id: 'evaluate: unknown option', args: ['evaluate', '-n', 'mlp-mnist', '--jsn'], field: '--jsn' },
  { id: 'unknown command', args: ['evalute'], field: 'evalute' },
  { id: 'list: unknown kind', args: ['list', 'devices'], field: 'list' },
  search('--workers 0', ['--workers', '0'], '--workers'),
  search('--workers -1', ['--workers', '-1'], '--workers'),
  search('--workers abc', ['--workers', 'abc'], '--workers'),
  search('--workers 1.5', ['--workers', '1.5'], '--workers'),
  search('--workers 100000', ['--workers', '100000'], '--workers'),
  search('--in-thread --workers 2', ['--in-thread', '--workers', '2'], '--in-thread'),
  search('--in-thread --eval-timeout 100', ['--in-thread', '--eval-timeout', '100'], '--in-thread'),
  search('--budget 0', ['--budget', '0'], '--budget'),
  search('--seed -1', ['--seed', '-1'], '--seed'),
  search('--seed x', ['--seed', 'x'], '--seed'),
  search('--strategy typo', ['--strategy', 'nsga'], '--strategy'),
  search('--eval-timeout 0', ['--eval-timeout', '0'], '--eval-timeout'),
  search('--strategy random without a budget', ['--strategy', 'random'], 'budget'),
  { id: 'search: missing space', args: ['search', '$D/none.json'], field: 'none.json' },
  { id: 'validate: no space', args: ['validate'], field: 'space' },
  { id: 'pareto: bad objectives flag', args: ['pareto', 'e.csv', '--objectives', 'a:up'], field: '--objectives' },
  { id: 'pareto: one objective twice', files: { 'e.csv': 'a,b\n1,2\n' }, args: ['pareto', '$D/e.csv', '--objectives', 'a:min,a:max'], field: '--objectives' },
  { id: 'pareto: bad reference', files: { 'e.csv': 'a,b\n1,2\n' }, args: ['pareto', '$D/e.csv', '--objectives', 'a:min,b:min', '--reference', '1,x'], field: '--reference' },
  { id: 'pareto: reference count', files: { 'e.csv': 'a,b\n1,2\n' }, args: ['pareto', '$D/e.csv', '--objectives', 'a:min,b:min', '--reference', '1'], field: '--reference' },
  // CSVs for pareto
  { id: 'pareto: missing CSV', args: ['pareto', '$D/none.csv', '--objectives', 'a:min'], field: 'none.csv' },
  pareto('empty file', '', 'e.csv'),
  pareto('ragged row', 'a,b\n1,2\n3\n', 'line 3'),
  pareto('unterminated quote', 'a,b\n1,"2\n3,4\n', 'line 2'),
  pareto('duplicate column', 'a,a\n1,2\n', 'header'),
  pareto('quote inside a field', 'a,b\n1,x"y\n', 'line 2'),
  pareto('text after a closing quote', 'a,b\n1,"x"y\n', 'line 2'),
  pareto('objective not a column', 'a,b\n1,2\n', '--objectives', 'c:min'),
  pareto('no numeric objective', 'a,b\n,NaN\n', 'a or b'),
  pareto('text objective cell', 'a,b\nx,y\n', 'row 1: a: got "x", expected a number'),
  pareto('hex objective cell', 'a,b\n0x10,1\n', 'row 1: a: got "0x10", expected a number'),
  // run folders
  resume('no such folder', {}, '--resume'),
  resume('empty folder', { 'run/x.txt': '' }, 'manifest.json'),
  resume('manifest not JSON', { 'run/manifest.json': '{' }, 'manifest.json'),
  resume('manifest a list', { 'run/manifest.json': '[]' }, 'manifest.json'),
  resume('manifest wrong field type', { 'run/manifest.json': '{"space": 5}' }, 'manifest.json'),
  report('no such folder', {}, 'run'),
  report('empty folder', { 'run/x.txt': '' }, 'manifest.json'),
  report('manifest not JSON', { 'run/manifest.json': '{' }, 'manifest.json'),
];
