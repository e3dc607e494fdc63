/** `cosearch list networks|parameters|metrics|strategies`. */
import type { Command } from 'commander';
import { describeType, PARAMETERS } from '../../hardware/config.js';
import { pickChoice } from '../../core/index.js';
import { isWeightLayer } from '../../model/resolve.js';
import { ZOO_NAMES, zooNetwork } from '../../model/zoo.js';
import { METRIC_REGISTRY, type MetricValues } from '../../sim/metrics.js';
import { settingExpected, STRATEGIES } from '../../search/index.js';

/** How `list metrics` shows the values a metric can take. */
const VALUES: Record<MetricValues, string> = { share: '[0, 1]', nonNegative: '>= 0', real: 'any' };

/** What `cosearch list` lists (docs/simulator.md §5 names each: test/docs/simulator-headline.test.ts). */
export const WHAT = ['networks', 'parameters', 'metrics', 'strategies'] as const;

export function register(program: Command): void {
  program
    .command('list')
    .description('List the zoo networks, every parameter path (type, default, range), every output metric (unit) or every search strategy (settings)')
    .argument('<what>', WHAT.join('|'))
    .action((what: string) => {
      process.stdout.write(listText(what));
    });
}

export function listText(what: string): string {
  switch (pickChoice('list', what, WHAT)) {
    case 'networks':
      return `${ZOO_NAMES.map((name) => {
        const n = zooNetwork(name);
        const weights = n.layers.filter(isWeightLayer).length;
        return `${name.padEnd(20)} ${`${n.input.channels}x${n.input.height}x${n.input.width}`.padEnd(9)} ${String(weights).padStart(2)} weight layers  ${n.description ?? ''}`;
      }).join('\n')}\n`;
    case 'parameters':
      return `${PARAMETERS.map((p) => `${p.path.padEnd(24)} ${String(p.default).padEnd(8)} ${(p.unit || '-').padEnd(10)} ${describeType(p.type)}${p.perLayer ? ' [per layer]' : ''}  ${p.description}`).join('\n')}\n`;
    case 'metrics':
      return `${METRIC_REGISTRY.map((m) => `${m.name.padEnd(34)} ${(m.unit || '-').padEnd(9)} ${m.sense.padEnd(3)} ${VALUES[m.values].padEnd(6)}  ${m.description}`).join('\n')}\n`;
    case 'strategies':
      return STRATEGIES.names.map((name) => {
        const s = STRATEGIES.require(name);
        const settings = Object.entries(s.settings).map(([key, spec]) =>
          `  ${key.padEnd(30)} ${String(('default' in spec ? spec.default : undefined) ?? '-').padEnd(9)} ${spec.doc} (${settingExpected(spec)})\n`);
        return `${name}  ${s.summary}\n${settings.join('')}`;
      }).join('');
  }
}
