/** Runs cosearch commands in-process for tests: the given commands registered, stdout/stderr captured, the exit code read. */
import { Command } from 'commander';
import { vi } from 'vitest';
import { runCli } from '../src/cli/run.js';

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export function cliRunner(registers: readonly ((program: Command) => void)[]): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    let stdout = '';
    let stderr = '';
    process.exitCode = undefined; // each command's own exit code, not one left by an earlier command
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
    const program = new Command('cosearch').exitOverride();
    for (const register of registers) register(program);
    await runCli(program, ['node', 'cosearch', ...args]);
    const exitCode = Number(process.exitCode ?? 0);
    vi.restoreAllMocks();
    return { stdout, stderr, exitCode };
  };
}
