/**
 * The 1T1R crossbar: cell area, conductance levels, bit- and word-line capacitance, sensing time and read energy.
 * Constants from docs/sources.md#circuits-2-1 (NeuroSim V1.4 Param.cpp, CACTI 7 65 nm wires).
 */
import { deviceCapacitanceScaleFrom65nm, featureScaleFrom65nm } from './scaling.js';

/** Fixed bit-line capacitance of the sense node (sense-amp / ADC input) at 65 nm, docs/sources.md#circuits-2-1: a transistor load. */
export const BITLINE_CAP_FIXED_65NM_F = 10e-15;
/** Smallest bit-line voltage step a sense amp / ADC comparator resolves, docs/sources.md#circuits-2-1. */
export const SENSE_MIN_VOLTAGE_STEP_V = 0.02;
/**
 * Access-transistor on-resistance as a fraction of R_on: NeuroSim V1.4 constant.h IR_DROP_TOLERANCE = 0.25
 * (docs/sources.md#circuits-1-2, docs/sources.md#circuits-2-1: the transistor is sized so it drops at most a quarter of the on-cell's resistance).
 */
export const ACCESS_RESISTANCE_FRACTION = 0.25;
/**
 * Word-line length per cell in F. NeuroSim's 1T1R cell is 4F high and 12F wide (Param.cpp heightInFeatureSize1T1R /
 * widthInFeatureSize1T1R) and SubArray.cpp lays a row out as numCol cell widths, so the word line passes 12F per cell:
 * the access transistor's gate lies along it and its width must fit in those 12F (docs/sources.md#circuits-2-1).
 */
export const CELL_ROW_PITCH_IN_F = 12;
/**
 * Bit-line length per cell in F: the cell's 4F height (NeuroSim Param.cpp heightInFeatureSize1T1R; SubArray.cpp lays a
 * column out as numRow cell heights, lengthCol), the side the bit line runs along (docs/sources.md#circuits-2-1).
 */
export const CELL_COLUMN_PITCH_IN_F = 4;
/** Local-wire capacitance at 65 nm: CACTI 7, 0.274 fF/µm (docs/sources.md#circuits-2-2), the bit line's wire too. */
export const LOCAL_WIRE_CAP_65NM_F_PER_um = 0.274e-15;
/**
 * Gate capacitance per µm of width at 65 nm LSTP: NeuroSim V1.4 CalculateGateCap, (capIdealGate + capOverlap +
 * capFringe) with Technology.cpp's PTM 65 nm LP values = 1.2·1.1926 + 0.96215 = 2.3933 fF/µm (docs/sources.md#circuits-2-1).
 */
export const GATE_CAP_65NM_F_PER_um = 2.393268e-15;
/**
 * NMOS on-resistance x width at 65 nm LSTP: NeuroSim CalculateOnResistance, effectiveResistanceMultiplier · V_dd /
 * I_on = 1.77 · 1.1 V / 400 µA/µm = 4867.5 Ω·µm (Technology.cpp, docs/sources.md#circuits-2-1).
 */
export const NMOS_ON_RESISTANCE_65NM_ohm_um = 4867.5;
/**
 * NeuroSim V1.4 constant.h LINEAR_REGION_RATIO = 0.20: the access transistor conducts in its linear region, at a fifth
 * of the switching on-resistance a transistor of its width has (docs/sources.md#circuits-2-1).
 */
export const LINEAR_REGION_RATIO = 0.2;
/**
 * Length of the access transistor's drain along its channel, in F: NeuroSim constant.h MIN_GAP_BET_GATE_POLY = 2.8, the
 * drain of an unfolded transistor in formula.cpp CalculateGateCapacitance (docs/sources.md#circuits-2-1). Its other
 * side is the transistor's width.
 */
export const DRAIN_LENGTH_IN_F = 2.8;
/**
 * NeuroSim V1.4 Technology.cpp junction model (BSIM4 form, the same zero-bias values at every bulk node): a zero-bias
 * capacitance divided by (1 + V_dd/0.9 V)^m, at 65 nm LSTP V_dd = 1.1 V (docs/sources.md#circuits-2-1).
 */
