/** Corpus cases generated from the parameter registry: a wrong value for every parameter, by --set and in a space. */
import { PARAMETERS } from '../../../src/hardware/config.js';
import type { CorpusCase } from './types.js';

const space = (base: Record<string, unknown>, parameters: Record<string, unknown> = { 'adc.bits': [4, 5] }): string =>
  JSON.stringify({ network: 'vgg16-cifar10', base, parameters, objectives: ['energy_pJ:min'], strategy: 'grid' });

export const REGISTRY_CASES: readonly CorpusCase[] = PARAMETERS.flatMap((p): CorpusCase[] => [
  { id: `registry: --set ${p.path}=not-a-value`, args: ['evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--set', `${p.path}=not-a-value`], field: p.path },
  { id: `registry: base ${p.path}: [1]`, files: { 's.json': space({ [p.path]: [1] }) }, args: ['validate', '$D/s.json'], field: `base.${p.path}` },
  ...(p.type.kind === 'choice' ? [] : [
    { id: `registry: --set ${p.path}=1e999`, args: ['evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--set', `${p.path}=1e999`], field: p.path },
  ]),
  ...(p.perLayer ? [
    { id: `registry: parameters layers.conv99.${p.path}`, files: { 's.json': space({}, { [`layers.conv99.${p.path}`]: [1] }) }, args: ['validate', '$D/s.json'], field: `parameters.layers.conv99.${p.path}` },
  ] : []),
]);
