/**
 * A training run in a folder (`cosearch train`): manifest.json (what was asked, fingerprinted), epochs.csv
 * (one row per finished epoch), checkpoint.bin (weights, Adam moments, device state after the last epoch),
 * weights.snnw (8-bit weights with the command, seed and time). Resumable per epoch: a rerun with the same
 * settings continues after the last finished epoch and gives the same rows as an uninterrupted run (timings aside).
 * The loop gives the event loop a turn every YIELD_EVERY_MS (util/pausing.ts; a signal's listener runs) and stops there
 * when asked: the epoch in progress is dropped (nothing of it is written), the folder holds the last finished epoch.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../../core/errors.js';
import { isRecord } from '../../model/checks.js';
import { checkInputFile, INPUT_LIMITS_BYTES, parseJsonStrict, readInputText } from '../../core/input/index.js';
import { drive, type StopControl } from '../../util/pausing.js';
import type { FrameSet } from '../data/frames.js';
import { DeviceSink, type OnChipSettings } from './onchip.js';
import { type Algorithm, feedbackMatrix, initialWeights } from './network.js';
import type { CrossbarReadModel } from './readModel.js';
import { fingerprintDifference } from './runDifference.js';
import { type LearningEpoch, type LearningOptions, LearningTrainer } from './trainer.js';
import { encodeLearnedWeights } from './weightsFile.js';

export const TRAIN_RUN_FORMAT = 'cosearch-train-run/1';
const CSV_HEADER = 'epoch,loss,train_accuracy,test_accuracy,learning_rate,seconds,samples_per_s,pulses_per_cell,spikes_per_sample';
const MANIFEST_FILE = 'manifest.json';
/** The files a run writes besides its manifest (replaced whole at each epoch). */
const RUN_FILES = ['checkpoint.bin', 'epochs.csv', 'weights.snnw'];

/**
 * Refuse a folder holding a run's files but no manifest (someone's data, or a run whose manifest was deleted): a run
 * would replace them. As search's check of its own files (src/search/run/resume.ts, checkNewRunFolder).
 */
function checkTrainRunFolder(dir: string): void {
  if (existsSync(join(dir, MANIFEST_FILE))) return;
  const found = RUN_FILES.filter((name) => existsSync(join(dir, name)));
  if (found.length > 0) {
    throw new ConfigError(`--out ${dir}: holds ${found.join(', ')} but no ${MANIFEST_FILE} (not a run that can be resumed), expected a folder without a run's files; choose another --out`);
  }
}

export interface TrainRunSpec {
  readonly network: string;
  readonly dataset: string;
  readonly options: LearningOptions;
  readonly onChip?: OnChipSettings;
  /** The crossbar reads of on-chip training (IR drop, converter); undefined = ideal reads. */
  readonly read?: CrossbarReadModel;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly command: string;
}

export interface EpochRow extends LearningEpoch {
  readonly testAccuracy: number;
  readonly pulsesPerCell: number;
}

export interface TrainProgress {
  epochStart(epoch: number, samples: number): void;
  batch(done: number, loss: number, correct: number): void;
  epochEnd(row: EpochRow): void;
  /** A finding about the epoch that is no refusal (a layer that emitted no spike: silentLayerNote). */
  note?(line: string): void;
}

/**
 * The line for an epoch in which a layer emitted no spike (the first such layer; every layer after it then receives
 * nothing), or undefined. A note, not a refusal: BPTT and SDFA still move the layers before it through the surrogate
 * gradient and may wake it; `shallow` trains the output layer only, whose weight gradient is zero without input spikes.
 * docs/training.md "The three rules": mnist-fc2-small under shallow on mnist-rate is such a case.
 */
export function silentLayerNote(row: LearningEpoch, algorithm: Algorithm): string | undefined {
  const l = row.spikesPerLayer.indexOf(0);
  if (l < 0) return undefined;
  const depth = row.spikesPerLayer.length;
  const head = `train: epoch ${row.epoch + 1}: layer ${l + 1} of ${depth} emitted no spike in ${row.samples} training samples`;
  if (l === depth - 1) return `${head}: every output rate is 0, so every prediction is class 0 and the loss is ln(classes)`;
  const outcome = algorithm === 'shallow' ? '--algorithm shallow trains only the output layer, so the run stays at chance'
    : `${algorithm} may still wake it through the surrogate gradient in later epochs`;
  return `${head}: the layers after it receive nothing; the output layer cannot learn (${outcome})`;
}

/** Spikes per training sample of each weight layer, ';'-separated (epochs.csv's last column). */
export function spikesPerSample(row: Pick<LearningEpoch, 'spikesPerLayer' | 'samples'>): string {
  return row.spikesPerLayer.map((n) => spikeRateText(n / row.samples)).join(';');
}