const JUNCTION_BIAS_65NM = 1 + 1.1 / 0.9;
/** Drain bottom (area) capacitance at 65 nm: cjd 1e-3 F/m² = 1 fF/µm², grading 0.5 -> 0.6708 fF/µm² (docs/sources.md#circuits-2-1). */
export const DRAIN_BOTTOM_CAP_65NM_F_PER_um2 = 1e-15 / JUNCTION_BIAS_65NM ** 0.5;
/** Drain isolation-edge sidewall capacitance at 65 nm: cjswd 2.5e-10 F/m = 0.25 fF/µm, grading 0.33 -> 0.1921 fF/µm (docs/sources.md#circuits-2-1). */
export const DRAIN_SIDEWALL_CAP_65NM_F_PER_um = 0.25e-15 / JUNCTION_BIAS_65NM ** 0.33;
/** Drain gate-edge (drain-to-channel) capacitance at 65 nm: cjswgd 0.5e-10 F/m, grading 0.33 -> 0.0384 fF/µm (docs/sources.md#circuits-2-1). */
export const DRAIN_TO_CHANNEL_CAP_65NM_F_PER_um = 0.05e-15 / JUNCTION_BIAS_65NM ** 0.33;
/** F at the 65 nm node, in µm: the node every 65 nm constant above is drawn at [definition]. */
const FEATURE_65NM_um = 0.065;
/**
 * Narrowest drawable transistor, in F: NeuroSim V1.4 constant.h MIN_NMOS_SIZE = 2.0 (docs/sources.md#circuits-2-1), the
 * floor of the access transistor's width (accessTransistorWidth_um).
 */
export const MIN_NMOS_WIDTH_IN_F = 2.0;
/** Mean programmed level of a cell as a fraction of the full window; offset-mapped trained weights sit mid-range [inference]. */
export const MEAN_CELL_LEVEL = 0.5;

/** Cell footprint in µm² from its size in F² (NeuroSim 1T1R: 48 F² = 0.203 µm² at 65 nm). */
export function cellArea_um2(cellArea_F2: number, node_nm: number): number {
  const f_um = node_nm * 1e-3;
  return cellArea_F2 * f_um * f_um;
}

/**
 * Read conductances of a 1T-1R cell: the device in series with its access transistor, because the read current
 * flows through both. Program-and-verify targets that read current, so the levels are evenly spaced in stack
 * conductance [inference]. The ELA and the functional engine (src/sim/nonideal/device.ts) both use these.
 */
export interface ConductanceLevels {
  /** Access-transistor on-resistance: ACCESS_RESISTANCE_FRACTION · R_on. */
  readonly rAccess_ohm: number;
  /** Stack read conductance at the top level: 1 / (R_on + R_access). */
  readonly gOn_S: number;
  /** Stack read conductance at the bottom level: 1 / (R_on · onOff + R_access). */
  readonly gOff_S: number;
  /** Conductance step between adjacent levels: (G_on - G_off) / (2^d - 1). */
  readonly deltaG_S: number;
  /** Mean programmed conductance: G_off + MEAN_CELL_LEVEL·(G_on - G_off). */
  readonly gMean_S: number;
}

/** Levels G_k = G_off + k·ΔG of the 1T-1R stack for a d-bit cell (docs/sources.md#circuits-2-1, with the access transistor). */
export function conductanceLevels(rOn_ohm: number, onOffRatio: number, bitsPerCell: number): ConductanceLevels {
  const rAccess_ohm = ACCESS_RESISTANCE_FRACTION * rOn_ohm;
  const gOn_S = 1 / (rOn_ohm + rAccess_ohm);
  const gOff_S = 1 / (rOn_ohm * onOffRatio + rAccess_ohm);
  return {
    rAccess_ohm,
    gOn_S,
    gOff_S,
    deltaG_S: (gOn_S - gOff_S) / (2 ** bitsPerCell - 1),
    gMean_S: gOff_S + MEAN_CELL_LEVEL * (gOn_S - gOff_S),
  };
}

