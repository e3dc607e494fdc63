/**
 * Device presets. Selecting `device.kind` loads these values as the defaults of the device.* parameters;
 * explicit overrides still win. Numbers from docs/sources.md#circuits-2-4, docs/sources.md#circuits-2-5 (sources cited per field).
 */

export const DEVICE_KINDS = ['rram', 'pcm', 'fefet', 'sttmram', 'sram'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * Where a cell lands after program-and-verify: a Gaussian around its target device conductance G with a
 * state-dependent standard deviation sigma_G(G) in siemens, measured per technology. It does not depend on the
 * number of levels, so adjacent levels overlap as bits per cell rise.
 * - 'polynomial': sigma_G[µS] = max(sum_k c_k G[µS]^k, 0), fitted over a measured window whose top is
 *   `fitMaxConductance_uS`. On a configured window with another top G_max the fit is scaled by
 *   s = G_max / fitMaxConductance_uS: sigma(G) = s sigma_fit(G / s). This is CrossSim's own normalisation (its
 *   RRAM_Milo.py / PCM_Joshi.py map the crossbar's window onto [G_fit,max / On/Off, G_fit,max] and keep sigma relative
 *   to the window), so the spread in units of the window is the measured one; it is an assumption that a device of
 *   another window scales that way [inference].
 * - 'pulse-accumulation': open-loop identical pulses from G_min, each adding a cycle-to-cycle Gaussian of
 *   `fractionPerPulse` x (G_max - G_min); a state x = (G - G_min)/(G_max - G_min) takes `pulsesFullRange` x pulses,
 *   so sigma(G) = fractionPerPulse (G_max - G_min) sqrt(pulsesFullRange x) (MLP_NeuroSim_V3.0 Cell.cpp, RealDevice).
 * - 'none': a bistable cell (one of two physical states, not an analog target).
 */
export type ConductanceSpreadFit =
  | { readonly kind: 'none'; readonly source: string }
  | { readonly kind: 'polynomial'; readonly coefficients_uS: readonly number[]; readonly fitMaxConductance_uS: number;
    readonly fitWindow_uS: readonly [number, number]; readonly source: string }
  | { readonly kind: 'pulse-accumulation'; readonly fractionPerPulse: number; readonly pulsesFullRange: number; readonly source: string };

/** The device-conductance window a spread fit is applied on: G_max = 1/R_on, G_min = 1/(R_on On/Off). */
export interface ConductanceWindow {
  readonly gMax_S: number;
  readonly gMin_S: number;
}

/** Bits per cell a device of this kind holds reliably in arrays (beyond it `evaluate` notes it; the physics decides). */
export interface RealisticBits {
  readonly min: number;
  readonly max: number;
  readonly source: string;
}

/**
 * What a programmed cell's conductance does by inference time t = device.driftTime_s (after programming), per cell and
 * static over the inference (docs/nonidealities.md "Drift and accumulated 1/f noise"):
 * - 'uniform': every cell drifts by ((t + t0) / t0)^-driftNu, t0 = 20 s, one nu for all cells; no static noise.
 * - 'aihwkit-pcm': AIHWKit PCMLikeNoiseModel (docs/sources.md#aihwkit-pcm): each cell draws its own drift exponent
 *   nu = |mu_nu + sigma_nu N(0,1)|, mu_nu and sigma_nu = clamp(slope ln(G_target / G_max) + intercept, min, max), and
 *   an accumulated 1/f deviation G ((t + t0)/t0)^-nu (1 + Q_s sqrt(ln((t + t0 + t_read) / (2 t_read))) N(0,1)),
 *   Q_s = min(coefficient / max((G_prog / G_max)^exponent, powerFloor), max), both drawn once per cell per chip.
 * Per-read noise (device.readNoiseSigma) is separate and fresh on every read for every model.
 */
export type CellDriftModel =
  | { readonly kind: 'uniform'; readonly source: string }
  | AihwkitPcmDrift;

/** A clamped log-linear fit of a drift statistic in G/G_max: clamp(slope ln(G/G_max) + intercept, min, max). */
export interface LogLinearFit {
  readonly slope_perLnG: number;
  readonly intercept: number;
  readonly min: number;
  readonly max: number;
}

