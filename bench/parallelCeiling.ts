/**
 * How much work two threads get done against one on this machine right now, with no shared state, no allocation and
 * no messages: the ceiling of any 1 -> 2 worker scaling figure measured at the same moment. On a shared VM other
 * sessions take part of the cores, and a scaling figure alone cannot tell their share from the code's.
 */
import { Worker } from 'node:worker_threads';

/** Counts blocks of arithmetic (no allocation) done in `ms` of wall time, in a worker thread. */
const LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const end = performance.now() + workerData.ms;
let blocks = 0, x = 0;
while (performance.now() < end) { for (let i = 0; i < 100000; i++) x += Math.sqrt(i * 1.0001 + (x % 7)); blocks++; }
parentPort.postMessage(x === -1 ? 0 : blocks);
`;

function blocksIn(threads: number, ms: number): Promise<number> {
  const one = () => new Promise<number>((resolve, reject) => {
    // No inherited execArgv (tsx, --input-type=module): the loop is plain CommonJS.
    const worker = new Worker(LOOP, { eval: true, workerData: { ms }, execArgv: [] });
    worker.once('message', (n: number) => resolve(n));
    worker.once('error', reject);
  });
  return Promise.all(Array.from({ length: threads }, one)).then((counts) => counts.reduce((s, n) => s + n, 0));
}

/** Work of 2 threads / work of 1, each running for `ms`. */
export async function parallelCeiling(ms = 1000): Promise<number> {
  const one = await blocksIn(1, ms);
  const two = await blocksIn(2, ms);
  return two / one;
}
