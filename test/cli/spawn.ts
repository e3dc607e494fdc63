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

/** Start `cosearch ...args`; `done` resolves when it exits (killed after `timeout_ms`). */
export function start(args: readonly string[], timeout_ms = 60_000): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