export interface AihwkitPcmDrift {
  readonly kind: 'aihwkit-pcm';
  /** Mean and standard deviation of the drift exponent nu (dimensionless) of a cell at G_target / G_max. */
  readonly nuMean: LogLinearFit;
  readonly nuSigma: LogLinearFit;
  /** G/G_max floor of the nu fits (AIHWKit _ZERO_CLIP). */
  readonly minRelativeG: number;
  /** Q_s = min(qsCoefficient_relative / max((G/G_max)^qsExponent, qsPowerFloor), qsMax_relative). */
  readonly qsCoefficient_relative: number;
  readonly qsExponent: number;
  readonly qsPowerFloor: number;
  readonly qsMax_relative: number;
  /** t_read of the 1/f fit, in seconds. */
  readonly tRead_s: number;
  readonly source: string;
}

/**
 * AIHWKit PCMLikeNoiseModel (IBM/aihwkit src/aihwkit/inference/noise/pcm.py, generate_drift_coefficients and
 * apply_drift_noise_to_conductance; Nandakumar et al., ICECS 2019), docs/sources.md#aihwkit-pcm.
 */
export const AIHWKIT_PCM_DRIFT: AihwkitPcmDrift = {
  kind: 'aihwkit-pcm',
  nuMean: { slope_perLnG: -0.0155, intercept: 0.0244, min: 0.049, max: 0.1 },
  nuSigma: { slope_perLnG: -0.0125, intercept: -0.0059, min: 0.008, max: 0.045 },
  minRelativeG: 1e-7,
  qsCoefficient_relative: 0.0088, qsExponent: 0.65, qsPowerFloor: 1e-3, qsMax_relative: 0.2,
  tRead_s: 250e-9,
  source: 'AIHWKit noise/pcm.py PCMLikeNoiseModel (Nandakumar et al., ICECS 2019)',
};

const UNIFORM_DRIFT: CellDriftModel = { kind: 'uniform', source: 'one nu for every cell: review Sec. IV C 3; t0 = 20 s (AIHWKit noise/pcm.py)' };

export interface DevicePreset {
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  /** Relative Gaussian read noise on G, fresh on every read (docs/nonidealities.md "Read noise"). */
  readonly readNoiseSigma: number;
  /** 'uniform': every cell's nu. 'aihwkit-pcm': the mean nu of a cell at G_max; the fits scale with it (cellDrift). */
  readonly driftNu: number;
  /** How each cell drifts and accumulates static noise by device.driftTime_s. */
  readonly cellDrift: CellDriftModel;
  /** Most bits one cell can be configured with (the model's hard limit). */
  readonly maxBitsPerCell: number;
  /**
   * Bits per cell the preset loads when no override named device.bitsPerCell: 4 (review Table III's RRAM, the global
   * default) capped at the top of the kind's realistic range, so a preset alone never lands outside its own range.
   */
  readonly defaultBitsPerCell: number;
  /** Documented realistic range of bits per cell (soft: a note, not an error). */
  readonly realisticBitsPerCell: RealisticBits;
  /** Conductance-state spread after program-and-verify, in siemens (see ConductanceSpreadFit). */
  readonly programmingSpread: ConductanceSpreadFit;
  /** Cell footprint including its access device, in F² (feature size squared); see cellAreaAtNode_F2. */
  readonly cellArea_F2: number;
  /** The footprint at nodes where a source gives another one (tech.node_nm -> F²); cellArea_F2 elsewhere. */
  readonly cellAreaByNode_F2?: Readonly<Partial<Record<number, number>>>;
  /** On-chip training: one programming pulse (width, amplitude), pulses across the full window, endurance in pulses. */
  readonly write: DeviceWrite;
  /** How long a programmed state is kept, and what a drift time beyond it gets (DeviceRetention); absent where no source gives one. */
  readonly retention?: DeviceRetention;
  /**
   * A read port of fixed transistors (SRAM's 8T port: a switch driven by the latched bit), whose R_on and On/Off are the
   * preset's: other values describe no such port, which is noted (src/sim/deviceNotes.ts readPortNote).
   */
  readonly fixedReadPort?: { readonly port: string; readonly why: string };
  /**
   * Device fields the cell's physics fixes at 0, each with why: a non-zero value describes another device and is
   * refused (a latch holds a bit, it has no conductance to drift; an MTJ's two states do not drift as a power law).
   */
  readonly fixedZero?: { readonly driftNu?: string; readonly readNoiseSigma?: string };
  readonly source: string;
}