/**
 * A spike rate with two decimals from 1 up and three significant digits below (0.00300): a layer that fired reads
 * non-zero however rarely it fired, 0.00 only for none (until 2026-12-07 toFixed(2) printed 3 spikes in 1,000 samples
 * as 0.00, the silent layer's figure: QA docs2 defect 5).
 */
function spikeRateText(perSample: number): string {
  return perSample === 0 || perSample >= 1 ? perSample.toFixed(2) : perSample.toPrecision(3);
}

/** The settings a resumed run must share with the one it continues (all of them: the epochs set the LR schedule). */
function fingerprint(spec: TrainRunSpec): string {
  const options = spec.options;
  const device = spec.onChip ? { ...spec.onChip, device: { ...spec.onChip.device, normalizedALtp: String(spec.onChip.device.normalizedALtp),
    normalizedALtd: String(spec.onChip.device.normalizedALtd) } } : null;
  // read: undefined (ideal reads) leaves the key out, so run folders from before the read model keep their fingerprint.
  return JSON.stringify({ network: spec.network, dataset: spec.dataset, options, onChip: device, read: spec.read?.label, trainSamples: spec.trainSamples,
    testSamples: spec.testSamples });
}

function atomicWrite(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

function writeCheckpoint(file: string, epoch: number, steps: number, pulses: Float64Array, arrays: readonly Float32Array[]): void {
  const header = Buffer.from(JSON.stringify({ epoch, steps, pulses: Array.from(pulses), lengths: arrays.map((a) => a.length) }), 'utf8');
  const parts = [Buffer.from(Uint32Array.from([header.length]).buffer), header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))];
  atomicWrite(file, gzipSync(Buffer.concat(parts), { level: 1 }));
}

interface Checkpoint {
  readonly epoch: number;
  readonly steps: number;
  readonly pulses: number[];
  readonly arrays: Float32Array[];
}

