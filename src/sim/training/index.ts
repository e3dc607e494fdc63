/** On-chip training cost (docs/training-cost.md): trainingCost and its result types. */
export { trainingCost } from './cost.js';
export { TRAINING_PHASES, type PhaseValues, type TrainingCost, type TrainingPhase, type TrainingSram, type TrainingTiming } from './types.js';
export { expectedRowMaxSet, normalCdf, openLoopPulses, pulseDistribution, pulsesPerLsb, thresholdPulses, writePulseEnergy_pJ, writesPerCell, type PulseDistribution, type WritesPerCell } from './pulses.js';
export { sampleTiming, unitTimes, type SampleTiming, type UnitTimes } from './pipeline.js';
export { trainingView, type TrainLayer, type TrainingView } from './layers.js';
