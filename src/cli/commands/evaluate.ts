/** `cosearch evaluate`: energy, latency and area of one network on one hardware configuration. */
import type { Command } from 'commander';
import { applyOverrides, defaultConfig, TRAINING_ALGORITHMS, type HardwareConfig } from '../../hardware/config.js';
import { flattenConfigObject } from '../../hardware/configFile.js';
import { commandLineValue, oneSettingPerPath, refuseHiddenGlobals, type Setting } from '../../hardware/settings.js';
import { ConfigError, pickChoice, readDocument } from '../../core/index.js';
import { reticleNote } from '../../hardware/components/die.js';
import { accessTransistorNote } from '../../hardware/components/crossbar.js';
import { bitsPerCellNote } from '../../hardware/devices.js';
import { loadNetwork } from '../../model/load.js';
import type { Network } from '../../model/types.js';
import { checkLayerPaths, evaluateConfiguration, POOL_MIN_SAMPLES, weightLayerKeys } from '../../app/index.js';
import { cacheSettings } from '../../io/cache/index.js';
import { defaultWorkerCount } from '../../search/index.js';
import { readWeightsFor, useGivenWeights } from '../../snn/weights.js';
import { actionTotals, COMPONENTS, pricedInference, TIMING_MODELS, type ActionTotal, type Evaluation } from '../../sim/evaluate.js';
import { weightsDesignMismatch } from '../../sim/accuracy.js';
import { modelAssumptionNotes, utilisationText } from '../../sim/modelNotes.js';
import { macErrorIntervals, macErrorNotes } from '../../sim/macErrorNotes.js';
import { accuracyProxyRefusal } from '../../sim/nonideal/rankProxy.js';
import { formatAccuracy } from '../../sim/accuracyText.js';
import { bitSlicing } from '../../sim/nonideal/index.js';
import { ACCURACY_METRICS } from '../../sim/metrics.js';
import { formatTraining, trainingJson } from '../format/training.js';
import { once } from '../once.js';
import { workerCount } from '../numberOptions.js';
import { flagMixRefusal } from '../flagMix.js';
import { PICKED_FROM_KEY } from './pick.js';

/** The command's flags as commander gives them (`--no-accuracy` / `--no-cache`: accuracy / cache false). */
interface EvaluateFlags {
  network: string; config?: string; set: string[]; json?: boolean; actions?: boolean; accuracy: boolean; samples?: string;
  chips?: string; cache: boolean; training?: string; workers?: number; weights?: string;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('Energy, latency and area of a network on a hardware configuration (totals, per component, per layer)')
    .requiredOption('-n, --network <name|file>', 'zoo network (see `cosearch list networks`) or a network JSON file', once('--network'))
    .option('-c, --config <file>', 'configuration file (JSON or YAML): nested objects or "path": value pairs', once('--config'))
    .option('-s, --set <path=value>', 'override one parameter (repeatable), e.g. --set adc.bits=6 --set layers.conv1.device.bitsPerCell=2', collect, [])
    .option('--json', 'print one JSON object instead of tables')
    .option('--actions', 'also print each energy action of the inference: its count, energy per action and energy, summed over the layers (they add up to the component table)')
    .option('--no-accuracy', 'skip hardware accuracy and MAC error (energy, latency and area only)')
    .option('--training <algorithm>', 'also print the on-chip training cost: bptt or sdfa (sets training.algorithm)', once('--training'))
    .option('--samples <n>', 'test samples for hardware accuracy (the same as --set accuracy.samples=N; default 2000)', once('--samples'))
    .option('--chips <k>', 'chip instances to average hardware accuracy over, each on its own test samples, with a Student t interval (the same as --set accuracy.chips=K; default 1; docs/accuracy.md#chips)', once('--chips'))
    .option('--workers <n>', `worker threads for hardware accuracy (default: available cores; from ${POOL_MIN_SAMPLES} test samples on; the same result as 1)`, once('--workers', workerCount))
    .option('--weights <file>', 'trained weights to measure hardware accuracy with, instead of the shipped ones (cosearch-snn-weights/1 JSON of this network, e.g. written by scripts/train.ts --out, not the .snnw of cosearch train; docs/model-card.md)', once('--weights'))
    .option('--no-cache', 'recompute accuracy and MAC error instead of reading them from the persistent cache (docs/cache.md)')
    .action(async (options: EvaluateFlags) => {
      const chosen = loadNetwork(options.network);
      // Given weights replace the shipped ones for this command only (restored in finally: in-process callers go on).
      const restore = options.weights === undefined ? undefined : useGivenWeights(readWeightsFor(options.weights, chosen));
      try {
        await evaluateCommand(chosen, options);
      } finally {
        restore?.();
      }
    });
}

