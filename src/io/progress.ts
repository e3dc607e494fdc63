/**
 * Search progress: a cli-progress bar on a terminal (evaluations, rate, ETA, best hypervolume so far), plain
 * log lines otherwise (one per generation, at most one every 2 s, and the last one always).
 */
import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  readonly evaluations: number;
  readonly failed: number;
  readonly generation: number;
  readonly hypervolume: number | undefined;
}

export interface Progress {
  update(update: ProgressUpdate): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Planned evaluations (for the bar and ETA); undefined when only a time budget bounds the run. */
  readonly total: number | undefined;
  readonly stream?: NodeJS.WriteStream;
  /** Force plain lines even on a terminal. */
  readonly plain?: boolean;
  /** When the run started (Date.now()), for the rate; default: now. */
  readonly start_ms?: number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const start = options.start_ms ?? Date.now();
  const hv = (u: ProgressUpdate) => (u.hypervolume === undefined ? '-' : u.hypervolume.toPrecision(5));
  if (stream.isTTY && !options.plain) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: ' {bar} {value}/{total} evaluations | {rate}/s | ETA {eta_formatted} | gen {generation} | HV {hv} | failed {failed}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total ?? 0, 0, { rate: '0', generation: 0, hv: '-', failed: 0 });
    return {
      update(u) {
        const rate = u.evaluations / Math.max(1e-3, (Date.now() - start) / 1000);
        if (options.total === undefined) bar.setTotal(u.evaluations);
        bar.update(u.evaluations, { rate: rate.toFixed(1), generation: u.generation, hv: hv(u), failed: u.failed });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  let pending: ProgressUpdate | undefined;
  const print = (u: ProgressUpdate) => {
    const seconds = (Date.now() - start) / 1000;
    const rate = u.evaluations / Math.max(1e-3, seconds);
    const eta = options.total !== undefined && rate > 0 ? `, ETA ${Math.max(0, (options.total - u.evaluations) / rate).toFixed(0)} s` : '';
    stream.write(
      `search: generation ${u.generation}, ${u.evaluations}${options.total !== undefined ? `/${options.total}` : ''} evaluations` +
        ` (${u.failed} failed), ${rate.toFixed(1)}/s${eta}, hypervolume ${hv(u)}\n`,
    );
    lastLine = Date.now();
    pending = undefined;
  };
  return {
    update(u) {
      if (Date.now() - lastLine >= 2000) print(u);
      else pending = u;
    },
    stop() {
      if (pending) print(pending);
    },
  };
}
