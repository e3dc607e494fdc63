/** Public API of the non-ideality engine: device model, ADC, crossbar solvers, programmed layers, MAC error. */
export {
  ACCESS_RESISTANCE_FRACTION,
  DRIFT_T0_S,
  STUCK_AT_OFF_SHARE,
  cellLevels,
  deviceConductance,
  driftFactor,
  quantizeDirectInput,
  quantizeWeights,
  sliceCount,
  spreadOf,
  stackConductance,
  weightOffset,
  type CellLevels,
  type QuantizedWeights,
} from './device.js';
export { columnConverter, digitizeColumn, type ColumnConverter, type ConverterOptions } from './adc.js';
export { programLayer, type ProgrammedLayer } from './layer.js';
export { idealMvm, type IdealLayer } from './ideal.js';
export { bitSlicing, layerCrossbars, weightColumnsPerCrossbar, type BitSlicing } from './placement.js';
export type { ProgramOptions } from './senseReference.js';
export { solveCrossbarExact, type CrossbarCircuit, type CrossbarSolution, type SolveOptions } from './crossbar.js';
export { validateIrModel, CIRCUITS_TABLE_CASES, BEYOND_TABLE_CASES, type IrValidationCase, type IrValidationResult } from './validate.js';
export {
  // The checked entries: a hand-built configuration is refused as evaluateAccuracy refuses it.
  checkedLayerMacError as layerMacError,
  checkedNetworkMacError as networkMacError,
  macErrorAffinity,
  MAC_ERROR_CROSSBARS,
  type MacErrorResult,
  type LayerMacError,
  type NetworkMacError,
} from './macError.js';
export { FastNormal, type NormalSource } from './normal.js';
export { estimatedIrLoss, irModelNote, IR_LOSS_VALIDATED } from './irEstimate.js';