/**
 * A device's data retention, ratedRetention_s, and what a device.driftTime_s beyond it gets:
 * - 'refused': a source bounds it from above (FeFET ~1e3-1e4 s): past it the stored weights are gone, and the
 *   power-law drift would still report most of the conductance kept (src/hardware/consistency.ts checkRetention);
 * - 'noted': a rated figure (RRAM's 10-year qualification target, an [inference]): past it the drift model's accuracy
 *   is an upper bound (src/sim/deviceNotes.ts retentionNote);
 * - 'lowerBound': the sources give only a floor (PCM > 10 years): a longer drift time is past no known retention.
 */
export interface DeviceRetention {
  readonly ratedRetention_s: number;
  readonly beyond: 'refused' | 'noted' | 'lowerBound';
  /** How a note names it (`RRAM's rated retention`). */
  readonly name: string;
  /** Where the figure is from, as the refusal or the note cites it. */
  readonly source: string;
}

export const SECONDS_PER_YEAR_s = 365.25 * 24 * 3600;

/** Programming constants of a device for on-chip training (docs/training-cost.md). */
export interface DeviceWrite {
  /** SET (potentiation, conductance-raising) pulse: width (ns) and amplitude (V). */
  readonly pulse_ns: number;
  readonly voltage_V: number;
  /**
   * RESET (depression, conductance-lowering) pulse: width (ns) and amplitude magnitude (V). NeuroSim writes a row in a
   * SET phase then a RESET phase, each pulse at its own voltage and width (docs/sources.md#training-neurosim).
   */
  readonly resetPulse_ns: number;
  readonly resetVoltage_V: number;
  /**
   * 'bipolar': SET and RESET take opposite polarities and a read has the SET polarity, so only the SET amplitude bounds
   * a read. 'unipolar' (PCM): both pulses have the read's polarity, so the lower of the two bounds it
   * (docs/sources.md#training-devices).
   */
  readonly polarity: 'bipolar' | 'unipolar';
  readonly pulseLevels: number;
  readonly endurance_cycles: number;
  /** What a pulse charges besides the selected line (docs/training-cost.md §4). */
  readonly energy: WriteEnergyForm;
  readonly source: string;
}

/**
 * The cell term of one write pulse. 'resistive': a current through the cell for the pulse, V_w²·Ḡ·t_w (NeuroSim's
 * two-terminal form, docs/sources.md#training-neurosim). 'ferroelectric': a FeFET is programmed through its gate, with
 * no DC path through the ferroelectric, so no V²·G·t term (DNN_NeuroSim V2.1 multiplies it by 0 for FeFET): the pulse
 * charges the gate, V_w²·C_gate, and switches polarisation, ΔP·V_w·A_FE, where one of the P_max pulses moves the
 * polarisation by 2·P_r / P_max (NeuroSim maps −P_r…+P_r linearly onto the conductance window) over A_FE = 2F²
 * (docs/sources.md#training-fefet-write).
 */
export type WriteEnergyForm =
  | { readonly kind: 'resistive' }
  | {
    readonly kind: 'ferroelectric';
    readonly gateCapacitance_F: number;
    readonly remanentPolarisation_C_per_m2: number;
    readonly ferroelectricArea_F2: number;
    readonly source: string;
  };

const RESISTIVE: WriteEnergyForm = { kind: 'resistive' };
/**
 * DNN_NeuroSim V2.1 Param.cpp: gateCapFeFET 2.1717e-18 F, polarization 20 µC/cm² (= 0.2 C/m²); ProcessingUnit.cpp
 * charges ΔP·V_w·2F² (docs/sources.md#training-fefet-write).
 */
const FEFET_WRITE_ENERGY: WriteEnergyForm = {
  kind: 'ferroelectric', gateCapacitance_F: 2.1717e-18, remanentPolarisation_C_per_m2: 0.2, ferroelectricArea_F2: 2,
  source: 'DNN_NeuroSim V2.1 Param.cpp (gateCapFeFET 2.1717e-18 F, polarization 20 uC/cm^2) and ProcessingUnit.cpp (cell term 0 for FeFET; deltaPr*0.01*V_w*2F^2)',
};

