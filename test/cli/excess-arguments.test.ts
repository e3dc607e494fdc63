/**
 * An extra argument is named with what the command takes (src/cli/run.ts excessArgumentsMessage): commander's own
 * line, `too many arguments for 'list'. Expected 1 argument but got 2.`, named neither (QA trust25, 2026-12-07). And
 * `studies run` takes one name: until 2026-12-07 it inherited `studies`' allowExcessArguments, so `studies run
 * fig7-area extra` ran the study and ignored "extra".
 */
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerCache } from '../../src/cli/commands/cache.js';
import { register as registerList } from '../../src/cli/commands/list.js';
import { register as registerStudies } from '../../src/cli/commands/studies.js';
import { register as registerValidate } from '../../src/cli/commands/validate.js';

const cli = cliRunner([registerCache, registerList, registerStudies, registerValidate]);

describe('extra arguments', () => {
  it('one line naming the command, the extra values and what it takes; exit 1', async () => {
    for (const [args, line] of [
      [['list', 'networks', 'extra'], 'list: got the extra argument "extra", expected 1 argument (list [options] <what>)'],
      [['cache', 'clear', 'extra'], 'cache clear: got the extra argument "extra", expected 0 arguments (cache clear [options])'],
      [['cache', 'info', 'x', 'y'], 'cache info: got the extra arguments "x", "y", expected 0 arguments (cache info [options])'],
      [['validate', 'a.json', 'b.json'], 'validate: got the extra argument "b.json", expected 1 argument (validate [options] <space>)'],
    ]) {
      const r = await cli(...args);
      expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${line}\n`, 1]);
    }
  });

  it('studies run takes one name: an extra one is refused before anything runs (--dir: nothing to run either way)', async () => {
    const r = await cli('studies', 'run', 'fig7-area', 'extra', '--dir', '/nonexistent-cosearch-spaces');
    expect([r.stderr, r.exitCode]).toEqual(['cosearch: studies run: got the extra argument "extra", expected 1 argument (studies run [options] <name>)\n', 1]);
  });

  it('a mistyped studies subcommand keeps its own line', async () => {
    const r = await cli('studies', 'rn', 'fig7-area');
    expect([r.stderr, r.exitCode]).toEqual(['cosearch: studies: got "rn", expected the subcommand run or nothing (the list) (did you mean "run"?)\n', 1]);
  });
});
