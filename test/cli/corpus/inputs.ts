/**
 * The safe-input layer (src/core/input) through every reader the CLI has: space files, network files (by
 * --network and by a space's `network`), --config, pareto's CSV, a run folder's manifest (resume and report).
 * Each reader refuses a FIFO, /dev/zero, a directory, an oversized file, 5,000-deep nesting, a duplicate key,
 * binary content and an empty path with one line, without hanging and without echoing the file.
 */
import type { CorpusCase } from './types.js';

const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
const NET = (input: string, extra = ''): string =>
  `{"name":"n","input":${input},"layers":[{"kind":"conv","name":"c1","outChannels":4,"kernel":3${extra}},{"kind":"linear","name":"fc","outFeatures":10}]}`;
const VALID_NET = NET('{"channels":1,"height":8,"width":8}');

interface Reader {
  readonly name: string;
  /** The command with `X` where the file goes. */
  readonly args: (x: string) => readonly string[];
  /** Files the command needs besides the one under test. */
  readonly files?: Readonly<Record<string, string>>;
  /** A JSON text the reader accepts the structure of (for the duplicate-key case). */
  readonly duplicate?: string;
}

const space = (network: string): string =>
  JSON.stringify({ name: 'c', network, parameters: { 'adc.bits': [4, 5] }, objectives: ['energy_pJ:min'], strategy: 'grid' });

const READERS: readonly Reader[] = [
  { name: 'space file', args: (x) => ['validate', x], duplicate: '{"name":"c","name":"d"}' },
  { name: 'network file', args: (x) => ['evaluate', '-n', x, '--no-accuracy'], duplicate: '{"name":"n","input":{"channels":1,"channels":2}}' },
  { name: "space's network", args: () => ['validate', '$D/sp.json'], duplicate: '{"name":"n","layers":[],"layers":[]}' },
  { name: '--config', args: (x) => ['evaluate', '-n', 'vgg16-cifar10', '--no-accuracy', '--config', x], duplicate: '{"adc":{"bits":4},"adc":{"bits":5}}' },
  { name: 'pareto CSV', args: (x) => ['pareto', x, '--objectives', 'a:min'] },
  { name: 'resume manifest', args: () => ['search', 'test/cli/fixtures/slow.json', '--resume', '--out', '$D/run'], duplicate: '{"space":"a","space":"b"}' },
  { name: 'report manifest', args: () => ['report', '$D/run', '--no-evaluate'], duplicate: '{"network":"a","network":"b"}' },
];

/** Where each reader's file sits: the manifest readers read run/manifest.json, the space reader of networks a space's `network`. */
function target(reader: Reader): { path: string; extra: Record<string, string> } {
  if (reader.name.endsWith('manifest')) return { path: 'run/manifest.json', extra: {} };
  if (reader.name === "space's network") return { path: 'net.json', extra: { 'sp.json': space('net.json') } };
  return { path: reader.name === 'pareto CSV' ? 'e.csv' : reader.name === '--config' ? 'c.json' : 'x.json', extra: {} };
}

function casesOf(reader: Reader): CorpusCase[] {
  const { path, extra } = target(reader);
  const at = `$D/${path}`;
  const base = { args: reader.args(at) };
  const id = (what: string) => `input: ${reader.name}: ${what}`;
  const isJson = reader.name !== 'pareto CSV';
  const out: CorpusCase[] = [
    { id: id('a FIFO'), ...base, fifos: [path], files: extra, field: 'a FIFO (named pipe), expected a regular file' },
    { id: id('a directory'), ...base, files: { ...extra, [`${path}/inner.txt`]: '' }, field: 'is a directory, expected a regular file' },
    { id: id('larger than the limit'), ...base, files: extra, sparse: { [path]: 300 * 1024 * 1024 }, field: 'larger than' },
    { id: id('binary content'), ...base, files: { ...extra, [path]: '\u0000' }, bytes: { [path]: [0xff, 0xfe, 0x00, 0x80] }, field: 'not UTF-8 text' },
  ];
  if (!reader.name.endsWith('manifest') && reader.name !== "space's network") {
    out.push({ id: id('/dev/zero'), args: reader.args('/dev/zero'), field: 'is a character device, expected a regular file' });
  }
  if (isJson) {
    out.push(
      { id: id('5,000-deep arrays'), ...base, files: { ...extra, [path]: DEEP }, field: 'nested deeper than 100 levels' },
      { id: id('5,000-deep objects'), ...base, files: { ...extra, [path]: DEEP_OBJECT }, field: 'nested deeper than 100 levels' },
      { id: id('a secret in a syntax error'), ...base, files: { ...extra, [path]: '{"x": TOPSECRET}' }, field: 'not valid JSON', absent: 'TOPSECRET' },
    );
  }
  if (reader.duplicate) out.push({ id: id('a duplicate key'), ...base, files: { ...extra, [path]: reader.duplicate }, field: 'duplicate key' });
  return out;
}

