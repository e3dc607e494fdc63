/** Public API of the non-ideality engine: device model, ADC, crossbar solvers, programmed layers, MAC error. */
export * from './device.js';
export * from './adc.js';
export { programLayer, idealMvm, type ProgrammedLayer, type ProgramOptions, type IdealLayer } from './layer.js';
export { FastNormal, type NormalSource } from './normal.js';
export { solveCrossbarExact, type CrossbarCircuit, type CrossbarSolution, type SolveOptions } from './crossbar.js';
export { validateIrModel, CIRCUITS_TABLE_CASES, type IrValidationCase, type IrValidationResult } from './validate.js';