/** The command itself: configuration, evaluation (accuracy through the cache), printed tables or JSON. */
async function evaluateCommand(chosen: Network, options: Omit<EvaluateFlags, 'network'>): Promise<void> {
  const dedicated: OptionSetting[] = [...(options.samples === undefined ? [] : [{ flag: '--samples', path: 'accuracy.samples', value: options.samples }]),
    ...(options.chips === undefined ? [] : [{ flag: '--chips', path: 'accuracy.chips', value: options.chips }]),
    ...(options.training ? [{ flag: '--training', path: 'training.algorithm', value: options.training }] : [])];
  if (options.training !== undefined) pickChoice('--training', options.training, TRAINING_ALGORITHMS.filter((a) => a !== 'none'), ' (the algorithm whose on-chip training cost to print)');
  const built = buildConfig(options.config, options.set, chosen, dedicated);
  // Options of the hardware accuracy measurement mean nothing without it: refused, not silently ignored.
  const measuring = (['samples', 'chips', 'workers', 'weights'] as const).filter((k) => options[k] !== undefined);
  if (!options.accuracy && measuring.length > 0) {
    throw flagMixRefusal(measuring.map((k) => `--${k}`), `${measuring.map((k) => `--${k} ${String(options[k])}`).join(' ')} with --no-accuracy`,
      'them without --no-accuracy (they set how hardware accuracy is measured, which --no-accuracy skips)');
  }
  // The training cost is printed whenever the design trains on the chip: --training, or training.algorithm set by
  // --set or --config.
  // Only accuracy-engine results are cached: --no-accuracy never reads the cache folder, so it is not checked then.
  const cache = options.cache && options.accuracy ? cacheSettings() : undefined;
  // The design priced once: the evaluation, the training view, the input delivery note and --actions read it.
  const priced = pricedInference(chosen, built);
  const { network, config, evaluation: result, accuracy: acc, metrics, training, cacheHit, notCached } = await evaluateConfiguration(
    chosen, built,
    { accuracy: options.accuracy, training: built.training.algorithm !== 'none', workers: options.workers ?? defaultWorkerCount(),
      priced, ...(cache ? { cache } : {}) });
  if (cacheHit && process.stderr.isTTY) process.stderr.write('accuracy and MAC error: from the cache (--no-cache recomputes)\n');
  // A lost write is a warning wherever stderr goes (QA runs defect 3), not a terminal's note.
  if (notCached !== undefined && cache) {
    process.stderr.write(`evaluate: warning: the cache in ${cache.dir} could not store this result (${notCached}); the result is unaffected, a later run recomputes it\n`);
  }
  const note = acc ? weightsDesignMismatch(network, config) : undefined;
  const reticle = reticleNote(result.area_mm2);
  const deviceNote = deviceRangeNote(config);
  const timingNote = TIMING_MODELS[config.arch.timing].note;
  // modelAssumptionNotes holds the IR-loss note too: it qualifies energy and latency as well, so --no-accuracy has it.
  const modelNotes = [...modelAssumptionNotes(network, config, training, priced), ...(acc ? macErrorNotes(network, config, acc.macError_rms) : [])];
  const actions = options.actions ? actionTotals(network, config, priced) : undefined;
  // The evaluation's own fields, then the accuracy engine's metrics (registry order) and their detail, then notes.
  const json = {
    ...(acc ? { ...result, ...Object.fromEntries(ACCURACY_METRICS.map((m) => [m.name, metrics[m.name]])),
      accuracyDetail: acc.detail ?? null, ...macErrorIntervals(acc.macErrorLayers), macErrorLayers: acc.macErrorLayers,
      ...(note ? { accuracyNote: note } : {}) } : result),
    ...(reticle ? { reticleNote: reticle } : {}),
    ...(deviceNote ? { deviceNote } : {}),
    ...(timingNote ? { timingNote } : {}),
    ...(modelNotes.length ? { modelNotes } : {}),
    ...(training ? { training: trainingJson(training, config.device.endurance_cycles) } : {}),
    ...(actions ? { actions } : {}),
  };
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n`
    : formatEvaluation(result) + (actions ? `\n${formatActions(actions, result)}` : '') + (acc ? `\n${formatAccuracy(acc, note, accuracyProxyRefusal(network))}` : '') + (training ? formatTraining(training, training.datasetSize, config.device.endurance_cycles, config.training.datasetSize > 0) : '')
      + (deviceNote ? `\nnote: ${deviceNote}\n` : '') + (timingNote ? `\nnote: ${timingNote}\n` : '') + modelNotes.map((n) => `\nnote: ${n}\n`).join(''));
}

/**
 * Bits per cell (global and per-layer overrides) as one note: cells that hold fewer bits than the device offers
 * (balanced slicing of snn.weightBits: 5-7-bit cells hold 4 bits of an 8-bit weight, the same design as 4-bit cells),
 * the bits the cells are programmed with beyond the device kind's documented realistic range, and an R_on whose
 * access transistor does not fit the cell (accessTransistorNote).
 */
export function deviceRangeNote(config: HardwareConfig): string | undefined {
  const notes = [bitsPerCellNotes(config, config.device.bitsPerCell, 'device.bitsPerCell'), accessTransistorNote(config.device.rOn_ohm, 'device.rOn_ohm')];
  for (const [layer, values] of Object.entries(config.layers)) {
    const bits = values['device.bitsPerCell'];
    if (typeof bits === 'number') notes.push(bitsPerCellNotes(config, bits, `layers.${layer}.device.bitsPerCell`));
    const rOn = values['device.rOn_ohm'];
    if (typeof rOn === 'number') notes.push(accessTransistorNote(rOn, `layers.${layer}.device.rOn_ohm`));
  }
  const found = notes.filter((n): n is string => n !== undefined);
  return found.length ? found.join('; ') : undefined;
}

function bitsPerCellNotes(config: HardwareConfig, bitsPerCell: number, where: string): string | undefined {
  const weightBits = config.snn.weightBits;
  const { slices, cellBits } = bitSlicing(weightBits, bitsPerCell);
  if (cellBits === bitsPerCell) return bitsPerCellNote(config.device.kind, bitsPerCell, `${where}=${bitsPerCell} is`);
  const range = bitsPerCellNote(config.device.kind, cellBits, `${cellBits} bits are`);
  return `${where}=${bitsPerCell} holds ${cellBits} bits per cell: snn.weightBits=${weightBits} is split into ${slices} slice${slices > 1 ? 's' : ''} ` +
    `of at most ${cellBits} bits (docs/simulator.md, Mapping), the same cells, columns and results as ${where}=${cellBits}` +
    (range ? `; ${range}` : '');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A dedicated option that sets one parameter (`--samples 20` sets accuracy.samples). */
export interface OptionSetting {
  readonly flag: string;
  readonly path: string;
  readonly value: string;
}

/**
 * Defaults, then the config file, then the command line (each --set and the dedicated `options`): a later layer replaces
 * what an earlier one set. Within the file, and within the command line, each parameter is set once (on the command
 * line twice with one value is accepted): a second setting would silently lose. With the network, every
 * `layers.<key>.<path>` override must name one of its weight layers (by name or index), as in a search space, and
 * is set under the layer's name, so `layers.0` and `layers.fc1` are one path (mlp-mnist) in and across the layers.
 * A global setting of a per-layer-read path that every weight layer overrides (in the file, or on the command line
 * over the file and itself) is refused (refuseHiddenGlobals): it would set nothing.
 */
export function buildConfig(file: string | undefined, sets: readonly string[], network?: Network, options: readonly OptionSetting[] = []): HardwareConfig {
  const layerNames = network ? weightLayerKeys(network) : undefined;
  let config = defaultConfig();
  let fileSettings: (Setting & { origin: string })[] = [];
  if (file !== undefined) {
    const where = `--config ${file}: `;
    // Read outside inFile: readDocument's refusals already name the file (`--config FILE: no such file`).
    const document = readConfigFile(file);
    const emptyLayerBlocks: string[] = [];
    const flat = inFile(where, () => flattenConfigObject(document, '', emptyLayerBlocks));
    if (network) checkLayerPaths([...Object.keys(flat), ...emptyLayerBlocks], network, where);
    const settings = Object.entries(flat).map(([path, value]) => ({ source: JSON.stringify(path), path, value }));
    // Inside inFile too: an unknown parameter or a bad value is the file's, and the message names it.
    config = inFile(where, () => applyOverrides(config, oneSettingPerPath(settings, { layerNames, equalValuesAllowed: false, scope: 'in the file' })));
    fileSettings = settings.map((s) => ({ ...s, origin: `--config ${file}` }));
    inFile(where, () => refuseHiddenGlobals(settings, fileSettings, layerNames));
  }
  const settings: Setting[] = sets.map((set) => {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set: got ${JSON.stringify(set)}, expected path=value (e.g. adc.bits=6)`);
    return { source: `--set ${JSON.stringify(set)}`, path: set.slice(0, eq).trim(), value: set.slice(eq + 1).trim() };
  });
  if (network) checkLayerPaths(settings.map((s) => s.path), network, '--set ');
  for (const o of options) settings.push({ source: `${o.flag} ${JSON.stringify(o.value)}`, path: o.path, value: o.value });
  // The command line is text: each value through --set's own parse step (parseSetValue); applyOverrides takes typed values.
  const built = applyOverrides(config, oneSettingPerPath(settings, { layerNames, equalValuesAllowed: true, scope: 'on the command line', parse: commandLineValue }));
  // A global --set that the file's or the command line's per-layer entries hide on every layer is refused, not ignored.
  refuseHiddenGlobals(settings, [...fileSettings, ...settings.map((s) => ({ ...s, origin: '--set' }))], layerNames);
  return built;
}