/**
 * TaOx/HfOx RRAM of the MLP_NeuroSim V3.0 device table: 1.6 V / 50 ns, 128 states (docs/sources.md#training-devices);
 * the table lists one pulse for both polarities, so RESET = SET (1.6 V / 50 ns) is the source's statement; endurance:
 * lower end of the typical 1e6-1e9 (docs/sources.md#training-devices).
 */
const RRAM_WRITE: DeviceWrite = { pulse_ns: 50, voltage_V: 1.6, resetPulse_ns: 50, resetVoltage_V: 1.6, polarity: 'bipolar', energy: RESISTIVE, pulseLevels: 128, endurance_cycles: 1e6,
  source: 'MLP_NeuroSim V3.0 Table II TaOx/HfOx (one pulse listed for both polarities: 1.6 V, 50 ns; 128 states); endurance 1e6 = low end of 1e6-1e9 (Yang, Strukov, Stewart 2013)' };
/** GST PCM of the MLP_NeuroSim V3.0 table: SET (the incremental, potentiating pulse) 0.7 V / 6 µs, RESET 3 V / 125 ns, 100 states; endurance 1e8 [recall]. */
const PCM_WRITE: DeviceWrite = { pulse_ns: 6000, voltage_V: 0.7, resetPulse_ns: 125, resetVoltage_V: 3, polarity: 'unipolar', energy: RESISTIVE, pulseLevels: 100, endurance_cycles: 1e8,
  source: 'MLP_NeuroSim V3.0 Table II GST PCM (SET 0.7 V / 6 µs, RESET 3 V / 125 ns; 100-120 states); endurance 1e8 [recall]' };
/** HZO FeFET of the MLP_NeuroSim V3.0 table: +3.65 V / 75 ns, -2.95 V / 75 ns, 32 states; endurance: lower end of the review's 1e4-1e10. */
const FEFET_WRITE: DeviceWrite = { pulse_ns: 75, voltage_V: 3.65, resetPulse_ns: 75, resetVoltage_V: 2.95, polarity: 'bipolar', energy: FEFET_WRITE_ENERGY, pulseLevels: 32, endurance_cycles: 1e4,
  source: 'MLP_NeuroSim V3.0 Table II HZO FeFET (+3.65 V / 75 ns, -2.95 V / 75 ns, 32 states); endurance 1e4 = low end of 1e4-1e10 (review)' };
/** STT-MRAM (MLP_NeuroSim V3.0 Cell.cpp): 1 V, 10 ns, binary (one pulse switches it), one pulse for both directions (RESET = SET, as the source gives it); endurance > 1e12 [recall]. */
const STTMRAM_WRITE: DeviceWrite = { pulse_ns: 10, voltage_V: 1, resetPulse_ns: 10, resetVoltage_V: 1, polarity: 'bipolar', energy: RESISTIVE, pulseLevels: 1, endurance_cycles: 1e12,
  source: 'MLP_NeuroSim V3.0 Cell.cpp (1 V, 10 ns, binary); endurance >1e12 [recall]' };
/** Endurance that stands for no wear-out (SRAM's; docs/sources.md#training-devices): a lifetime from it is printed "unlimited" (null in JSON). */
export const UNLIMITED_ENDURANCE_cycles = 1e16;

/** SRAM: a write at V_dd in one 1 ns cycle, a 0 as a 1 [inference] (one voltage both ways, so its polarity changes no bound); no wear-out ("infinite endurance", NeuroSim), 1e16 = the parameter's ceiling. */
const SRAM_WRITE: DeviceWrite = { pulse_ns: 1, voltage_V: 1.1, resetPulse_ns: 1, resetVoltage_V: 1.1, polarity: 'bipolar', energy: RESISTIVE, pulseLevels: 1, endurance_cycles: UNLIMITED_ENDURANCE_cycles,
  source: 'SRAM write at V_dd 1.1 V in 1 ns [inference]; unlimited endurance (DNN+NeuroSim V2.1 manual), 1e16 stands for unlimited' };

