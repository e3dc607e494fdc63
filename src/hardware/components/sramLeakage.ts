/**
 * SRAM (LSTP) leakage across technology nodes, from CACTI 7's per-node LSTP devices (HewlettPackard/cacti
 * `tech_params/{90,65,45,32,22}nm.dat`, read as `parameter.cc` reads them; docs/sources.md#circuits-3-7).
 *
 * The 65 nm figure is CACTI's own run (2.6 µW per 20 KB, SRAM_LEAKAGE_uW_PER_KB, circuits-3-1), the calibration. At
 * another node it is multiplied by the ratio of a cell's subthreshold leakage power there to at 65 nm. CACTI prices
 * that (mat.cc, Mat::compute_bitline_delay) as Icell·V_dd + Iport·V_dd with Icell = (W_n + W_p)·I_off and Iport =
 * W_a·I_off/2, every width a fixed multiple of F at every node, and I_off_p = I_off_n (parameter.cc); so per bit
 * P = I_off·(W_n + W_p + W_a/2)·F·V_dd, and the ratio is I_off·F·V_dd over its 65 nm value.
 */
import { SRAM_LEAKAGE_uW_PER_KB } from './sram.js';

/** CACTI 7 LSTP nodes (nm) that tabulate a device: `tech_params/<node>nm.dat` (180 nm has no LSTP column; 16 nm is a stub). */
const CACTI_LSTP_NODES_nm = [90, 65, 45, 32, 22] as const;

/**
 * LSTP `-I_off_n` (A per µm of width) at the row `temp` 30, i.e. 330 K (CACTI reads the row T − 300; the 65 nm
 * calibration run was at 330 K, circuits-3-1), line 21 of each file (docs/sources.md#circuits-3-7). Same order as
 * CACTI_LSTP_NODES_nm. I_off_p = I_off_n in CACTI.
 */
const LSTP_OFF_CURRENT_330K_A_PER_UM = [1.25e-11, 3.64e-11, 4.06e-11, 7.83e-11, 1.94e-10] as const;
/** LSTP `-Vdd` (V), the SRAM cell's supply (`g_tp.sram_cell.Vdd`), line 9 (docs/sources.md#circuits-3-7). Same order. */
const LSTP_SUPPLY_VOLTAGE_V = [1.3, 1.2, 1.1, 1.0, 0.8] as const;

/**
 * SRAM cell transistor widths in units of F, the same at every node (`-Wmemcellnmos`, `-Wmemcellpmos`, `-Wmemcella`,
 * cell_type 0, lines 53-55; docs/sources.md#circuits-3-7).
 */
const CELL_NMOS_WIDTH_IN_F = 2.08;
const CELL_PMOS_WIDTH_IN_F = 1.23;
const CELL_ACCESS_WIDTH_IN_F = 1.31;
/** Off width of one cell as CACTI weighs it: both inverters' (W_n + W_p), one read/write port's access transistor W_a/2. */
const CELL_LEAKING_WIDTH_IN_F = CELL_NMOS_WIDTH_IN_F + CELL_PMOS_WIDTH_IN_F + CELL_ACCESS_WIDTH_IN_F / 2;

/** The LSTP device at a node: I_off per µm and V_dd, by CACTI's own interpolation between its two nearest files. */
interface LstpDevice {
  readonly offCurrent_A_per_um: number;
  readonly supplyVoltage_V: number;
}

/** Whether `node_nm` lies within CACTI's LSTP table (22-90 nm); outside it the nearest end's device is held. */
export function withinCactiLstpTable(node_nm: number): boolean {
  return node_nm >= CACTI_LSTP_NODES_nm[CACTI_LSTP_NODES_nm.length - 1] && node_nm <= CACTI_LSTP_NODES_nm[0];
}

/**
 * The LSTP device at `node_nm`. Between two tabulated nodes, CACTI's rule (parameter.cc, TechnologyParameter::init and
 * DeviceType::interpolate): every parameter linear in the node, α = (node − hi)/(lo − hi), so a CACTI run at 40 or
 * 28 nm uses the same I_off and V_dd. Outside 22-90 nm [assumption]: the nearest end's device (22 nm below, 90 nm
 * above) is held; only the width scales with F (`cosearch evaluate` notes it).
 */
export function lstpDevice(node_nm: number): LstpDevice {
  if (!(node_nm > 0) || !Number.isFinite(node_nm)) throw new RangeError(`tech.node_nm=${node_nm}: expected a positive feature size in nm`);
  const nodes = CACTI_LSTP_NODES_nm;
  const last = nodes.length - 1;
  if (node_nm >= nodes[0]) return { offCurrent_A_per_um: LSTP_OFF_CURRENT_330K_A_PER_UM[0], supplyVoltage_V: LSTP_SUPPLY_VOLTAGE_V[0] };
  if (node_nm <= nodes[last]) return { offCurrent_A_per_um: LSTP_OFF_CURRENT_330K_A_PER_UM[last], supplyVoltage_V: LSTP_SUPPLY_VOLTAGE_V[last] };
  let i = 1;
  while (node_nm < nodes[i]) i++;
  // nodes[i - 1] > node_nm >= nodes[i]: CACTI's tech_lo is the larger node, tech_hi the smaller.
  if (node_nm === nodes[i]) return { offCurrent_A_per_um: LSTP_OFF_CURRENT_330K_A_PER_UM[i], supplyVoltage_V: LSTP_SUPPLY_VOLTAGE_V[i] };
  const alpha = (node_nm - nodes[i]) / (nodes[i - 1] - nodes[i]);
  const mix = (v: readonly number[]) => alpha * v[i - 1] + (1 - alpha) * v[i];
  return { offCurrent_A_per_um: mix(LSTP_OFF_CURRENT_330K_A_PER_UM), supplyVoltage_V: mix(LSTP_SUPPLY_VOLTAGE_V) };
}

/** Subthreshold leakage power of one SRAM cell at `node_nm` (W): I_off·(W_n + W_p + W_a/2)·F·V_dd. */
export function sramCellLeakage_W(node_nm: number): number {
  const device = lstpDevice(node_nm);
  return device.offCurrent_A_per_um * CELL_LEAKING_WIDTH_IN_F * (node_nm * 1e-3) * device.supplyVoltage_V;
}

/** Multiply a 65 nm SRAM leakage power by this to get it at `node_nm` (exactly 1 at 65 nm). */
export function sramLeakageScaleFrom65nm(node_nm: number): number {
  return sramCellLeakage_W(node_nm) / sramCellLeakage_W(65);
}

/** Leakage power (W) of `size_KB` of LSTP SRAM at `node_nm`: the 65 nm CACTI run's 2.6 µW per 20 KB, scaled. */
export function sramLeakage_W(size_KB: number, node_nm: number): number {
  return size_KB * SRAM_LEAKAGE_uW_PER_KB * 1e-6 * sramLeakageScaleFrom65nm(node_nm);
}

