/**
 * Progress of one long computation counted in items (e.g. accuracy test samples): a cli-progress bar with the
 * count, rate and ETA on a terminal, nothing otherwise (pipes and logs get the result only).
 */
import cliProgress from 'cli-progress';

export interface CountProgress {
  update(done: number): void;
  stop(): void;
}

export interface CountProgressOptions {
  /** What is computed, e.g. "accuracy". */
  readonly label: string;
  /** What is counted, e.g. "samples". */
  readonly unit: string;
  readonly total: number;
  readonly stream?: NodeJS.WriteStream;
}

const SILENT: CountProgress = { update: () => undefined, stop: () => undefined };

/** A bar on `stream` (default stderr) when it is a terminal; a silent progress otherwise. */
export function createCountProgress(options: CountProgressOptions): CountProgress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return SILENT;
  const start = Date.now();
  const bar = new cliProgress.SingleBar(
    { stream, format: ` ${options.label} {bar} {value}/{total} ${options.unit} | {rate}/s | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total, 0, { rate: '0' });
  return {
    update(done) {
      bar.update(done, { rate: (done / Math.max(1e-3, (Date.now() - start) / 1000)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
