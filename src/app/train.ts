/**
 * On-chip training's crossbar reads (docs/training.md "IR drop and ADC"): the read model the trainer (src/snn/learn)
 * uses, built from a hardware design with the simulator's own models:
 * - IR drop: the exact nodal solve of one X x X crossbar (src/sim/nonideal/crossbar.ts, the reference the fast band
 *   model is validated against) with the design's wire resistance per segment, every cell at the middle of the
 *   design's conductance window (the reference level of a signed weight), a share snn.spikeRate of the rows driven
 *   at device.readVoltage_V, evenly spread. A cell's factor = the voltage across it / the read voltage; rows not
 *   driven take the factor of the nearest driven row in the same column. One static map per design, applied to
 *   every tile of every layer (a differential pair's twin cells share it, so the signed weight scales by it).
 * - The converter: the design's ADC kind through the simulator's functional transfer (columnConverter,
 *   src/sim/nonideal/adc.ts), bipolar (the signed column value of a differential pair or reference column), one
 *   LSB = one cell level = one device state step, 'full' range = crossbar rows x (states - 1) levels.
 */
import { ConfigError } from '../core/errors.js';
import { adcKind, digitizeColumns } from '../hardware/components/adc/index.js';
import { applyOverrides, defaultConfig, getPath, type HardwareConfig } from '../hardware/config.js';
import { commandLineValue, oneSettingPerPath } from '../hardware/settings.js';
import { cellLevels, columnConverter, deviceConductance, solveCrossbarExact } from '../sim/nonideal/index.js';
import { loadNetwork } from '../model/load.js';
import { layerKeyOf } from '../search/index.js';
import type { ConvShape } from '../snn/learn/conv.js';
import type { CrossbarReadModel } from '../snn/learn/readModel.js';
import { checkLayerPaths } from './context.js';

/** Rows driven in the IR-drop solve: a share `rate` of `rows`, evenly spread (at least one). */
export function drivenRows(rows: number, rate: number): Uint8Array {
  const active = new Uint8Array(rows);
  const n = Math.max(1, Math.round(rows * rate));
  for (let k = 0; k < n; k++) active[Math.floor(((k + 0.5) * rows) / n)] = 1;
  return active;
}

/** rows x cols IR-drop factors of the design's crossbar (row-major); null without wire resistance. */
export function irDropFactors(config: HardwareConfig): Float32Array | null {
  const size = config.crossbar.size;
  const r = config.crossbar.rWire_ohm;
  if (r === 0) return null;
  const cell = cellLevels(config.device);
  const mid = deviceConductance((cell.stackOn_S + cell.stackOff_S) / 2, cell.rAccess_ohm);
  const v = config.device.readVoltage_V;
  const active = drivenRows(size, config.snn.spikeRate);
  const solution = solveCrossbarExact({ rows: size, cols: size, conductance_S: new Float64Array(size * size).fill(mid),
    rAccess_ohm: cell.rAccess_ohm, rRow_ohm: r, rCol_ohm: r }, new Float64Array(size).fill(v), active);
  const factors = new Float32Array(size * size);
  for (let p = 0; p < size; p++) {
    // The nearest driven row (ties: the one above).
    let src = -1;
    for (let d = 0; d < size && src < 0; d++) {
      if (p - d >= 0 && active[p - d]) src = p - d;
      else if (p + d < size && active[p + d]) src = p + d;
    }
    for (let q = 0; q < size; q++) {
      const k = src * size + q;
      factors[p * size + q] = (solution.rowNode_V[k] - solution.colNode_V[k]) / v;
    }
  }
  return factors;
}

/** The design parameters crossbarReadModel's label shows (a run folder's fingerprint holds the label). */
const LABELLED_PATHS = ['adc.kind', 'adc.bits', 'adc.rangeMode', 'crossbar.size', 'crossbar.rWire_ohm', 'snn.spikeRate'];

/** The crossbar read model of `config` for a learning device of `states` conductance states. */
export function crossbarReadModel(config: HardwareConfig, states: number): CrossbarReadModel {
  if (!Number.isInteger(states) || states < 2) throw new ConfigError(`device.states: got ${states}, expected an integer >= 2`);
  const size = config.crossbar.size;
  const adc = config.adc;
  // bitsPerCell enters only the 'full' range, rows x (2^bits - 1) levels: log2(states) gives rows x (states - 1).
  const conv = columnConverter(adc, size, Math.log2(states), { bipolar: true });
  const convert = (values: Float64Array, count: number): void => digitizeColumns(conv, values, count, 1, null, values);
  const fullScale_levels = conv.transfer === 'quantizer' ? conv.maxCode * conv.lsb : conv.lsb;
  // A one-bit-per-column kind (sense amplifier) reads each row tile as 0 or one level whatever adc.bits and
  // adc.rangeMode say: neither is part of its design, and only more tiles or fewer levels per weight raise the current.
  const sensing = adcKind(adc.kind).oneBitPerColumn;
  return { rows: size, cols: size, irFactor: irDropFactors(config), convert, fullScale_levels,
    label: `${sensing ? adc.kind : `${adc.kind} ${adc.bits} bit ${adc.rangeMode}`}, ${size}x${size}, ${config.crossbar.rWire_ohm} ohm, spike rate ${config.snn.spikeRate}`,
    raiseCurrent: sensing
      ? 'a sense amplifier reads each row tile as 0 or 1 level, so a smaller crossbar.size (more row tiles) or a larger onchip.weightRange (fewer levels per weight)'
      : 'more ADC bits, or adc.rangeMode=full' };
}

