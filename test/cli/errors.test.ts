import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { STRATEGIES } from '../../src/search/strategies/registry.js';
import { commanderMessage } from '../../src/cli/run.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerList } from '../../src/cli/commands/list.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { register as registerWorker } from '../../src/cli/commands/worker.js';

const cli = cliRunner([registerEvaluate, registerList, registerPareto, registerPick, registerSearch, registerWorker]);

describe('command-line errors', () => {
  it('prints commander errors in the cosearch format, with the did-you-mean form, and exits 1', async () => {
    const typo = await cli('evalute');
    expect(typo.stderr).toBe('cosearch: unknown command \'evalute\' (did you mean "evaluate"?)\n');
    expect(typo.exitCode).toBe(1);
    const option = await cli('evaluate', '--network', 'mlp-mnist', '--jsn');
    expect(option.stderr).toBe('cosearch: unknown option \'--jsn\' (did you mean "--json"?)\n');
    expect(option.exitCode).toBe(1);
    const missing = await cli('evaluate');
    expect(missing.stderr).toBe("cosearch: required option '-n, --network <name|file>' not specified\n");
    expect(missing.exitCode).toBe(1);
  });

  it('names a misspelled required option as unknown, with its suggestion, rather than the option as missing', async () => {
    for (const [args, message] of [
      [['evaluate', '--netwrok', 'vgg16-cifar10'], 'unknown option \'--netwrok\' (did you mean "--network"?)'],
      [['pareto', 'f.csv', '--objective', 'a:min'], 'unknown option \'--objective\' (did you mean "--objectives"?)'],
      // Still missing when nothing is misspelled.
      [['pareto', 'f.csv'], "required option '--objectives <list>' not specified"],
    ]) {
      const r = await cli(...args);
      expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${message}\n`, 1]);
    }
  });

  it("refuses an option's value in one line naming the option, as --budget does (not behind commander's 'argument is invalid')", async () => {
    for (const [args, message] of [
      [['pareto', 'e.csv', '--objectives', 'a:up'], '--objectives: got "a:up", expected metric:min or metric:max'],
      [['pareto', 'e.csv', '--objectives', 'a:min', '--reference', '0x10'], '--reference: got "0x10", expected a number'],
      [['pick', 'run', '--constraint', 'energy_pJ <= 0x1'], `--constraint: got "energy_pJ <= 0x1", expected "metric OP number" with OP one of <=, >=, <, >, == (e.g. 'accuracy >= 0.95')`],
      [['search', 's.json', '--strategy', 'nsga4'], `--strategy: got "nsga4", expected one of ${STRATEGIES.names.join(', ')} (did you mean "nsga2"?)`],
      // The strategy registry's own refusal: the value quoted as JSON (it printed "nsga"2" unescaped).
      [['search', 's.json', '--strategy', 'nsga"2'], `--strategy: got "nsga\\"2", expected one of ${STRATEGIES.names.join(', ')} (did you mean "nsga2"?)`],
      [['worker', '--backend', 'redis://127.0.0.1:1', '--evaluator', 'x'], '--evaluator: got "x", expected NAME=MODULE_PATH'],
      // A module that does not exist: it started and advertised the evaluator until 2026-12-05.
      [['worker', '--backend', 'redis://127.0.0.1:1', '--evaluator', 'foo=/nonexist.js'], '--evaluator: got "foo=/nonexist.js" (/nonexist.js is not a file), expected NAME=MODULE_PATH of an evaluator module'],
      [['search', 's.json', '--budget', '0x10'], '--budget: got "0x10", expected an integer >= 1'],
    ]) {
      const r = await cli(...args);
      expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${message}\n`, 1]);
    }
  });

  it('names only the Redis flags given when --backend is missing', async () => {
    for (const [args, message] of [
      [['--backend-chunk', '5'], '--backend-chunk needs'],
      [['--backend-password-file', 'pw.txt'], '--backend-password-file needs'],
      [['--backend-chunk', '5', '--backend-password-file', 'pw.txt'], '--backend-password-file and --backend-chunk need'],
    ]) {
      const r = await cli('search', 'search-spaces/default.json', ...args);
      expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${message} --backend redis://HOST:PORT (without it the evaluations run on this machine)\n`, 1]);
    }
  });

  it('prints ConfigErrors the same way, with a suggestion one edit away', async () => {
    const result = await cli('list', 'devices');
    expect(result.stderr).toBe('cosearch: list: got "devices", expected one of networks, parameters, metrics, strategies\n');
    expect(result.exitCode).toBe(1);
    expect((await cli('list', 'metric')).stderr).toBe('cosearch: list: got "metric", expected one of networks, parameters, metrics, strategies (did you mean "metrics"?)\n');
  });

  it('exits 0 after help', async () => {
    const help = await cli('list', '--help');
    expect(help.stdout).toContain('Usage: cosearch list');
    expect(help.stderr).toBe('');
    expect(help.exitCode).toBe(0);
  });

  it('turns a list of suggestions into one line', () => {
    expect(commanderMessage("error: unknown command 'lst'\n(Did you mean one of list, last?)")).toBe("unknown command 'lst' (did you mean one of list, last?)");
  });
});
