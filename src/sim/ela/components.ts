/** Per-component values (energy, latency, area) as 8-element arrays indexed like COMPONENTS, and their record form. */
import { COMPONENT, COMPONENTS, type Component } from './actions.js';

export { COMPONENT, COMPONENTS, type Component };
export type ComponentValues = Record<Component, number>;

export const NC = COMPONENTS.length;

/** The record form of a per-component array. */
export function toValues(a: ArrayLike<number>): ComponentValues {
  const values = blankValues();
  writeValues(values, a);
  return values;
}

/** A record of NaN per component (doubles from the start), for writeValues to fill. */
export function blankValues(): ComponentValues {
  return { crossbar: NaN, adc: NaN, periphery: NaN, buffer: NaN, lif: NaN, noc: NaN, htree: NaN, leakage: NaN };
}

/** The 8 values of a record written into out[at..at + 8) (in COMPONENTS' order): writeValues' reverse. */
export function readValues(values: ComponentValues, out: Float64Array, at: number): void {
  out[at] = values.crossbar;
  out[at + 1] = values.adc;
  out[at + 2] = values.periphery;
  out[at + 3] = values.buffer;
  out[at + 4] = values.lif;
  out[at + 5] = values.noc;
  out[at + 6] = values.htree;
  out[at + 7] = values.leakage;
}

/** The 8 values of `a` (in COMPONENTS' order) written into an existing record. */
export function writeValues(into: ComponentValues, a: ArrayLike<number>): void {
  into.crossbar = a[0];
  into.adc = a[1];
  into.periphery = a[2];
  into.buffer = a[3];
  into.lif = a[4];
  into.noc = a[5];
  into.htree = a[6];
  into.leakage = a[7];
}
