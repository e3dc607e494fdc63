/**
 * JSON that keeps every number: results hold NaN (an engine with nothing to say, e.g. accuracy without trained
 * weights) and may hold ±Infinity (an SNR with no error), which plain JSON turns into null. A non-finite number is
 * written as `{"$number": "NaN"}` and read back as the number.
 */

const TAG = '$number';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [TAG]: String(v) } : v));
}

export function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text, (_key, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const keys = Object.keys(v);
        const tagged: unknown = Reflect.get(v, TAG);
        if (keys.length === 1 && (tagged === 'NaN' || tagged === 'Infinity' || tagged === '-Infinity')) return Number(tagged);
      }
      return v;
    });
  } catch {
    return undefined; // not JSON: the caller's check rejects it and the entry reads as a miss
  }
}
