/**
 * `cosearch train`: train a fully connected (or small conv) SNN of the zoo with BPTT, SDFA or the output layer only, in software or
 * through an on-chip learning device model, on an npm-installable dataset; writes a resumable run folder
 * (docs/training.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { EXIT } from './search.js';
import { once } from '../once.js';
import { learningLayers, trainReadModel } from '../../app/train.js';
import { checkOutputFolder, ConfigError, pickChoice } from '../../core/index.js';
import { flagMixRefusal } from '../flagMix.js';
import { integerOption, positiveInt } from '../numberOptions.js';
import { cacheDir } from '../../snn/data/cache.js';
import { CHUNK_SAMPLES, checkDataset, datasetInputs, type LoadPosition, loadFramesStoppable, splitSamples } from '../../snn/data/datasets.js';
import type { FrameSet } from '../../snn/data/frames.js';
import { type LearningDevice, learningDevice } from '../../snn/learn/devices.js';
import { ALGORITHMS, type Algorithm, type Loss } from '../../snn/learn/network.js';
import { D2D_STEP_SCALE_FLOOR_FRACTION, DEFAULT_ONCHIP, type OnChipSettings, ONCHIP_UPDATE_SCHEMES, WRITE_SCHEMES, type WriteScheme } from '../../snn/learn/onchip.js';
import { openTrainRun, runTraining, trainingRate, type EpochRow, type TrainProgress } from '../../snn/learn/session.js';
import { parseTrainSettings, TRAIN_SETTING_PATHS } from '../../snn/learn/settings.js';
import { DEFAULT_LEARNING_OPTIONS, type LearningOptions } from '../../snn/learn/trainer.js';

interface TrainCliOptions {
  network: string;
  algorithm: string;
  dataset: string;
  onChip?: boolean;
  device: string;
  updateScheme: string;
  writeScheme: string;
  idealReads?: boolean;
  hardware: string[];
  epochs: string;
  trainSamples?: string;
  testSamples: string;
  set: string[];
  out?: string;
  plain?: boolean;
  loss: string;
  detachReset?: boolean;
}

/** --loss names and the trainer's loss; 'mse' against one-hot labels is what the released SDFA train.py uses. */
const LOSS_NAMES = { 'cross-entropy': 'ce', mse: 'mse' } as const satisfies Record<string, Loss>;

export function register(program: Command): void {
  program
    .command('train')
    .description('Train a fully connected SNN (BPTT, SDFA or output layer only), in software or through an on-chip device model')
    .requiredOption('-n, --network <name>', 'zoo network of linear (and conv) layers, e.g. nmnist-fc2 (2312-1000-10), nmnist-conv', once('--network'))
    .requiredOption('-a, --algorithm <name>', `learning rule: ${ALGORITHMS.join(', ')}`, once('--algorithm'))
    .requiredOption('-d, --dataset <name>', 'saccade-mnist, saccade-mnist-time, mnist-rate or mnist-latency', once('--dataset'))
    .option('--on-chip', 'train through the device model (weights as conductances, pulsed nonlinear updates)')
    .option('--device <name>', 'on-chip learning device preset (with --on-chip)', once('--device'), 'epiram')
    .option('--update-scheme <name>', `how updates become pulses (with --on-chip): ${ONCHIP_UPDATE_SCHEMES.join(', ')} (NeuroSim's: rounded)`, once('--update-scheme'), DEFAULT_ONCHIP.updateScheme)
    .option('--write-scheme <name>', `how pulses are written (with --on-chip): ${WRITE_SCHEMES.join(', ')}`, once('--write-scheme'), DEFAULT_ONCHIP.writeScheme)
    .option('--hardware <path=value>', 'design parameter of the on-chip reads (repeatable; default design otherwise): adc.bits, adc.rangeMode, crossbar.size, crossbar.rWire_ohm, ...',
      (v: string, p: string[]) => [...p, v], [])
    .option('--ideal-reads', 'on-chip training without IR drop and ADC in the crossbar reads (for comparison)')
    .option('--loss <name>', `training loss: ${Object.keys(LOSS_NAMES).join(', ')} (mse against one-hot labels, as the released SDFA code)`, once('--loss'), 'cross-entropy')
    .option('--detach-reset', 'no gradient through the LIF reset (spikingjelly detach_reset=True, as the released SDFA code)')
    .option('-e, --epochs <n>', 'epochs', once('--epochs'), String(DEFAULT_LEARNING_OPTIONS.epochs))
    .option('--train-samples <n>', 'training samples per epoch (the first n of the training split; default all 55,000)', once('--train-samples'))
    .option('--test-samples <n>', 'test samples evaluated after each epoch', once('--test-samples'), '10000')
    .option('-s, --set <path=value>', `override a setting (repeatable; ranges in docs/training.md): ${TRAIN_SETTING_PATHS.join(', ')}`,
      (v: string, p: string[]) => [...p, v], [])
    .option('-o, --out <dir>', 'run folder (resumed when it holds the same run)', once('--out'))
    .option('--plain', 'plain progress lines instead of a bar')
    .action((o: TrainCliOptions, command: Command) => train(o, (name) => command.getOptionValueSource(name) === 'cli'));
}