/** The checkpoint in `file`; a damaged one (truncated, not gzip, another header) is a ConfigError naming the file. */
function readCheckpoint(file: string): Checkpoint {
  try {
    return decodeCheckpoint(gunzipSync(readFileSync(file)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${file}: got a damaged checkpoint (${reason}), expected the gzip checkpoint cosearch train writes (the run cannot be resumed from it)`);
  }
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && Number(v) >= 0;

/** A checkpoint's bytes (gunzipped): a 4-byte header length, the JSON header, then the float32 arrays end to end. */
function decodeCheckpoint(raw: Buffer): Checkpoint {
  const len = raw.readUInt32LE(0);
  const header: unknown = JSON.parse(raw.toString('utf8', 4, 4 + len));
  const { epoch, steps, pulses, lengths } = isRecord(header) ? header : {};
  if (!isCount(epoch) || !isCount(steps) || !Array.isArray(pulses) || !Array.isArray(lengths) || !lengths.every(isCount)) {
    throw new Error('its header lacks the epoch, steps, pulses or array lengths');
  }
  const body = new Uint8Array(raw.subarray(4 + len)).buffer;
  const floats = lengths.reduce((s: number, n: number) => s + n, 0);
  if (4 * floats !== body.byteLength) throw new Error(`its arrays hold ${body.byteLength} bytes, expected the header's ${floats} floats`);
  let at = 0;
  const arrays = lengths.map((n: number) => {
    const a = new Float32Array(body, at, n);
    at += n * 4;
    return a;
  });
  return { epoch, steps, pulses: pulses.map(Number), arrays };
}

/** The fingerprint recorded in a run's manifest; a manifest that is not JSON or not an object is a ConfigError naming it. */
function recordedFingerprint(file: string): unknown {
  // Through the safe-input layer: a directory or FIFO named manifest.json was an internal error (EISDIR) or a hang until 2026-12-07.
  const manifest = parseJsonStrict(readInputText(file, { what: '--out' }), file);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new ConfigError(`${file}: got ${Array.isArray(manifest) ? 'an array' : String(manifest)}, expected the JSON object cosearch train writes`);
  }
  return 'fingerprint' in manifest ? manifest.fingerprint : undefined;
}

function csvRow(r: EpochRow): string {
  return [r.epoch + 1, r.loss.toFixed(6), r.trainAccuracy.toFixed(6), r.testAccuracy.toFixed(6), r.learningRate.toExponential(4),
    r.seconds.toFixed(2), trainingRate(r).toFixed(1), r.pulsesPerCell.toFixed(4), spikesPerSample(r)].join(',');
}

/** Training samples per second of the epoch's training time (the test pass not included): epochs.csv and the progress line. */
export function trainingRate(r: LearningEpoch): number {
  return r.samples / Math.max(r.seconds, 1e-9);
}

export interface TrainRunResult {
  readonly rows: readonly string[];
  readonly resumedFrom: number;
  readonly finalTestAccuracy: number;
  /** The trainer (mid-epoch when stopped). */
  readonly trainer: LearningTrainer;
  /** Stopped by `shouldStop` in this epoch (0-based; rows holds the epochs before it, as the folder does). */
  readonly stoppedIn?: number;
  /** The folder held the finished run: nothing was trained or written. */
  readonly complete?: boolean;
}

/** Stops a run (at a sample, dropping the epoch in progress); util/pausing.ts. */
export type TrainControl = StopControl;

/** The loss and reset gradient as used (defaults spelled out), for the manifest and the weights file's header. */
export function lossSettings(o: LearningOptions): { loss: 'cross-entropy' | 'mse'; detachReset: boolean } {
  return { loss: o.loss === 'mse' ? 'mse' : 'cross-entropy', detachReset: o.detachReset === true };
}

/**
 * A run folder checked and its trainer built, restored after the last finished epoch when it holds the same run:
 * everything that needs no data (a folder of a run's files without a manifest, a damaged manifest or checkpoint,
 * other settings, a read model under which a layer could never spike), so that `cosearch train` refuses before it
 * loads them. Reads only: nothing is created or written.
 */
export interface TrainRun {
  readonly spec: TrainRunSpec;
  readonly dir: string;
  readonly trainer: LearningTrainer;
  readonly sink?: DeviceSink;
  /** epochs.csv's rows of the finished epochs. */
  readonly rows: readonly string[];
  readonly resumedFrom: number;
  /** The folder holds the finished run: there is nothing to train. */
  readonly complete: boolean;
  /** The test accuracy of the last finished epoch (NaN before the first). */
  readonly lastTestAccuracy: number;
}

/** Check `dir` for `spec` and build its trainer (restored when resuming); a refusal is a ConfigError, the folder untouched. */
export function openTrainRun(spec: TrainRunSpec, dir: string): TrainRun {
  checkTrainRunFolder(dir);
  const manifestFile = join(dir, MANIFEST_FILE);
  const csvFile = join(dir, 'epochs.csv');
  const checkpointFile = join(dir, 'checkpoint.bin');
  let rows: string[] = [];
  let resumedFrom = 0;
  const { trainer, sinkForStats: sink } = buildTrainer(spec);
  if (existsSync(manifestFile)) {
    const recorded = recordedFingerprint(manifestFile);
    const print = fingerprint(spec);
    if (recorded !== print) {
      throw new ConfigError(`--out ${dir}: holds a run with other settings: ${fingerprintDifference(recorded, print)}; ` +
        'repeat the run\'s settings to resume it, or use a new folder');
    }
    if (existsSync(checkpointFile) && existsSync(csvFile)) {
      checkInputFile(checkpointFile, { what: '--out', maxBytes: INPUT_LIMITS_BYTES.weights });
      const cp = readCheckpoint(checkpointFile);
      try {
        trainer.restore(cp.steps, cp.arrays);
      } catch (error) {
        // Named as readCheckpoint names a damaged one: the file, and that the run cannot resume from it.
        throw error instanceof ConfigError ? new ConfigError(`${checkpointFile}: ${error.message} (the run cannot be resumed from it)`) : error;
      }
      if (sink) sink.pulseCount.set(cp.pulses);
      rows = readInputText(csvFile, { what: '--out', maxBytes: INPUT_LIMITS_BYTES.csv }).trim().split('\n').slice(1, 1 + cp.epoch);
      resumedFrom = cp.epoch;
    }
  }
  const lastTestAccuracy = rows.length ? Number(rows[rows.length - 1].split(',')[3]) : Number.NaN;
  return { spec, dir, trainer, sink, rows, resumedFrom, complete: resumedFrom === spec.options.epochs, lastTestAccuracy };
}

/**
 * Train (or continue training) a run opened by openTrainRun on the data (once: it trains the run's trainer); the folder
 * is created here, once the data are loaded. `control` stops it (at a sample, dropping the epoch in progress).
 */
export async function runTraining(run: TrainRun, train: FrameSet, test: FrameSet, progress?: TrainProgress, control?: TrainControl): Promise<TrainRunResult> {
  const { spec, dir, trainer, sink, resumedFrom } = run;
  const rows = [...run.rows];
  let last = run.lastTestAccuracy;
  // A finished run is left as it is (its manifest keeps when it started): there is nothing to train.
  if (run.complete) return { rows, resumedFrom, finalTestAccuracy: last, trainer, complete: true };
  mkdirSync(dir, { recursive: true });
  const csvFile = join(dir, 'epochs.csv');
  const checkpointFile = join(dir, 'checkpoint.bin');
  const started = new Date().toISOString();
  atomicWrite(join(dir, MANIFEST_FILE), `${JSON.stringify({ format: TRAIN_RUN_FORMAT, fingerprint: fingerprint(spec), network: spec.network, dataset: spec.dataset,
    sizes: spec.options.sizes, algorithm: spec.options.algorithm, ...lossSettings(spec.options), options: spec.options, onChip: spec.onChip ?? null, read: spec.read?.label ?? null,
    trainSamples: train.count, testSamples: test.count, command: spec.command, started, resumedFrom }, null, 1)}\n`);
  const cells = trainer.net.weights.reduce((s, w) => s + w.length, 0);
  const clock = { last: performance.now() };
  for (let epoch = resumedFrom; epoch < spec.options.epochs; epoch++) {
    if (control?.shouldStop()) return { rows, resumedFrom, finalTestAccuracy: last, trainer, stoppedIn: epoch };
    const pulsesBefore = totalPulses(sink);
    progress?.epochStart(epoch, Math.min(spec.trainSamples, train.count));
    const stats = await drive(trainer.epochSteps(train, epoch, spec.trainSamples, (d, l, c) => progress?.batch(d, l, c)), control, clock);
    const testAccuracy = stats && await drive(trainer.accuracySteps(test), control, clock);
    // Stopped: nothing of this epoch is written (the checkpoint, rows and weights stay those of the last finished one).
    if (stats === undefined || testAccuracy === undefined) return { rows, resumedFrom, finalTestAccuracy: last, trainer, stoppedIn: epoch };
    // The sink counts pulses since the run's start (kept in the checkpoint): this epoch's are the difference.
    const row: EpochRow = { ...stats, testAccuracy, pulsesPerCell: (totalPulses(sink) - pulsesBefore) / cells };
    rows.push(csvRow(row));
    const state = trainer.state();
    writeCheckpoint(checkpointFile, epoch + 1, state.steps, sink?.pulseCount ?? new Float64Array(0), state.arrays);
    atomicWrite(csvFile, `${CSV_HEADER}\n${rows.join('\n')}\n`);
    atomicWrite(join(dir, 'weights.snnw'), encodeLearnedWeights({ network: spec.network, dataset: spec.dataset, algorithm: spec.options.algorithm,
      ...lossSettings(spec.options), seed: spec.options.seed, command: spec.command, epochs: epoch + 1, testAccuracy, trainSamples: train.count, testSamples: test.count,
      onChip: spec.onChip?.device.name ?? null, trainingSeconds: rows.reduce((s, r) => s + Number(r.split(',')[5]), 0),
      written: new Date().toISOString(), ...(spec.options.conv ? { conv: spec.options.conv } : {}) }, spec.options.sizes, trainer.net.weights));
    progress?.epochEnd(row);
    const note = silentLayerNote(row, spec.options.algorithm);
    if (note) progress?.note?.(note);
    last = testAccuracy;
  }
  return { rows, resumedFrom, finalTestAccuracy: last, trainer };
}

/** The pulses the device has taken since the run started (0 in software training). */
function totalPulses(sink: DeviceSink | undefined): number {
  return sink ? sink.pulseCount.reduce((a, b) => a + b, 0) : 0;
}

function buildTrainer(spec: TrainRunSpec): { trainer: LearningTrainer; sinkForStats?: DeviceSink } {
  if (!spec.onChip) {
    if (spec.read) throw new ConfigError(`crossbar read model ${spec.read.label}: got software training, expected on-chip training with it`);
    return { trainer: new LearningTrainer(spec.options) };
  }
  const { trainer, sink } = onChipTrainer(spec.options, spec.onChip, spec.read);
  return { trainer, sinkForStats: sink };
}

/** A trainer through a device (and optionally crossbar reads), starting from the software trainer's initial weights. */
export function onChipTrainer(options: LearningOptions, onChip: OnChipSettings, read?: CrossbarReadModel): { trainer: LearningTrainer; sink: DeviceSink } {
  if (options.conv?.some((c) => c)) throw new ConfigError('--on-chip: got a network with a conv layer, expected fully connected layers (on-chip conv training is not modelled)');
  // The device is built on the software trainer's initial weights and B (same seed; plain arrays, not a second
  // trainer and its kernel memory), then owns them.
  const initial = initialWeights(options.sizes, [], options.seed);
  const sink = new DeviceSink(onChip, options.sizes, initial, feedbackMatrix(options.sizes, options.seed));
  const trainer = new LearningTrainer(options, sink, read);
  trainer.net.weights.forEach((w, l) => w.set(initial[l]));
  trainer.net.weightsChanged();
  return { trainer, sink };
}

export type { Algorithm };