/** `run()`, its ConfigError prefixed with `where` (`--config FILE: `). */
function inFile<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${where}${error.message}`);
    throw error;
  }
}

function readConfigFile(file: string): unknown {
  // The safe-input layer: a regular file, bounded size and nesting, duplicate keys refused, no echo of its text.
  const document = readDocument(file, { what: '--config' });
  // A picked.json records where its pick came from (`cosearch pick`): no parameter.
  if (document === null || typeof document !== 'object' || Array.isArray(document) || !Object.hasOwn(document, PICKED_FROM_KEY)) return document;
  const { [PICKED_FROM_KEY]: _from, ...settings } = document as Record<string, unknown>;
  return settings;
}

const fmt = (x: number, digits = 4): string => (x === 0 ? '0' : Math.abs(x) >= 1e5 || Math.abs(x) < 1e-2 ? x.toExponential(digits - 1) : x.toPrecision(digits));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The readable report: totals, per-component breakdown, per-layer mapping and costs. */
export function formatEvaluation(e: Evaluation): string {
  const totals = table(['metric', 'value'], [
    ['energy (pJ)', fmt(e.energy_pJ)], ['latency (ns)', fmt(e.latency_ns)], ['area (mm²)', fmt(e.area_mm2)],
    ['power (mW)', fmt(e.power_mW)], ['TOPS', fmt(e.tops)], ['TOPS/W', fmt(e.topsPerW)], ['TOPS/mm²', fmt(e.topsPerMm2)],
    ['EDP (pJ·s)', fmt(e.edp_pJs)], ['crossbars', String(e.crossbars)], ['PEs', String(e.pes)], ['tiles', String(e.tiles)],
    ['utilisation', fmt(e.utilisation, 3)], ['LIF area share', fmt(e.lifAreaShare, 3)], ['reticle fields', fmt(e.reticleFields, 3)],
  ]);
  const reticle = reticleNote(e.area_mm2);
  const pct = (v: number, total: number) => `${((100 * v) / total).toFixed(1)}%`;
  const components = table(['component', 'energy (pJ)', '%', 'latency (ns)', '%', 'area (mm²)', '%'], COMPONENTS.map((c) => [
    c,
    fmt(e.breakdown.energy_pJ[c]), pct(e.breakdown.energy_pJ[c], e.energy_pJ),
    fmt(e.breakdown.latency_ns[c]), pct(e.breakdown.latency_ns[c], e.latency_ns),
    fmt(e.breakdown.area_mm2[c]), pct(e.breakdown.area_mm2[c], e.area_mm2),
  ]));
  // With weight copies a 'copies' column shows them, and xbars, PEs and tiles count every copy (they sum to the chip's).
  const copied = e.layers.some((l) => l.copies !== undefined);
  const layers = table(
    ['layer', 'kind', 'rows', 'cols', 'slices', ...(copied ? ['copies'] : []), 'xbars', 'PEs', 'tiles', 'util', 'ADC', 'lossless', 'energy (pJ)', 'latency (ns)', 'area (mm²)'],
    e.layers.map((l) => {
      const m = l.mapping;
      const r = l.copies ?? 1;
      return [
        l.name, l.kind,
        m ? String(m.rows) : '', m ? String(m.columns) : '', m ? String(m.slices) : '', ...(copied ? [m ? String(r) : ''] : []),
        m ? String(r * m.crossbars) : '', m ? String(r * m.pes) : '', m ? String(r * m.tiles) : '', m ? utilisationText(m.utilisation) : '',
        l.hardware ? `${l.hardware.adcKind}/${l.hardware.adcBits}` : '', m ? String(m.losslessAdcBits) : '',
        fmt(l.energy_pJ), fmt(l.latency_ns), fmt(l.area_mm2),
      ];
    }),
  );
  return `${e.network}\n\n${totals}\n${reticle ? `\nnote: ${reticle}\n` : ''}\n${components}\n\n${layers}\n`;
}

/**
 * `--actions`: each energy action's count, energy per action and energy, summed over the layers, then leakage (static
 * power over the latency, no action) and the total: the rows add up to the component table's energies.
 */
export function formatActions(actions: readonly ActionTotal[], e: Evaluation): string {
  const pct = (v: number) => `${((100 * v) / e.energy_pJ).toFixed(1)}%`;
  // Whole counts in full (checkable by hand); expected counts (spike rates) to 6 digits.
  const countText = (n: number) => (Number.isInteger(n) && n < 1e15 ? String(n) : fmt(n, 6));
  const price = (p: ActionTotal['price_pJ']) => (p.min === p.max ? fmt(p.min) : `${fmt(p.min)}-${fmt(p.max)}`);
  const leakage = e.breakdown.energy_pJ.leakage;
  const rows = [
    ...actions.map((a) => [a.action, a.component, countText(a.count), price(a.price_pJ), fmt(a.energy_pJ), pct(a.energy_pJ)]),
    ['leakage', 'leakage', '', '', fmt(leakage), pct(leakage)],
    ['total', '', '', '', fmt(e.energy_pJ), pct(e.energy_pJ)],
  ];
  const units = ['one action is', '-'.repeat(13), ...actions.map((a) => a.unit), 'static power of every component over the latency (not an action)', ''];
  // The description is free text: appended left-aligned after the numeric columns.
  const aligned = table(['action', 'component', 'count', 'pJ each', 'energy (pJ)', '%'], rows).split('\n').map((line, i) => `${line}  ${units[i]}`.trimEnd()).join('\n');
  const ranged = actions.some((a) => a.price_pJ.min !== a.price_pJ.max);
  return `${aligned}\n${ranged ? '\nnote: a price given as a range differs between layers (their settings or shapes differ); its energy is the sum of each layer\'s count x price\n' : ''}`;
}
