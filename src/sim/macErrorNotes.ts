/**
 * What the MAC error does not see, as notes (`cosearch evaluate` modelNotes; `cosearch validate` and `search` through
 * their strategy-note lines): it is the error of one crossbar read, so every snn.timesteps gives the same value
 * (docs/accuracy.md "The MAC-error bound of the shipped spaces"), and on a 1-bit converter that is not a sense
 * amplifier it measures the binarisation of the partial sums (docs/accuracy.md "Sense-amplifier designs").
 */
import { adcKind, isOneBitConverter } from '../hardware/components/adc/index.js';
import { layerHardware, type HardwareConfig } from '../hardware/config.js';
import { isWeightLayer } from '../model/resolve.js';
import type { Network } from '../model/types.js';
import { APART_ACCURACY_METRIC_NAMES, MAC_ERROR_METRIC_NAMES } from './metrics.js';
import type { LayerMacError } from './nonideal/macError.js';
import { layerRmsCi95, meanRmsCi95 } from './nonideal/macErrorSpread.js';
import { worstMacErrorLayer } from './nonideal/worstLayer.js';

/** The metrics of one crossbar read (not the proxy, which reads T times): the same at every snn.timesteps. */
export const PER_READ_METRIC_NAMES: readonly string[] = MAC_ERROR_METRIC_NAMES.filter((m) => !APART_ACCURACY_METRIC_NAMES.includes(m));

const PER_READ = 'the MAC error (macError_rms, macErrorMax_rms, macSnr_dB) is the error of one crossbar read: the same for every snn.timesteps';

/** evaluate's notes on a reported (not NaN) MAC error: timesteps, and layers a 1-bit converter other than a sense amplifier reads. */
export function macErrorNotes(network: Network, config: HardwareConfig, macError_rms: number): string[] {
  if (Number.isNaN(macError_rms)) return [];
  const notes = [`${PER_READ} (here T = ${config.snn.timesteps}); hardware accuracy and the accuracy proxy see T (docs/accuracy.md "The MAC-error bound of the shipped spaces")`];
  const oneBit = network.layers.flatMap((l) => {
    if (!isWeightLayer(l)) return [];
    const { adc } = layerHardware(config, l, network);
    return isOneBitConverter(adc) && !adcKind(adc.kind).oneBitPerColumn ? [{ name: l.name, kind: adc.kind }] : [];
  });
  if (oneBit.length > 0) {
    const kinds = [...new Set(oneBit.map((l) => l.kind))].join(', ');
    notes.push(`${oneBit.map((l) => l.name).join(', ')} ${oneBit.length === 1 ? 'is' : 'are'} read by 1-bit converters (adc.bits=1, ${kinds}): one comparator `
      + 'binarises each partial sum (±1 LSB), as a sense amplifier does, so their MAC error measures that binarisation, the design, more than the hardware; '
      + 'it is kept (a sense amplifier\'s is n/a) because no weights are trained for a ±1 comparator: it is what the multi-bit weights these layers run lose '
      + '(docs/accuracy.md "Sense-amplifier designs")');
  }
  return notes;
}

/** The note for a space that searches snn.timesteps against a per-read MAC-error objective or constraint, or undefined. */
export function timestepsMacErrorNote(searched: readonly string[], metrics: readonly string[]): string | undefined {
  if (!searched.includes('snn.timesteps')) return undefined;
  const used = [...new Set(metrics.filter((m) => PER_READ_METRIC_NAMES.includes(m)))];
  if (used.length === 0) return undefined;
  return `snn.timesteps is searched against ${used.join(', ')}: ${PER_READ}, so it ranks timesteps by energy and latency alone `
    + '(docs/accuracy.md "The MAC-error bound of the shipped spaces")';
}

/**
 * evaluate --json's MAC-error intervals (95% half-widths over the sampled crossbars, macErrorSpread.ts): of the mean
 * (macError_rms) and of the worst layer (macErrorMax_rms); none for a design without a MAC error.
 */
export function macErrorIntervals(layers: readonly LayerMacError[]): { macError_ci95?: number; macErrorMax_ci95?: number } {
  const worst = worstMacErrorLayer(layers);
  return worst ? { macError_ci95: meanRmsCi95(layers), macErrorMax_ci95: layerRmsCi95(worst) } : {};
}
