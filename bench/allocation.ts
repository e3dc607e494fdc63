/**
 * Bytes a piece of code allocates on the JS heap, for the benches' "bytes per evaluation" figures: V8's sampling heap
 * profiler (node:inspector, HeapProfiler.startSampling) with the objects that minor and major garbage collections
 * already took kept in the profile, so short-lived garbage counts as much as what survives. The profiler draws a
 * sample about every `samplingInterval_B` bytes and scales each to an unbiased estimate: over a few megabytes the total
 * is within ~1% from run to run. Array buffers' backing stores (Buffer, typed arrays over 64 B) are outside the heap
 * and not counted.
 */
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

interface ProfileNode {
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

/** Where the bytes were allocated: a function and its file's name ("String" with no file: V8's builtin), and its bytes. */
export interface AllocationSite {
  readonly where: string;
  readonly bytes: number;
}

export interface Allocation {
  /** Bytes allocated while `run` ran (the profiler's estimate). */
  readonly bytes: number;
  /** The functions that allocated them, most bytes first. */
  readonly sites: readonly AllocationSite[];
}

/**
 * Runs `run` once under the sampling heap profiler and returns what it allocated, in total and by function.
 * `survivors`: only what outlived a minor collection (a scavenge: what V8 copied and promoted to the old generation,
 * the allocations that cost a scavenge time and the major collections work), two scavenges forced after `run` so its
 * last garbage counts as collected young.
 */
export async function allocationOf(run: () => void, samplingInterval_B = 256, survivors = false): Promise<Allocation> {
  // Made before sampling starts: a new context is itself ~160 kB of heap.
  const gc = survivors ? minorCollector() : undefined;
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: samplingInterval_B,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !survivors,
    });
    run();
    gc?.();
    gc?.();
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
    await session.post('HeapProfiler.disable');
    const bySite = new Map<string, number>();
    let bytes = 0;
    const visit = (node: ProfileNode): void => {
      if (node.selfSize > 0) {
        const { functionName, url } = node.callFrame;
        const where = `${functionName || '(anonymous)'} ${url.slice(url.lastIndexOf('/') + 1)}`.trim();
        bySite.set(where, (bySite.get(where) ?? 0) + node.selfSize);
        bytes += node.selfSize;
      }
      for (const child of node.children) visit(child);
    };
    visit(profile.head);
    const sites = [...bySite].map(([where, b]) => ({ where, bytes: b })).sort((a, b) => b.bytes - a.bytes);
    return { bytes, sites };
  } finally {
    session.disconnect();
  }
}

/** A function that runs a minor collection (V8's gc() exposed on a fresh context: the flag is read when a context is made). */
function minorCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
  return () => gc({ type: 'minor' });
}

/**
 * Bytes per call of `one(i)` over `count` calls (i = 0 .. count - 1), and the functions that allocate most of them;
 * `survivors`: only the bytes that outlived a scavenge (allocationOf).
 */
export async function bytesPerCall(count: number, one: (i: number) => unknown, survivors = false): Promise<Allocation> {
  const { bytes, sites } = await allocationOf(() => {
    for (let i = 0; i < count; i++) one(i);
  }, 256, survivors);
  return { bytes: bytes / count, sites: sites.map((s) => ({ where: s.where, bytes: s.bytes / count })) };
}