/**
 * C_BL = rows·(4F·0.274 fF/µm + C_drain(W_access))·(F/65 nm) + 10 fF·k_dev at `node_nm` (docs/sources.md#circuits-2-1):
 * per cell the wire along the column (the cell's 4F height, as NeuroSim's capCol) and the drain junction of the cell's
 * access transistor, sized for `rOn_ohm` (accessDrainCapacitance65nm_F); the sense node like a transistor
 * (deviceCapacitanceScaleFrom65nm). The junction scales with F, not as the word line's gates do: NeuroSim's own LSTP
 * tables (its R·W per node sizing the transistor, the same junction model) move a drain at a fixed R_access by
 * ×1.86/0.68/0.49/0.34 at 130/45/32/22 nm (R_on 20 kΩ), within 5% of F/65 nm at 45-22 nm and 5-10% under it at 130 nm
 * for R_on 5-100 kΩ, while the gate factor would give ×2.65/0.73/0.48/0.229: the drain's 2.8F length and its
 * perimeter terms follow F [our arithmetic].
 * 64 rows, R_on 20 kΩ, 65 nm: 64·(0.0712 + 0.1386) fF + 10 fF = 23.43 fF.
 */
export function bitlineCapacitance_F(rows: number, node_nm: number, rOn_ohm: number): number {
  const perCell_F = lineWirePerCell_F(CELL_COLUMN_PITCH_IN_F, node_nm) + accessDrainCapacitance65nm_F(rOn_ohm) * featureScaleFrom65nm(node_nm);
  return rows * perCell_F + BITLINE_CAP_FIXED_65NM_F * deviceCapacitanceScaleFrom65nm(node_nm);
}

/**
 * Drain junction capacitance (F) at 65 nm of the access transistor sized for `rOn_ohm`, as NeuroSim's CalculateDrainCap
 * prices an unfolded NMOS of width W (docs/sources.md#circuits-2-1): bottom L·W·C_j + sidewall (2L + W)·C_sw + gate edge
 * W·C_dc, L = 2.8F. A higher R_on means a narrower transistor and a smaller drain; the 2L sidewall stays. NeuroSim folds
 * a transistor only above 24.4F (28F region less 3.6F), past the 12F cell (accessTransistorNote), so never here.
 * R_on 20 kΩ (W 0.1947 µm): 0.0238 + 0.1073 + 0.0075 = 0.1386 fF; 100 kΩ (W floored at 0.13 µm): 0.1158 fF.
 */
export function accessDrainCapacitance65nm_F(rOn_ohm: number): number {
  const width_um = accessTransistorWidth_um(rOn_ohm);
  const length_um = DRAIN_LENGTH_IN_F * FEATURE_65NM_um;
  return length_um * width_um * DRAIN_BOTTOM_CAP_65NM_F_PER_um2 + (2 * length_um + width_um) * DRAIN_SIDEWALL_CAP_65NM_F_PER_um
    + width_um * DRAIN_TO_CHANNEL_CAP_65NM_F_PER_um;
}

/**
 * Wire capacitance per cell of a crossbar line at `node_nm` that passes `pitch_F` F of each cell: CACTI's 65 nm local
 * wire (0.274 fF/µm) over that length, scaled with F (its C per µm barely moves with the node, its length is the pitch).
 */
function lineWirePerCell_F(pitch_F: number, node_nm: number): number {
  return pitch_F * FEATURE_65NM_um * LOCAL_WIRE_CAP_65NM_F_PER_um * featureScaleFrom65nm(node_nm);
}

/**
 * Width (µm) of the access transistor sized as NeuroSim sizes it (SubArray.cpp widthAccessCMOS): its linear-region
 * on-resistance is R_access = ACCESS_RESISTANCE_FRACTION·R_on, so W = 4867.5 Ω·µm · 0.2 / R_access, but never under
 * the narrowest drawable transistor, MIN_NMOS_WIDTH_IN_F·F (NeuroSim MIN_NMOS_SIZE; NeuroSim itself does not clamp
 * here). Drawn at 65 nm, so the floor is 2F of 65 nm, 0.13 µm: the callers scale the gate and drain from 65 nm (with F
 * for the drain), so at another node it stays 2F of that node. A higher R_on needs a narrower transistor down to the
 * floor, reached at R_on ≈ 29.95 kΩ; above it the transistor is stronger than R_on needs (R_access under 0.25·R_on),
 * harmless for an on/off access switch, and the levels keep R_access = 0.25·R_on (conductanceLevels) [inference].
 * R_on 20 kΩ: 0.1947 µm (3.0F); 100 kΩ: 0.0389 µm (0.6F) asked, 0.13 µm drawn.
 */
export function accessTransistorWidth_um(rOn_ohm: number): number {
  const sized_um = (NMOS_ON_RESISTANCE_65NM_ohm_um * LINEAR_REGION_RATIO) / (ACCESS_RESISTANCE_FRACTION * rOn_ohm);
  return Math.max(sized_um, MIN_NMOS_WIDTH_IN_F * FEATURE_65NM_um);
}