/** The trainer's loss for a --loss name (refused otherwise). */
export function trainLoss(raw: string): Loss {
  return LOSS_NAMES[pickChoice('--loss', raw, Object.keys(LOSS_NAMES) as (keyof typeof LOSS_NAMES)[])];
}

/** An argument as a POSIX shell reads it back (quoted unless it is plain). */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/** `given(option)`: it was on the command line (--device and the schemes have defaults: given, they need --on-chip). */
async function train(o: TrainCliOptions, given: (option: keyof TrainCliOptions) => boolean): Promise<void> {
  const algorithm = pickChoice('--algorithm', o.algorithm, ALGORITHMS);
  const dataset = checkDataset(o.dataset);
  const { sizes, conv } = learningLayers(o.network);
  if (sizes[0] !== datasetInputs(dataset)) {
    throw new ConfigError(`network ${o.network}: has ${sizes[0]} inputs, expected ${datasetInputs(dataset)} for dataset ${dataset}`);
  }
  const loss = trainLoss(o.loss);
  const sets = parseTrainSettings(o.set);
  const num = (key: string, fallback: number) => sets.get(key) ?? fallback;
  const options: LearningOptions = {
    algorithm: algorithm satisfies Algorithm, sizes, epochs: positiveInt('--epochs')(o.epochs),
    timesteps: num('learning.timesteps', DEFAULT_LEARNING_OPTIONS.timesteps), batchSize: num('learning.batchSize', DEFAULT_LEARNING_OPTIONS.batchSize),
    learningRate: num('learning.learningRate', DEFAULT_LEARNING_OPTIONS.learningRate), seed: num('learning.seed', DEFAULT_LEARNING_OPTIONS.seed),
    finalLearningRateFraction: num('learning.finalLearningRateFraction', DEFAULT_LEARNING_OPTIONS.finalLearningRateFraction),
    // Non-defaults only: a run folder of the default loss and reset gradient keeps its fingerprint (and stays resumable).
    ...(loss === 'ce' ? {} : { loss }), ...(o.detachReset === true ? { detachReset: true } : {}), ...(conv ? { conv } : {}),
  };
  const deviceSets = [...sets.keys()].filter((k) => !k.startsWith('learning.'));
  if (!o.onChip && deviceSets.length > 0) throw flagMixRefusal([`--set ${deviceSets[0]}`], 'a device setting', '--on-chip with it');
  if (!o.onChip && (o.hardware.length > 0 || o.idealReads === true)) {
    throw flagMixRefusal(['--hardware', '--ideal-reads'], `${o.hardware[0] ?? '--ideal-reads'} without --on-chip`, '--on-chip with them');
  }
  if (!o.onChip && (given('updateScheme') || given('writeScheme'))) {
    throw flagMixRefusal(['--update-scheme', '--write-scheme'], `${o.updateScheme}/${o.writeScheme} without --on-chip`, '--on-chip with them');
  }
  const base = cliDevice(o.device);
  if (!o.onChip && given('device')) throw flagMixRefusal(['--device'], `${o.device} without --on-chip`, '--on-chip with it');
  let onChip: OnChipSettings | undefined;
  if (o.onChip) {
    const device: LearningDevice = {
      ...base, states: num('device.states', base.states), c2cSigma: num('device.c2cSigma', base.c2cSigma), d2dSigma: num('device.d2dSigma', base.d2dSigma),
      readNoiseSigma: num('device.readNoiseSigma', base.readNoiseSigma), normalizedALtp: num('device.normalizedALtp', base.normalizedALtp),
      normalizedALtd: num('device.normalizedALtd', base.normalizedALtd),
    };
    const updateScheme = pickChoice('--update-scheme', o.updateScheme, ONCHIP_UPDATE_SCHEMES);
    const writeScheme = pickChoice('--write-scheme', o.writeScheme, WRITE_SCHEMES);
    checkEffectiveSets(sets, algorithm, writeScheme);
    const verifyIterations = num('onchip.verifyIterations', DEFAULT_ONCHIP.verifyIterations);
    // Non-default schemes only: a run folder of the default settings keeps its fingerprint (and stays resumable).
    onChip = { device, weightRange: num('onchip.weightRange', DEFAULT_ONCHIP.weightRange),
      feedbackRange: num('onchip.feedbackRange', DEFAULT_ONCHIP.feedbackRange), seed: options.seed,
      ...(updateScheme === DEFAULT_ONCHIP.updateScheme ? {} : { updateScheme }),
      ...(writeScheme === DEFAULT_ONCHIP.writeScheme ? {} : { writeScheme, verifyIterations }) };
  }
  const trainSamples = o.trainSamples === undefined ? undefined
    : integerOption('--train-samples', { min: 1, max: splitSamples('train'), why: 'the samples of the training split' })(o.trainSamples);
  const testSamples = integerOption('--test-samples', { min: 1, max: splitSamples('test'), why: 'the samples of the test split' })(o.testSamples);
  cacheDir(); // the dataset cache's folder, checked before any data are generated (COSEARCH_CACHE_DIR)
  const read = onChip ? trainReadModel(o.hardware, o.idealReads === true, onChip.device.states, o.network) : undefined;
  const out = o.out ?? `runs/train-${o.network}-${algorithm}-${dataset}${onChip ? `-${onChip.device.name}` : ''}`;
  // Before any data are loaded. Under /proc the recursive mkdir of runTraining never returns: procfs answers ENOENT
  // to a mkdir in an existing folder, which Node's native mkdir -p reads as a missing parent and retries forever
  // (in C++: SIGTERM's handler never runs).
  checkOutputFolder(out, '--out');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const args = process.argv.slice(2);
  const command = ['cosearch', ...args].join(' ');
  // The run folder and the trainer are checked before the data are loaded (seconds to minutes), so that a refusal or
  // a finished run is told at once; nothing is created until the data are there. The counts are the ones the load
  // gives: both were checked against their split above.
  const run = openTrainRun({ network: o.network, dataset, options, onChip, read, trainSamples: trainSamples ?? splitSamples('train'), testSamples, command }, out);
  if (run.complete) {
    // As search --resume says of a complete run; not an error.
    process.stdout.write(`train: ${out} is already complete (${options.epochs} epoch${options.epochs === 1 ? '' : 's'}, test accuracy ${(100 * run.lastTestAccuracy).toFixed(2)} %); nothing to resume\n`);
    return;
  }
  const floorShare = run.sink?.stepFloorShare ?? 0;
  if (floorShare > 0 && onChip) {
    log(`train: device.d2dSigma ${onChip.device.d2dSigma}: ${(100 * floorShare).toFixed(1)} % of the weight cells drew a pulse step below ` +
      `${D2D_STEP_SCALE_FLOOR_FRACTION} of the nominal one and were raised to it (a cell cannot step by zero or backwards; docs/training.md)`);
  }
  // The same command resumes the run (with --out, so that it does from any folder).
  const resume = ['cosearch', ...args, ...(o.out === undefined ? ['--out', out] : [])].map(shellWord).join(' ');
  // SIGINT (Ctrl-C) or SIGTERM: stop at the next turn of the event loop (loading the data and the training loop give
  // one every 100 ms, between samples). While loading: the chunks of the dataset cache finished until then are kept
  // (each is written whole), the run folder is untouched. While training: the epoch in progress is dropped, the folder
  // keeps the last finished epoch and the same command resumes after it. Exit 130 / 143. A second signal quits at once
  // (the folder and the cache are consistent at any turn: their files are replaced whole).
  let stopRequested: NodeJS.Signals | undefined;
  const code = (signal: NodeJS.Signals) => (signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint);
  const progress = progressReporter(options.epochs, o.plain === true);
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested === undefined) {
      stopRequested = signal;
      return;
    }
    progress.close();
    log(`train: ${signal} again: quit at once; ${savedEpochs(out)}; continue with: ${resume}`);
    process.exit(code(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const control = { shouldStop: () => stopRequested !== undefined };
  let result: Awaited<ReturnType<typeof runTraining>>;
  try {
    log(`train: loading ${dataset} (generated on first use, then cached)...`);
    const sets: FrameSet[] = [];
    for (const [split, count] of [['train', trainSamples], ['test', testSamples]] as const) {
      const loaded = await loadFramesStoppable(dataset, split, options.timesteps, count, control);
      if (loaded.stopped) {
        const signal = stopRequested ?? 'SIGINT';
        log(`train: ${signal}: ${loadStopped(dataset, split, loaded.stopped)}`);
        process.exitCode = code(signal);
        return;
      }
      sets.push(loaded.frames);
    }
    const [trainSet, testSet] = sets;
    if (read) log(`train: crossbar reads through ${read.label} (--ideal-reads: without IR drop and ADC)`);
    result = await runTraining(run, trainSet, testSet, progress, control);
  } finally {
    progress.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (result.resumedFrom > 0) log(`train: resumed after epoch ${result.resumedFrom}`);
  if (result.stoppedIn !== undefined) {
    const signal = stopRequested ?? 'SIGINT';
    log(`train: ${signal}: stopped during epoch ${result.stoppedIn + 1}/${options.epochs}; ${savedEpochs(out)}, the unfinished epoch is redone on resume; continue with: ${resume}`);
    process.exitCode = code(signal);
    return;
  }
  process.stdout.write(`${out}: ${algorithm} ${sizes.join('-')} on ${dataset}${onChip ? ` through ${onChip.device.name}` : ''}: ` +
    `test accuracy ${(100 * result.finalTestAccuracy).toFixed(2)} % (${o.loss} loss${o.detachReset === true ? ', reset detached' : ''}) after ${options.epochs} epochs\n`);
}

/** The line of a run stopped while loading its data: where, and what the cache keeps (whole chunks only). */
function loadStopped(dataset: string, split: string, at: LoadPosition): string {
  const where = `stopped while ${at.generating ? 'generating' : 'loading'} ${dataset} (${split} split, sample ${at.sample}/${at.of})`;
  if (at.cached === 0 && split === 'train') return `${where}; nothing was written; run the command again to start over`;
  const kept = split === 'train' ? `its first ${at.cached} samples` : `the train split and ${at.cached} samples of the ${split} split`;
  return `${where}; the dataset cache keeps ${kept} (whole chunks of ${CHUNK_SAMPLES}), nothing else was written; run the command again to continue from there`;
}

/** What a run folder holds after a stop: its finished epochs (the rows of epochs.csv). */
function savedEpochs(out: string): string {
  if (!existsSync(join(out, 'manifest.json'))) return `nothing written to ${out} yet`;
  const csv = join(out, 'epochs.csv');
  const done = existsSync(csv) ? readFileSync(csv, 'utf8').trim().split('\n').length - 1 : 0;
  return done === 0 ? `no epoch finished yet (${out} holds the manifest only)` : `${out} holds epoch${done === 1 ? ' 1' : `s 1-${done}`}`;
}

/**
 * Refuse an on-chip setting the run would ignore (it used to be accepted and stored, with no effect on the run):
 * verify rounds without --write-scheme verify, and the feedback range of SDFA's B with another algorithm.
 */
function checkEffectiveSets(sets: ReadonlyMap<string, number>, algorithm: Algorithm, writeScheme: WriteScheme): void {
  const rounds = sets.get('onchip.verifyIterations');
  if (rounds !== undefined && writeScheme !== 'verify') {
    throw new ConfigError(`--set onchip.verifyIterations: got ${rounds} with --write-scheme ${writeScheme}, expected --write-scheme verify with it (open-loop writes are not read back)`);
  }
  const range = sets.get('onchip.feedbackRange');
  if (range !== undefined && algorithm !== 'sdfa') {
    throw new ConfigError(`--set onchip.feedbackRange: got ${range} with --algorithm ${algorithm}, expected --algorithm sdfa with it (only SDFA reads the feedback matrix B)`);
  }
}

/** The learning device preset named by --device (checked with or without --on-chip). */
function cliDevice(name: string): LearningDevice {
  try {
    return learningDevice(name);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`--${error.message}`);
    throw error;
  }
}

/** Epoch, loss, accuracy and ETA: a bar on a terminal, a line per epoch otherwise. */
function progressReporter(epochs: number, plain: boolean): TrainProgress & { close(): void } {
  const tty = process.stderr.isTTY && !plain;
  let bar: cliProgress.SingleBar | undefined;
  let epochStarted = 0;
  return {
    epochStart(epoch, samples) {
      epochStarted = Date.now();
      if (!tty) return;
      bar = new cliProgress.SingleBar({ stream: process.stderr, hideCursor: true, etaBuffer: 20,
        format: ` epoch ${epoch + 1}/${epochs} {bar} {value}/{total} samples | loss {loss} | train acc {acc} % | ETA {eta_formatted}` },
      cliProgress.Presets.shades_classic);
      bar.start(samples, 0, { loss: '-', acc: '-' });
    },
    batch(done, loss, correct) {
      bar?.update(done, { loss: loss.toFixed(4), acc: ((100 * correct) / done).toFixed(2) });
    },
    close() {
      bar?.stop();
      bar = undefined;
    },
    epochEnd(row: EpochRow) {
      bar?.stop();
      bar = undefined;
      // samples/s: training only (the test pass not included), the figure of epochs.csv's samples_per_s; the ETA is
      // from the epoch's whole time, test pass included.
      const epochSeconds = (Date.now() - epochStarted) / 1000;
      process.stderr.write(`epoch ${row.epoch + 1}/${epochs}: loss ${row.loss.toFixed(4)}, train ${(100 * row.trainAccuracy).toFixed(2)} %, ` +
        `test ${(100 * row.testAccuracy).toFixed(2)} %, ${trainingRate(row).toFixed(1)} training samples/s, ` +
        `ETA ${((epochs - row.epoch - 1) * epochSeconds).toFixed(0)} s (training and test)\n`);
    },
    note(line) {
      bar?.stop();
      bar = undefined;
      process.stderr.write(`${line}\n`);
    },
  };
}