export const INPUT_CASES: readonly CorpusCase[] = [
  ...READERS.flatMap(casesOf),
  { id: 'input: space file: empty path', args: ['validate', ''], field: 'empty path' },
  { id: 'input: network file: empty path', args: ['evaluate', '-n', '', '--no-accuracy'], field: 'unknown network ""' },
  { id: 'input: --config: empty path', args: ['evaluate', '-n', 'vgg16-cifar10', '--no-accuracy', '--config', ''], field: 'empty path' },
  { id: 'input: pareto CSV: empty path', args: ['pareto', '', '--objectives', 'a:min'], field: 'empty path' },
  { id: 'input: --config YAML 5,000 deep', files: { 'c.yaml': '['.repeat(5000) }, args: ['evaluate', '-n', 'vgg16-cifar10', '--no-accuracy', '--config', '$D/c.yaml'], field: 'nested too deeply' },
  { id: 'input: space YAML duplicate key', files: { 's.yaml': 'name: a\nname: b\n' }, args: ['validate', '$D/s.yaml'], field: 'duplicate key at line 2' },
  // A run whose rows cannot fit in memory: refused before it starts, naming the budget and the estimate.
  // (A space of 6.1e8 points: on a smaller one the plan is its size, since no strategy proposes a point twice.)
  {
    id: 'memory: --budget 10^8',
    files: { 'big.json': JSON.stringify({ name: 'big', network: 'mlp-mnist', parameters: { 'adc.bits': { min: 1, max: 12 }, 'crossbar.size': [8, 16, 32, 64, 128, 256, 512, 1024], 'snn.timesteps': { min: 1, max: 64 }, 'device.rOn_ohm': { min: 1e3, max: 1e6, count: 1000, scale: 'log' }, 'device.onOffRatio': { min: 2, max: 1000, count: 100, scale: 'log' } }, objectives: ['energy_pJ:min'], strategy: 'random', budget: { evaluations: 100 } }) },
    args: ['search', '$D/big.json', '--budget', '100000000'],
    field: 'budget: 100000000 evaluations need about 47.7 GiB (512 bytes each)',
  },
  // Seeds beyond 2^53 - 1 would silently be another seed.
  { id: 'seed: --seed 2^53 + 1', args: ['search', 'test/cli/fixtures/slow.json', '--seed', '9007199254740993'], field: '--seed' },
  { id: 'seed: --seed 1e20', args: ['search', 'test/cli/fixtures/slow.json', '--seed', '1e20'], field: '--seed' },
  { id: 'seed: space seed 2^53 + 1', files: { 's.json': space('vgg16-cifar10').replace('"strategy":"grid"', '"strategy":"grid","seed":9007199254740993') }, args: ['validate', '$D/s.json'], field: 'seed: got 9007199254740992, expected an integer in [0, 9007199254740991]' },
  // Network sizes the simulator cannot hold, and where a missing network file was looked for.
  { id: 'network: 1e300 channels', files: { 'n.json': NET('{"channels":1,"height":8,"width":8}', '').replace('"outChannels":4', '"outChannels":1e300') }, args: ['evaluate', '-n', '$D/n.json', '--no-accuracy'], field: 'outChannels' },
  { id: 'network: 100000 x 100000 input', files: { 'n.json': NET('{"channels":1,"height":100000,"width":100000}') }, args: ['evaluate', '-n', '$D/n.json', '--no-accuracy'], field: 'too large to simulate' },
  { id: 'network: 1e300 input channels', files: { 'n.json': NET('{"channels":1e300,"height":8,"width":8}') }, args: ['evaluate', '-n', '$D/n.json', '--no-accuracy'], field: 'input.channels' },
  { id: 'network: a layer with 2^35 weights', files: { 'n.json': NET('{"channels":1,"height":128,"width":128}').replace('"outFeatures":10', '"outFeatures":1000000') }, args: ['evaluate', '-n', '$D/n.json', '--no-accuracy'], field: 'weights, expected at most' },
  { id: "network: a space's missing network file says where it looked", files: { 'sub/sp.json': space('none.json') }, args: ['validate', '$D/sub/sp.json'], field: 'sub/none.json' },
  { id: 'network: valid file, bad space', files: { 'net.json': VALID_NET, 'sp.json': space('net.json').replace('"adc.bits"', '"adc.bitz"') }, args: ['validate', '$D/sp.json'], field: 'adc.bitz' },
];
