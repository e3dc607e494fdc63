/**
 * applyOverrides' copies of a section have one object shape from the first call on (src/hardware/config.ts
 * copyOwn): the ELA engine, optimised on the configurations a search built, threw its code away and compiled it again
 * when it met the first one again (docs/performance.md, "One shape for every configuration"). V8's shapes are read
 * with its own %HaveSameMap in a child process (--allow-natives-syntax); and an own `__proto__` layer key still
 * survives a copy of `layers`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';

const configModule = fileURLToPath(new URL('../../src/hardware/config.ts', import.meta.url));

// The bench grid's first two points (device, ADC and crossbar overridden), built on a base applyOverrides made.
const SCRIPT = `
const { applyOverrides, defaultConfig } = await import(${JSON.stringify(configModule)});
const base = applyOverrides(defaultConfig(), { 'adc.kind': 'sar' });
const point = (onOffRatio) => ({ 'device.bitsPerCell': 1, 'adc.bits': 3, 'crossbar.size': 32, 'device.rOn_ohm': 10000, 'snn.timesteps': 1, 'adc.columnsPerAdc': 1, 'device.onOffRatio': onOffRatio });
const configs = [point(10), point(100), point(1000), point(10)].map((p) => applyOverrides(base, p));
const same = (part) => configs.every((c) => %HaveSameMap(c[part], configs[1][part]));
console.log(JSON.stringify({ device: same('device'), adc: same('adc'), crossbar: same('crossbar'), snn: same('snn') }));
`;

describe('applyOverrides copies', () => {
  it('give every copy of a section one shape, the first call included', () => {
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', SCRIPT], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ device: true, adc: true, crossbar: true, snn: true });
  });

  it('keep an own `__proto__` layer key as a key, not a prototype, when `layers` is copied again', () => {
    const first = applyOverrides(defaultConfig(), { 'layers.__proto__.adc.bits': 4 });
    const second = applyOverrides(first, { 'layers.conv1.adc.bits': 5 });
    expect(Object.getPrototypeOf(second.layers)).toBe(Object.prototype);
    expect(Object.keys(second.layers)).toEqual(['__proto__', 'conv1']);
    expect(JSON.stringify(second.layers)).toBe('{"__proto__":{"adc.bits":4},"conv1":{"adc.bits":5}}');
  });
});
