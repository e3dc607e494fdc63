/** `cosearch validate SPACE`: check a search-space file and print its size. */
import type { Command } from 'commander';
import { counted } from '../../core/index.js';
import { simulatorSpaceContext, simulatorSpaceNotes } from '../../app/index.js';
import { effectiveStrategy, loadSpace, plannedEvaluations, spaceSize, STRATEGIES, type SearchSpace } from '../../search/index.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('Check a search-space file (JSON or YAML) and print its size; every mistake on its own line')
    .argument('<space>', 'search-space file, e.g. search-spaces/default.json')
    .action((file: string) => {
      const space = loadSpace(file, simulatorSpaceContext());
      process.stdout.write(describeSpace(file, space));
    });
}

export function describeSpace(file: string, space: SearchSpace): string {
  const lines = [`${file}: valid space "${space.name}" on ${space.networks.join(', ')}: ${counted(space.variables.length, 'variable')}, ${counted(spaceSize(space), 'point')}`];
  for (const v of space.variables) {
    // A group's members, even one: a variable written only to its own path needs no arrow.
    const elsewhere = v.targets.length !== 1 || v.targets[0] !== v.name;
    lines.push(`  ${v.name}: ${v.values.length} values (${v.values.join(', ')})${elsewhere ? ` -> ${v.targets.join(', ')}` : ''}`);
  }
  lines.push(`  objectives: ${space.objectives.map((o) => `${o.metric} (${o.sense})`).join(', ')}`);
  if (space.constraints.length > 0) {
    lines.push(`  constraints: ${space.constraints.map((c) => [c.min !== undefined ? `${c.metric} >= ${c.min}` : '', c.max !== undefined ? `${c.metric} <= ${c.max}` : ''].filter(Boolean).join(', ')).join(', ')}`);
  }
  const settings = Object.entries(space.strategy.settings).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`  strategy: ${space.strategy.name}${settings ? ` (${settings})` : ''}, seed ${space.seed}`);
  const budget = [space.budget.evaluations !== undefined ? `${space.budget.evaluations} evaluations` : '', space.budget.time_s !== undefined ? `${space.budget.time_s} s` : ''].filter(Boolean).join(', ');
  const planned = plannedEvaluations(space, effectiveStrategy(space, STRATEGIES, { onNote: (n) => lines.push(`  note: ${n}`) }, 'command line'), STRATEGIES);
  for (const n of simulatorSpaceNotes(space)) lines.push(`  note: ${n}`);
  lines.push(`  budget: ${budget || (planned !== undefined ? `${counted(planned, 'evaluation')}, planned by the strategy settings and defaults` : 'none: the strategy runs until it ends on its own')}`);
  if (space.study) {
    const s = space.study;
    lines.push(`  study: "${s.title}" (${s.source}): ${counted(s.figures.length, 'figure')}, ${counted(s.expect.length, 'expectation')}` +
      `${s.expect.some((e) => !e.required) ? ` (${s.expect.filter((e) => !e.required).length} informational)` : ''}, ${counted(s.compare.length, 'comparison')}`);
  }
  return `${lines.join('\n')}\n`;
}