/** Milo et al., IRPS 2021 (IGVVA-100 program-and-verify, Fig. 4), as fitted in CrossSim RRAM_Milo.py: sigma_G = 4.782321 - 0.009107 G µS over 50-225 µS. */
const RRAM_MILO_SPREAD: ConductanceSpreadFit = {
  kind: 'polynomial', coefficients_uS: [4.782321, -0.009107], fitMaxConductance_uS: 225, fitWindow_uS: [50, 225],
  source: 'Milo et al., IRPS 2021 (CrossSim RRAM_Milo.py)',
};
/** Joshi et al., Nat. Commun. 11, 2473 (2020), Fig. 3b, as fitted in CrossSim PCM_Joshi.py: sigma_G = 0.28638599 + 0.07585724 G - 0.00178767 G² µS, G <= 25 µS. */
const PCM_JOSHI_SPREAD: ConductanceSpreadFit = {
  kind: 'polynomial', coefficients_uS: [0.28638599, 0.07585724, -0.00178767], fitMaxConductance_uS: 25, fitWindow_uS: [0.25, 25],
  source: 'Joshi et al., Nat. Commun. 2020 (CrossSim PCM_Joshi.py)',
};
/**
 * MLP_NeuroSim_V3.0 Cell.cpp: sigmaCtoC = 0.005 (G_max - G_min) per pulse, x sqrt(pulses) (RealDevice and _2T1F);
 * 32 pulses across the window: the HZO FeFET's 32 states (Jerry et al., IEDM 2017; MLP_NeuroSim V3.0 Table II, the
 * write's pulseLevels); not the 2T1F hybrid's 64 (its maxNumLevel counts the levels of its volatile LSB capacitor, its
 * FeFET holds maxNumLevel_MSB = 4) (docs/sources.md#circuits-2-5).
 */
const FEFET_NEUROSIM_SPREAD: ConductanceSpreadFit = {
  kind: 'pulse-accumulation', fractionPerPulse: 0.005, pulsesFullRange: 32,
  source: 'MLP_NeuroSim_V3.0 Cell.cpp (cycle-to-cycle 0.5% of the window per pulse); 32 FeFET states (Jerry et al., IEDM 2017); open loop, an upper bound after verify [inference]',
};

/**
 * The FeFET U_mem cache's write spread, a fraction of its stored range: an update re-programs the potential open loop
 * (no time to verify), from reset to about mid-window: the preset's spread at x = 0.5 of a unit window, 16 of the
 * cell's 32 pulses, 0.005 x sqrt(16) = 0.020 (docs/sources.md#umem-cache) [inference].
 */
export const FEFET_UMEM_WRITE_SIGMA_FRACTION = programmingSpread_S(FEFET_NEUROSIM_SPREAD, 0.5, { gMin_S: 0, gMax_S: 1 });