/**
 * When the access transistor sized for `rOn_ohm` (accessTransistorWidth_um, in F at 65 nm) is wider than the cell's
 * 12F row pitch it was priced in, a note saying so (NeuroSim stops there; cosearch keeps the 48F² cell, so the area and
 * the word and bit lines rest on a cell that cannot be drawn): R_on below ~4.99 kΩ. Undefined otherwise.
 */
export function accessTransistorNote(rOn_ohm: number, where: string): string | undefined {
  const width_F = accessTransistorWidth_um(rOn_ohm) / FEATURE_65NM_um;
  if (width_F <= CELL_ROW_PITCH_IN_F) return undefined;
  return `${where}=${rOn_ohm} needs an access transistor ${width_F.toFixed(1)}F wide (R_access = ${ACCESS_RESISTANCE_FRACTION}·R_on), ` +
    `wider than the ${CELL_ROW_PITCH_IN_F}F cell it is priced in: cell area, word-line energy and bit-line load assume a cell that cannot be drawn (docs/simulator.md, Crossbar)`;
}

/**
 * C_WL = columns·(12F·0.274 fF/µm·(F/65 nm) + W_access·2.393 fF/µm·k_dev) at `node_nm` (docs/sources.md#circuits-2-1):
 * per cell the wire along the row and the gate of the cell's access transistor; no sense node. The wire scales with
 * F (its C per µm barely moves, its length is the pitch), as the bit line's does. The gate, at a fixed R_access, is
 * C_g'·(R·W)·0.2/R_access: the node's gate capacitance per width times its on-resistance per width, a transistor
 * property that NeuroSim's PTM LSTP tables move by x1.82/0.59/0.39/0.23 at 130/45/32/22 nm; it scales as the node's
 * transistor capacitance (deviceCapacitanceScaleFrom65nm, x2.65/0.73/0.48/0.229), as the sense node does, which
 * tracks those tables at the small nodes (F alone would leave 22 nm's gate 45% heavy) [inference].
 * 64 columns, R_on 20 kΩ, 65 nm: 64·(0.2137 + 0.4660) fF = 43.50 fF.
 */
export function wordlineCapacitance_F(columns: number, node_nm: number, rOn_ohm: number): number {
  const wirePerCell_F = lineWirePerCell_F(CELL_ROW_PITCH_IN_F, node_nm); // 12F of 65 nm = 0.78 µm
  const gatePerCell_F = accessTransistorWidth_um(rOn_ohm) * GATE_CAP_65NM_F_PER_um * deviceCapacitanceScaleFrom65nm(node_nm);
  return columns * (wirePerCell_F + gatePerCell_F);
}

/**
 * Time for one LSB of column current (I_LSB = V_read·ΔG) to move the bit line by the smallest resolvable step:
 * t = C_BL·ΔV_min / I_LSB (docs/sources.md#circuits-2-1). Higher R_on or more bits per cell -> smaller I_LSB -> slower;
 * higher read voltage -> faster. 64 rows, 4-bit, 0.1 V, R_on 20 kΩ, On/Off 10: 2.00 ns at 65 nm (1T-1R stack levels);
 * a smaller node shortens the bit line and shrinks its load, so the same design senses faster.
 */
export function senseTime_ns(rows: number, readVoltage_V: number, deltaG_S: number, node_nm: number, rOn_ohm: number): number {
  return (bitlineCapacitance_F(rows, node_nm, rOn_ohm) * SENSE_MIN_VOLTAGE_STEP_V) / (readVoltage_V * deltaG_S) * 1e9;
}

/** Read energy of `activeCells` cells of mean conductance G held at V_read for t: V²·G·t (docs/sources.md#circuits-2-1). */
export function cellReadEnergy_pJ(activeCells: number, readVoltage_V: number, g_S: number, time_ns: number): number {
  return activeCells * readVoltage_V * readVoltage_V * g_S * time_ns * 1e-9 * 1e12;
}

/** Lossless ADC bits for `rows` active rows of d-bit cells: ceil(log2(rows·(2^d - 1) + 1)) (docs/sources.md#circuits-2-1). */
export function losslessAdcBits(rows: number, bitsPerCell: number): number {
  return Math.ceil(Math.log2(rows * (2 ** bitsPerCell - 1) + 1));
}
