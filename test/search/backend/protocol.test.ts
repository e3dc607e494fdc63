/** The piscina task protocol: items and outcomes packed as columns come back exactly as they were, or are sent as they are. */
import { transferableSymbol, valueSymbol } from 'piscina';
import { describe, expect, it } from 'vitest';
import { movedRange, packItems, packOutcomes, unpackItems, unpackOutcomes } from '../../../src/search/backend/protocol.js';
import type { RangeResult } from '../../../src/search/backend/types.js';
import type { EvalOutcome } from '../../../src/search/index.js';

describe('piscina task protocol', () => {
  it('packs items that set the same names, and leaves others as they are', () => {
    const items = [{ 'adc.bits': 4, 'arch.dataflow': 'pipelined' }, { 'adc.bits': 5, 'arch.dataflow': 'layer' }];
    const packed = packItems(items);
    expect(Array.isArray(packed)).toBe(false);
    expect(unpackItems(packed)).toStrictEqual(items);
    const mixed = [{ a: 1, b: 2 }, { b: 2, a: 1 }];
    expect(packItems(mixed)).toBe(mixed);
    expect(packItems([{ a: 1 }, { a: 1, b: 2 }])).toStrictEqual([{ a: 1 }, { a: 1, b: 2 }]);
  });

  it('packs outcomes with CSV cells (errors, NaN and -0 included) and round-trips them exactly', () => {
    const outcomes: EvalOutcome[] = [
      { metrics: { energy_pJ: 1.5, area_mm2: -0 }, csv: '1.5,,0' },
      { error: 'RangeError: crossbar.size: got 8', csv: ',,' },
      { metrics: { energy_pJ: NaN, area_mm2: 3e-300 }, csv: ',3e-300,' },
    ];
    const packed = packOutcomes(outcomes);
    expect(Array.isArray(packed)).toBe(false);
    const back = unpackOutcomes(packed);
    expect(back).toStrictEqual(outcomes);
    expect(Object.is(back[0].metrics?.area_mm2, -0)).toBe(true);
  });

  it('sends outcomes without CSV cells, with other metric names or non-numbers as they are', () => {
    const plain: EvalOutcome[] = [{ metrics: { a: 1 } }];
    expect(packOutcomes(plain)).toStrictEqual(plain);
    const names: EvalOutcome[] = [{ metrics: { a: 1 }, csv: '1' }, { metrics: { b: 1 }, csv: '1' }];
    expect(packOutcomes(names)).toStrictEqual(names);
    const odd = [{ metrics: { a: 'x' as unknown as number }, csv: 'x' }];
    expect(packOutcomes(odd)).toStrictEqual(odd);
  });

  it("moves a range result's four buffers (the main thread gets them whole, the worker's are detached)", () => {
    const result: RangeResult = {
      from: 64, count: 2, bytes: new TextEncoder().encode('a,1\nbb,2\n'), ends: Uint32Array.of(4, 9),
      objectives: Float64Array.of(1.5, -0, 2, 3), status: Uint8Array.of(0, 2), compute_ms: 1.25,
    };
    const copy = structuredClone(result);
    const moved = movedRange(result) as unknown as Record<symbol, unknown>;
    const buffers = moved[transferableSymbol] as ArrayBuffer[];
    expect(new Set(buffers).size).toBe(4);
    // What piscina's worker does with it: post the value with the buffers in the transfer list.
    const received = structuredClone(moved[valueSymbol], { transfer: buffers }) as RangeResult;
    expect(received).toStrictEqual(copy);
    for (const view of [result.bytes, result.ends, result.objectives, result.status]) expect(view.byteLength).toBe(0);
  });
});
