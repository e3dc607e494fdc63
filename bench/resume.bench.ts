/**
 * `--resume` of a large run, alone (docs/search.md, Resume): open a run folder to resume it (the checking pass over
 * evaluations.csv: every cell, and the sha256 of the rows its manifest vouches for) and replay every row, as the
 * search asks for them. Prints the time and CPU of each part, the peak RSS, the live heap after the replay (forced
 * GC) and the bytes the process read (/proc/self/io rchar: how many times the file was read).
 * Usage: node --expose-gc --import tsx bench/resume.bench.ts RUN_DIR. RUN_DIR: a run of the grid of
 * bench/spaces/ela-grid-40k.json (or of that grid with `snn.spikeRate` 0.05..0.14, 403,200 points), its manifest's
 * status set to "interrupted" (a completed run is not resumed). Nothing in it is written (every row is there).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes read through read(2) and the like by this process so far (Linux), undefined elsewhere. */
function bytesRead(): number | undefined {
  try {
    const line = readFileSync('/proc/self/io', 'utf8').split('\n').find((l) => l.startsWith('rchar:'));
    return line === undefined ? undefined : Number(line.slice(6));
  } catch {
    return undefined;
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: node --expose-gc --import tsx bench/resume.bench.ts RUN_DIR');
const { loadSpace } = await import('../src/search/index.js');
const { simulatorSpaceContext, simulatorEvaluator } = await import('../src/app/index.js');
const { columnMetrics, evaluationColumns } = await import('../src/search/run/rows.js');
const { neededMetrics } = await import('../src/search/run/manifest.js');
const { openRunFolder } = await import('../src/search/run/resume.js');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { spaceFile: string; fingerprint: string };
const space = loadSpace(manifest.spaceFile, simulatorSpaceContext());
const evaluator = simulatorEvaluator();
const metrics = columnMetrics(evaluator.metrics, neededMetrics(space, evaluator.metrics), evaluator.onDemand);
const format = { columns: evaluationColumns(space, metrics), metrics };

const read0 = bytesRead();
const cpu0 = process.cpuUsage();
const start = performance.now();
const folder = openRunFolder(dir, [format], manifest.fingerprint, true, space, evaluator.metrics);
const opened = performance.now();
const cpuOpen = process.cpuUsage(cpu0);
const readOpen = bytesRead();
let heapPeak = 0;
for (let i = 0; i < folder.replay.length; i++) {
  if (!folder.replay.at(i)) throw new Error(`row ${i} missing`);
  if (i % 20000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
const end = performance.now();
const cpu = process.cpuUsage(cpu0);
const read1 = bytesRead();
(globalThis as { gc?: () => void }).gc?.();
const fileBytes = statSync(join(dir, 'evaluations.csv')).size;
const s = (us: { user: number; system: number }): string => `${((us.user + us.system) / 1e6).toFixed(2)} (user ${(us.user / 1e6).toFixed(2)} + system ${(us.system / 1e6).toFixed(2)})`;
const times = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '?' : ((b - a) / fileBytes).toFixed(2));
console.log(`resume ${dir}: ${folder.replay.length} rows, evaluations.csv ${(fileBytes / 2 ** 20).toFixed(1)} MiB`);
console.log(`  open (checks):  ${((opened - start) / 1000).toFixed(2)} s wall, ${s(cpuOpen)} s CPU, read ${times(read0, readOpen)}x the file`);
console.log(`  open + replay:  ${((end - start) / 1000).toFixed(2)} s wall, ${s(cpu)} s CPU, read ${times(read0, read1)}x the file`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap peak (sampled) ${(heapPeak / 2 ** 20).toFixed(1)} MB, live heap after ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB`);
