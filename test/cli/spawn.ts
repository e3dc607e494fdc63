/** Runs the real `cosearch` CLI in a child process (node --import tsx src/cli/main.ts), for exit codes, signals and pipes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'src/cli/main.ts';

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<Finished>;
}

/** Start `cosearch ...args`; `done` resolves when it exits (killed after `timeout_ms`). `preload`: more --import modules. */
export function start(args: readonly string[], timeout_ms = 60_000, preload: readonly string[] = []): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeout_ms);
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function cosearch(args: readonly string[], timeout_ms?: number): Promise<Finished> {
  return start(args, timeout_ms).done;
}

/** Resolves once `file` exists and `test(text)` holds (polls every 100 ms), or rejects after `timeout_ms`. */
export async function waitFor(file: string, test: (text: string) => boolean = () => true, timeout_ms = 30_000): Promise<void> {
  const until = Date.now() + timeout_ms;
  while (Date.now() < until) {
    if (existsSync(file) && test(readFileSync(file, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${file}`);
}

const CPU_AT_EXIT = fileURLToPath(new URL('./fixtures/cpu-at-exit.mjs', import.meta.url));

/**
 * `cosearch ...args` started as by start(), and `signal(name)`, which sends it the signal and resolves with the CPU
 * time (ms, every thread) it used from then until it exited: how soon it acts on a signal, in its own work, whatever
 * a loaded machine does to the wall clock (the same 1 s stop took 1.5 s of wall time at load 11). Linux (/proc).
 */
export function startCpuMetered(args: readonly string[], timeout_ms?: number): Running & { signal(name: NodeJS.Signals): Promise<{ finished: Finished; cpuAfter_ms: number }> } {
  const run = start(args, timeout_ms, [CPU_AT_EXIT]);
  const cpuNow_ms = () => {
    // /proc/PID/stat: utime and stime, fields 14 and 15, in clock ticks (USER_HZ, 100 a second), after the ") " that ends the name.
    const fields = readFileSync(`/proc/${run.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  return {
    ...run,
    signal: async (name) => {
      const before_ms = cpuNow_ms();
      run.child.kill(name);
      const finished = await run.done;
      const atExit = /^cpu-at-exit-ms (\d+)$/m.exec(finished.stderr);
      if (!atExit) throw new Error(`no CPU time at exit (killed before it could say?); stderr: ${finished.stderr}`);
      return { finished: { ...finished, stderr: finished.stderr.replace(atExit[0] + '\n', '') }, cpuAfter_ms: Number(atExit[1]) - before_ms };
    },
  };
}