export const DEVICE_PRESETS: Readonly<Record<DeviceKind, DevicePreset>> = {
  // SpikeSim / review Table III: R_on 20 kΩ, On/Off 10, σ 0.1 (review Sec. IV C 3; the value in Fig. 10 a's caption); 1T1R 48F² (NeuroSim V1.4 Param.cpp).
  // RRAM power-law drift ν = 0.005 is an [inference] (docs/sources.md#circuits-2-4: "no power-law drift" in AIHWKit RRAM).
  rram: { defaultBitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10, readNoiseSigma: 0.1, driftNu: 0.005, cellDrift: UNIFORM_DRIFT, maxBitsPerCell: 8, cellArea_F2: 48, write: RRAM_WRITE,
    realisticBitsPerCell: { min: 1, max: 4, source: 'review Table III (4-bit RRAM); NeuroSim V1.4 Param.cpp (1-4 bits per RRAM cell, docs/sources.md#circuits-2-5)' },
    programmingSpread: RRAM_MILO_SPREAD,
    // 10 years at 85 °C, the usual qualification target for non-volatile memory, which filamentary RRAM is reported to
    // meet (docs/sources.md#rram-retention, an [inference]): noted beyond it, not refused (FeFET's is: cited).
    retention: { ratedRetention_s: 10 * SECONDS_PER_YEAR_s, beyond: 'noted', name: "RRAM's rated retention", source: 'at 85 °C [inference, docs/sources.md#rram-retention]' },
    source: 'review Table III; NeuroSim V1.4 Param.cpp (48F² 1T1R)' },
  // PCM (Joshi, Nat. Commun. 2020, via CrossSim PCM_Joshi.py): 0.25–25 µS window => R_on 40 kΩ, On/Off 100;
  // Drift and 1/f noise: AIHWKit's per-cell statistical model (docs/sources.md#aihwkit-pcm), static over an inference;
  // driftNu 0.049 = its mean nu at G_max (the fit's floor). No per-read term: AIHWKit's PCM inference model has none.
  pcm: { defaultBitsPerCell: 3, rOn_ohm: 40e3, onOffRatio: 100, readNoiseSigma: 0, driftNu: 0.049, cellDrift: AIHWKIT_PCM_DRIFT, maxBitsPerCell: 8, cellArea_F2: 48, write: PCM_WRITE,
    realisticBitsPerCell: { min: 1, max: 3, source: 'Joshi 2020 fit: levels 4 sigma_G apart fit 3 bits in 0.25-25 µS [inference]; multilevel PCM with iterative program-and-verify: 2-4 bits (Papandreou et al., ISCAS 2011) [recall]' },
    programmingSpread: PCM_JOSHI_SPREAD,
    // Review Sec. V C: "PCMs have exhibited high retention capabilities (>10 years)" (docs/sources.md#review): a floor only.
    retention: { ratedRetention_s: 10 * SECONDS_PER_YEAR_s, beyond: 'lowerBound', name: "PCM's retention", source: 'PCM retention > 10 years: review Sec. V C' },
    source: 'Joshi 2020 (CrossSim PCM_Joshi.py); AIHWKit noise/pcm.py' },
  // FeFET: window 39.7 nS–1.79 µS => R_on 559 kΩ, On/Off 45: MLP_NeuroSim_V3.0 Cell.cpp _2T1F, the window its FeFET
  // (the MSB, maxConductanceMSB = maxConductance) spans. States: 32 = 5 bits (Jerry et al., IEDM 2017; V3.0 Table II),
  // the hard limit (not 6: the 2T1F's 64 levels are its LSB capacitor's; its FeFET holds 4).
  // Area: the 1-FeFET pseudo-crossbar cell, 6F x 4F = 24 F² (MLP_NeuroSim_V3.0 Cell.cpp IdealDevice/RealDevice with
  // FeFET, the cell of gateCapFeFET 2.1717e-18 F; not RRAM's 48 F² 1T1R, nor the 2T1F's 100F x 50F).
  // Noise 'low' -> 1% and ν 0.01 are [inference].
  fefet: { defaultBitsPerCell: 4, rOn_ohm: 1 / 1.79e-6, onOffRatio: 45, readNoiseSigma: 0.01, driftNu: 0.01, cellDrift: UNIFORM_DRIFT, maxBitsPerCell: 5, cellArea_F2: 24, write: FEFET_WRITE,
    realisticBitsPerCell: { min: 1, max: 5, source: 'Jerry et al., IEDM 2017 (FeFET analog synapse, 32 states) [recall]' },
    programmingSpread: FEFET_NEUROSIM_SPREAD,
    // Review Sec. V C: "FeFETs show poorer retention (~10^3 to 10^4 s) due to polarization degradation" (docs/sources.md#review).
    retention: { ratedRetention_s: 1e4, beyond: 'refused', name: "FeFET's retention", source: 'FeFET retention ~1e3-1e4 s, polarisation degradation: review Sec. V C' },
    source: 'MLP_NeuroSim_V3.0 Cell.cpp (_2T1F window; 1-FeFET cell 24 F²); Jerry et al., IEDM 2017 (32 states); review Sec. V C' },
  // STT-MRAM (MLP_NeuroSim_V3.0 Cell.cpp): 8 kΩ / 24 kΩ, binary. Read noise 1% is [inference] from the physics of
  // the tunnel current: Johnson (4kT/R) and shot (2qI) noise over the sense bandwidth 1/(2 t_sense), t_sense ~0.1 ns,
  // at V_r 0.1 V through 10 kΩ (I = 10 µA): sigma_I/I ~0.9% and ~1.3% (docs/sources.md#circuits-2-5).
  // No power-law drift: an MTJ is parallel or antiparallel, its resistance set by the tunnel magnetoresistance.
  sttmram: { defaultBitsPerCell: 1, rOn_ohm: 8e3, onOffRatio: 3, readNoiseSigma: 0.01, driftNu: 0, cellDrift: UNIFORM_DRIFT, maxBitsPerCell: 1, cellArea_F2: 48, write: STTMRAM_WRITE,
    realisticBitsPerCell: { min: 1, max: 1, source: 'MLP_NeuroSim_V3.0 Cell.cpp (digital eNVM, binary MTJ)' },
    programmingSpread: { kind: 'none', source: 'bistable MTJ: parallel or antiparallel, no analog target [inference]' },
    fixedZero: { driftNu: 'an MTJ is in one of two magnetic states (parallel or antiparallel); they do not drift as a power law in time' },
    source: 'MLP_NeuroSim_V3.0 Cell.cpp' },
  // 8T SRAM compute cell: binary, no drift or read noise; 10F x 28F = 280F² above 14 nm, 10.6F x 30.8F = 326.48F² at
  // 14 nm (Samsung 14 nm; NeuroSim V1.4 Param.cpp "1.4 update: SRAM size update"). Read-port on-resistance ≈ 10 kΩ and
  // On/Off 1e3 are [inference] for a 65 nm read stack.
  sram: { defaultBitsPerCell: 1, rOn_ohm: 10e3, onOffRatio: 1e3, readNoiseSigma: 0, driftNu: 0, cellDrift: UNIFORM_DRIFT, maxBitsPerCell: 1, cellArea_F2: 280, cellAreaByNode_F2: { 14: 10.6 * 30.8 }, write: SRAM_WRITE,
    realisticBitsPerCell: { min: 1, max: 1, source: 'NeuroSim V1.4 (binary SRAM cell)' },
    programmingSpread: { kind: 'none', source: 'digital latch [inference]' },
    fixedReadPort: { port: '8T read port', why: 'a switch of two transistors driven by the latched bit [inference]' },
    fixedZero: {
      driftNu: 'an SRAM cell is a latch holding a bit at V_dd; it has no programmed conductance to drift',
      readNoiseSigma: 'an SRAM read returns the latched bit (the read port is a switch driven by it), not an analog programmed conductance',
    },
    source: 'NeuroSim V1.4 Param.cpp (SRAM cell 280F² above 14 nm, 326.48F² at 14 nm); read stack [inference]' },
};

