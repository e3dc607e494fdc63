/**
 * The public entry points refuse arguments of the wrong kind with one ConfigError naming the argument; each of these
 * threw a raw TypeError (or, tell('abc'), counted the string's characters as results).
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, evaluate, hypervolume, nsga2, nsga2Optimizer, runSearch } from '../../src/index.js';
import type { Network } from '../../src/model/types.js';
import type { EvaluationResult, SearchSpace } from '../../src/search/index.js';
import { asyncRefusal, refusal } from '../helpers/refusal.js';
import { zdt1 } from './strategies/problems.js';

/** An argument as a JavaScript caller may pass it. */
const loose = <T>(value: unknown): T => value as T;

describe('public entry points: arguments of the wrong kind', () => {
  it('nsga2 options, hypervolume points, evaluate network', async () => {
    expect(await asyncRefusal(() => nsga2(zdt1(4), loose(null)))).toBe("options: got null, expected an object of nsga2's options (or nothing)");
    expect(refusal(() => hypervolume(loose('abc'), [2, 2]))).toBe('points: got "abc", expected an array of points (2 finite numbers each, one per objective)');
    expect(refusal(() => evaluate(loose<Network>(undefined), defaultConfig()))).toBe(
      'network: got nothing, expected a network with layers (zooNetwork(name) or a parsed network file)');
  });

  it('ask/tell: tell with something other than an array of results', async () => {
    const opt = nsga2Optimizer(zdt1(4), { seed: 1, populationSize: 4, generations: 2 });
    await opt.ask();
    expect(refusal(() => opt.tell(loose<EvaluationResult[]>(null)))).toBe(
      'ask/tell: tell(results): got null, expected an array of 4 results ({ objectives, violation? }, one per solution asked)');
    expect(refusal(() => opt.tell(loose<EvaluationResult[]>('abcd')))).toBe(
      'ask/tell: tell(results): got "abcd", expected an array of 4 results ({ objectives, violation? }, one per solution asked)');
  });

  it('runSearch without a space or an outDir', async () => {
    expect(await asyncRefusal(() => runSearch(loose({ outDir: 'x' })))).toBe('space: got nothing, expected a search space (parseSpace or loadSpace)');
    const space = loose<SearchSpace>({ variables: [], objectives: [], constraints: [] });
    expect(await asyncRefusal(() => runSearch({ space, outDir: loose(undefined) }))).toBe("outDir: got nothing, expected the run folder's path (a non-empty string)");
    expect(await asyncRefusal(() => runSearch(loose(undefined)))).toBe("options: got nothing, expected an object with space, outDir and the run's options");
  });
});