/**
 * The read model of `cosearch train --on-chip` on `network`: the default design with `hardware` overrides (path=value,
 * validated by the parameter registry), or undefined with `idealReads` (ideal reads, for comparison). A
 * `layers.<key>.` override is refused: one naming no weight layer of the network as in `cosearch evaluate`, and any
 * other too, since one design reads every layer (a per-layer value would have no effect).
 */
export function trainReadModel(hardware: readonly string[], idealReads: boolean, states: number, network: string): CrossbarReadModel | undefined {
  if (idealReads) {
    if (hardware.length > 0) throw new ConfigError(`--hardware ${hardware[0]}: got a design setting with --ideal-reads, expected one or the other`);
    return undefined;
  }
  const settings = hardware.map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--hardware: got ${JSON.stringify(s)}, expected path=value (see \`cosearch list parameters\`)`);
    return { source: `--hardware ${JSON.stringify(s)}`, path: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() };
  });
  // Each path once (or repeated with one value): the last of two values silently won.
  const overrides = oneSettingPerPath(settings, { equalValuesAllowed: true, scope: 'on the command line', parse: commandLineValue });
  // As written (`device.rOn_ohm=5e4`): the refusals and the run's label (its fingerprint) name the text, not the number.
  const written = new Map(settings.map((s) => [s.path, s.value]));
  const paths = Object.keys(overrides);
  checkLayerPaths(paths, loadNetwork(network), '--hardware ');
  const perLayer = paths.find((p) => layerKeyOf(p) !== undefined);
  if (perLayer !== undefined) {
    throw new ConfigError(`--hardware ${JSON.stringify(perLayer)}: got a per-layer setting, expected a global path (the on-chip reads use one design for every layer)`);
  }
  const model = crossbarReadModel(applyOverrides(defaultConfig(), overrides), states);
  // A path the read model does not read (snn.timesteps, training.*), or reads only through a ratio it cancels
  // (device.readVoltage_V: the IR-drop solve is linear), would have no effect: refused, as `layers.*` paths are. One
  // that names the default value is no design change, and stays out of the label (it kept such a run from resuming).
  const effective = paths.filter((p) => {
    const { [p]: given, ...rest } = overrides;
    if (sameReads(model, crossbarReadModel(applyOverrides(defaultConfig(), rest), states))) {
      if (String(given) === String(getPath(defaultConfig(), p))) return false;
      throw new ConfigError(`--hardware ${JSON.stringify(`${p}=${String(written.get(p) ?? given)}`)}: got a setting the on-chip reads do not depend on, expected one that changes them (crossbar size and wires, the converter, the device's conductances, the spike rate; see docs/training.md)`);
    }
    return true;
  });
  // Every other override joins the label, so that a run folder's fingerprint tells two designs apart (device.rOn_ohm
  // changes the IR-drop map: a folder of one design used to resume with the other); the default design's label stays.
  const more = effective.filter((p) => !LABELLED_PATHS.includes(p)).sort().map((p) => `${p}=${String(written.get(p) ?? overrides[p])}`);
  return more.length === 0 ? model : { ...model, label: `${model.label}, ${more.join(', ')}` };
}

/** Whether two read models read alike: the same IR-drop factors, full scale and conversions of a probe of values. */
function sameReads(a: CrossbarReadModel, b: CrossbarReadModel): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols || a.fullScale_levels !== b.fullScale_levels) return false;
  if ((a.irFactor === null) !== (b.irFactor === null) || (a.irFactor && b.irFactor && !a.irFactor.every((f, i) => f === b.irFactor![i]))) return false;
  if ((a.convert === null) !== (b.convert === null)) return false;
  if (!a.convert || !b.convert) return true;
  // Signed column values across twice the full scale, fine steps near zero: any change of step, range or transfer shows.
  const probe = Float64Array.from({ length: 401 }, (_, i) => ((i - 200) / 100) * Math.min(a.fullScale_levels, 1e6) + (i % 7) * 1e-3);
  const [pa, pb] = [probe.slice(), probe.slice()];
  a.convert(pa, pa.length);
  b.convert(pb, pb.length);
  return pa.every((v, i) => v === pb[i]);
}

/**
 * The learning trainer's layers of a network (`cosearch train`): layer widths (flattened maps) and, when a layer is a
 * convolution, its shape (conv undefined for an MLP, so an MLP's run fingerprint is unchanged). Refused: pooling,
 * residual adds, layers reading another layer than the one before.
 */
export function learningLayers(name: string): { sizes: number[]; conv?: (ConvShape | null)[] } {
  const net = loadNetwork(name);
  const sizes = [net.input.channels * net.input.height * net.input.width];
  const conv: (ConvShape | null)[] = [];
  for (const layer of net.layers) {
    const out = layer.outputShape;
    if (layer.kind === 'linear' && layer.inputFrom === undefined) {
      conv.push(null);
    } else if (layer.kind === 'conv' && layer.inputFrom === undefined) {
      const s = layer.inputShape;
      conv.push({ inChannels: s.channels, inHeight: s.height, inWidth: s.width, outChannels: layer.outChannels, kernel: layer.kernel,
        stride: layer.stride ?? 1, padding: layer.padding ?? 0 });
    } else {
      throw new ConfigError(`network ${name}: layer ${layer.name} is ${layer.kind}${layer.inputFrom ? ` reading ${layer.inputFrom}` : ''}, ` +
        'expected linear or conv layers in a chain (cosearch train trains MLPs and plain conv nets)');
    }
    sizes.push(out.channels * out.height * out.width);
  }
  return conv.some((c) => c) ? { sizes, conv } : { sizes };
}
