import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../src/sim/nonideal/byteLru.js';

describe('ByteLru', () => {
  const make = (evicted: string[]) => new ByteLru<{ name: string; bytes: number }>(10, (v) => v.bytes, (v) => evicted.push(v.name));

  it('makes a value once, keeps it while the bytes fit, and evicts the least recently used first', () => {
    const evicted: string[] = [];
    const lru = make(evicted);
    let made = 0;
    const add = (name: string, bytes: number) => lru.getOrAdd(name, () => (made++, { name, bytes }));
    add('a', 4);
    add('b', 4);
    expect(add('a', 4).name).toBe('a'); // a hit: not made again, now the most recent
    expect(made).toBe(2);
    add('c', 4); // 12 bytes: b (least recently used) goes, not a
    expect(evicted).toEqual(['b']);
    add('b', 4);
    expect(made).toBe(4);
    expect(evicted).toEqual(['b', 'a']);
  });

  it('keeps the value just added even when it alone is over the limit, and clear() evicts nothing', () => {
    const evicted: string[] = [];
    const lru = make(evicted);
    lru.getOrAdd('a', () => ({ name: 'a', bytes: 3 }));
    expect(lru.getOrAdd('big', () => ({ name: 'big', bytes: 50 })).name).toBe('big');
    expect(evicted).toEqual(['a']);
    lru.clear();
    expect(evicted).toEqual(['a']);
    let made = false;
    lru.getOrAdd('big', () => ((made = true), { name: 'big', bytes: 50 }));
    expect(made).toBe(true);
  });
});
