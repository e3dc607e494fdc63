/**
 * Golden outputs recorded from main before the renovation (issue 10): `cosearch evaluate --json` for the zoo's
 * networks on several configurations, and the CSVs of search-spaces/default.json (a frozen copy under
 * test/golden/spaces) with a fixed seed on 1 and 2 workers. Regenerate with `UPDATE_GOLDENS=1 npx vitest run test/golden` only in a commit that names the modelling change.
 */
export interface EvaluateCase {
  readonly name: string;
  readonly args: readonly string[];
}

export const EVALUATE_CASES: readonly EvaluateCase[] = [
  { name: 'vgg16-defaults', args: ['--network', 'vgg16-cifar10'] },
  { name: 'vgg16-senseamp', args: ['--network', 'vgg16-cifar10', '--set', 'adc.kind=senseamp'] },
  { name: 'vgg16-flash-offset', args: ['--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'adc.kind=flash', '--set', 'crossbar.signedMapping=offset-diff'] },
  { name: 'vgg9-spikesim-ela', args: ['--network', 'vgg9-cifar10', '--config', 'configs/spikesim-ela.json'] },
  { name: 'resnet19-layer-128', args: ['--network', 'resnet19-cifar10', '--set', 'crossbar.size=128', '--set', 'layers.conv1.device.bitsPerCell=2', '--set', 'layers.b2_conv1.adc.bits=7'] },
  { name: 'mlp-mnist', args: ['--network', 'mlp-mnist', '--set', 'accuracy.samples=200'] },
  { name: 'mlp-mnist-adcless', args: ['--network', 'mlp-mnist', '--set', 'accuracy.samples=100', '--set', 'adc.kind=senseamp', '--set', 'snn.weightBits=4'] },
  { name: 'cnn-mnist', args: ['--network', 'cnn-mnist', '--set', 'accuracy.samples=50'] },
];

/**
 * The default space with a fixed seed and a smaller budget (the same code paths, a quarter of the time). A frozen
 * copy of search-spaces/default.json as it was before its MAC-error bound (issue 12): a shipped space's settings may
 * change, the refactor golden must not.
 */
export const SEARCH_CASE = { space: 'test/golden/spaces/default-unbounded.json', seed: 7, budget: 96, workers: [1, 2] } as const;
export const SEARCH_FILES = ['evaluations.csv', 'pareto.csv'] as const;
