/**
 * Which trained weights hardware accuracy runs (shipped HP or ADC-less, or a file the user gave) and how far the
 * configuration lies from the point they were trained at (the note `cosearch evaluate` prints: `accuracyNote` in
 * --json). A membrane narrower than 16 bits is no such distance: the U_mem word is simulated (src/snn/membraneWord.ts).
 */
import { adcKind, isOneBitConverter } from '../hardware/components/adc/index.js';
import { layerHardware, type HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { buildSnnGraph, type SnnGraph } from '../snn/graph.js';
import { ADCLESS_DESIGN } from '../snn/adcless.js';
import { givenWeights, loadWeights, type SnnWeights } from '../snn/weights.js';

/** True when every weight layer of the network uses 1-bit converters on every column (ADC-less). */
export function isAdcLess(network: Network, graph: SnnGraph, config: HardwareConfig): boolean {
  return graph.weightOps.every((op) => adcKind(layerHardware(config, network.layers[op.layerIndex]).adc.kind).oneBitPerColumn);
}

/** The weights hardware accuracy runs and which shipped variant they are (a given file counts by its adcLess block). */
export interface ChosenWeights {
  readonly weights: SnnWeights;
  readonly variant: 'hp' | 'adcless';
}

/** The trained weights hardware accuracy uses for this configuration, or undefined when the network has none. */
export function weightsFor(network: Network, config: HardwareConfig): ChosenWeights | undefined {
  const chosen = givenWeights(network.name);
  if (chosen) return { weights: chosen, variant: chosen.adcLess ? 'adcless' : 'hp' };
  const hp = loadWeights(network.name, 'hp');
  if (!hp) return undefined;
  const graph = buildSnnGraph(network);
  if (isAdcLess(network, graph, config)) {
    const adcless = loadWeights(network.name, 'adcless');
    if (adcless) return { weights: adcless, variant: 'adcless' };
  }
  return { weights: hp, variant: 'hp' };
}

/**
 * When hardware accuracy runs its trained weights (shipped or given) off the point they were trained at, what differs;
 * undefined on that point. Any weights: another snn.timesteps (rate coding degrades gracefully, but the figure is then
 * a post-training evaluation: docs/model-card.md's T table). HP weights: fewer snn.weightBits than trained (re-quantised
 * after training; more bits reproduce the trained values). ADC-less weights: the trained model and the chip agree only
 * with sense amplifiers, the trained weight precision in one cell per weight, a signed mapping and the trained rows
 * (docs/model-card.md).
 */
export function weightsDesignMismatch(network: Network, config: HardwareConfig): string | undefined {
  const chosen = weightsFor(network, config);
  if (!chosen) return undefined;
  const { weightBits, adcLess, trainedTimesteps } = chosen.weights, found = new Set<string>();
  const adcLessDesign = chosen.variant === 'adcless' && adcLess !== undefined;
  if (adcLessDesign ? config.snn.weightBits !== weightBits : config.snn.weightBits < weightBits) {
    found.add(`snn.weightBits=${config.snn.weightBits} (trained: ${weightBits}${adcLessDesign ? '' : '; re-quantised after training'})`);
  }
  if (config.snn.timesteps !== trainedTimesteps) found.add(`snn.timesteps=${config.snn.timesteps} (trained: ${trainedTimesteps})`);
  if (adcLessDesign) {
    for (const op of buildSnnGraph(network).weightOps) {
      const hw = layerHardware(config, network.layers[op.layerIndex]);
      if (!adcKind(hw.adc.kind).oneBitPerColumn) found.add(`adc.kind=${hw.adc.kind} (trained: 1-bit sense amplifiers)`);
      if (hw.device.bitsPerCell < config.snn.weightBits) found.add(`device.bitsPerCell=${hw.device.bitsPerCell} < snn.weightBits (several cells per weight)`);
      // Trained on the differential pair (docs/model-card.md): a reference column senses against another baseline
      // (mlp-mnist: 48.7% against 91.7% on 300 samples). An unsigned mapping under sense amplifiers is refused by the
      // configuration check (src/hardware/adcRange.ts unsignedSenseColumn), so it never reaches here.
      const trainedMapping = ADCLESS_DESIGN['crossbar.signedMapping'];
      if (hw.crossbar.signedMapping !== trainedMapping) found.add(`crossbar.signedMapping=${hw.crossbar.signedMapping} (trained: ${trainedMapping})`);
      if (hw.crossbar.size !== adcLess.crossbarRows) found.add(`crossbar.size=${hw.crossbar.size} (trained: ${adcLess.crossbarRows} rows)`);
    }
  } else {
    // HP weights were trained for multi-bit converters: a layer read by any 1-bit converter (isOneBitConverter: a sense
    // amplifier, or a SAR/flash/ramp at adc.bits = 1, one comparator) runs them off that point (mlp-mnist with fc1 on
    // sense amplifiers: 23%; adc.bits=1 with sar on every layer: 54%).
    const oneBit = new Map<string, string[]>();
    for (const op of buildSnnGraph(network).weightOps) {
      const layer = network.layers[op.layerIndex];
      const { adc } = layerHardware(config, layer);
      if (!isOneBitConverter(adc)) continue;
      const key = adcKind(adc.kind).oneBitPerColumn ? `adc.kind=${adc.kind}` : `adc.bits=1 (${adc.kind})`;
      oneBit.set(key, [...oneBit.get(key) ?? [], layer.name]);
    }
    for (const [key, layers] of oneBit) {
      found.add(`${key} on ${layers.join(', ')} (${key.startsWith('adc.bits') ? 'one comparator binarises the partial sums; ' : ''}trained for multi-bit converters)`);
    }
  }
  if (!found.size) return undefined;
  return `${adcLessDesign ? 'ADC-less weights off their design' : 'weights off their trained point'}: ${[...found].join(', ')}`;
}
