/** Component cost models (65 nm, cited constants): crossbar, converters, digital periphery, SRAM, LIF, interconnect, scaling. */
export * from './adc.js';
export * from './crossbar.js';
export * from './digital.js';
export * from './interconnect.js';
export * from './lif.js';
export * from './scaling.js';
export * from './sram.js';
export * from './sramLeakage.js';
