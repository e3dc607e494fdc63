/**
 * CPU time of the main thread alone, for the benches' "per thread" figures: process.cpuUsage also counts V8's
 * background threads (compilers, GC helpers), and process.threadCpuUsage needs Node 23.9.
 */
import { readFileSync } from 'node:fs';

/** The main thread's CPU time (s) on Linux (utime + stime of its task, in clock ticks of 10 ms), else undefined. */
export function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