/** A kind's cell footprint in F² at tech.node_nm = node_nm (DevicePreset.cellAreaByNode_F2, else cellArea_F2). */
export function cellAreaAtNode_F2(kind: DeviceKind, node_nm: number): number {
  const preset = DEVICE_PRESETS[kind];
  return preset.cellAreaByNode_F2?.[node_nm] ?? preset.cellArea_F2;
}

const MICRO = 1e6;

/** sigma_G (siemens) of a cell programmed to device conductance g_S on `window`, by the fit (see ConductanceSpreadFit). */
export function programmingSpread_S(fit: ConductanceSpreadFit, g_S: number, window: ConductanceWindow): number {
  switch (fit.kind) {
    case 'none': return 0;
    case 'polynomial': {
      const scale = (window.gMax_S * MICRO) / fit.fitMaxConductance_uS;
      const g = (g_S * MICRO) / scale;
      let sigma = 0;
      for (let k = fit.coefficients_uS.length - 1; k >= 0; k--) sigma = sigma * g + fit.coefficients_uS[k];
      return (scale * Math.max(sigma, 0)) / MICRO;
    }
    case 'pulse-accumulation': {
      const range = window.gMax_S - window.gMin_S;
      const x = Math.min(1, Math.max(0, (g_S - window.gMin_S) / range));
      return fit.fractionPerPulse * range * Math.sqrt(fit.pulsesFullRange * x);
    }
  }
}

/** A note when `bitsPerCell` lies outside the kind's realistic range (undefined inside it). */
export function bitsPerCellNote(kind: DeviceKind, bitsPerCell: number, subject = `device.bitsPerCell=${bitsPerCell} is`): string | undefined {
  const range = DEVICE_PRESETS[kind].realisticBitsPerCell;
  if (bitsPerCell >= range.min && bitsPerCell <= range.max) return undefined;
  return `${subject} beyond the realistic range of ${kind} cells (${range.min}-${range.max} bits: ${range.source}); ` +
    'accepted: the conductance spread and read noise decide its accuracy';
}
