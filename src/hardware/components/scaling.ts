/**
 * Technology scaling from the 65 nm reference node (Stillmaker & Baas, Integration 58 (2017) 74-81,
 * doi 10.1016/j.vlsi.2017.02.002; tables via Accelergy-Project/hwcomponents scaling/techscaling.py; docs/sources.md#circuits-3-6).
 * The cited factors convert a value at node N into 65 nm (E_65 = f·E_N); we need the inverse, 65 nm -> N.
 */

/** E_65nm / E_N at nominal supply per node (docs/sources.md#circuits-3-6, "energy x, nominal V"). */
const ENERGY_TO_65NM: Readonly<Record<number, number>> = { 130: 0.27, 65: 1, 45: 1.65, 40: 2.11, 32: 3.11, 28: 3.93, 22: 7.32, 14: 17.5 };
/** A_65nm / A_N per node (docs/sources.md#circuits-3-6, "area x"). */
const AREA_TO_65NM: Readonly<Record<number, number>> = { 130: 0.23, 65: 1, 45: 1.5, 40: 2.19, 32: 3.3, 28: 4.57, 22: 6.47, 14: 8.7 };

/**
 * Nominal V_dd per node (V), the supplies the energy factors above assume (docs/sources.md#circuits-3-6,
 * "nominal V" row; 65 nm: CACTI 65nm.dat, docs/sources.md#circuits-5).
 */
const NOMINAL_VDD_V: Readonly<Record<number, number>> = { 130: 1.3, 65: 1.1, 45: 1.0, 40: 0.95, 32: 0.9, 28: 0.9, 22: 0.85, 14: 0.8 };

/**
 * Every factor below at one tabulated node, computed once (the same expressions, so the same doubles). The engine
 * asks for them per layer and per evaluation; an object keyed by 130, 65, 45 ... is a dictionary-mode lookup in V8,
 * which measured ~10% of an ELA evaluation, so the last node asked for is kept at hand.
 */
interface NodeFactors {
  readonly energy: number;
  readonly wireEnergy: number;
  readonly vdd_V: number;
  readonly feature: number;
  readonly deviceCapacitance: number;
  readonly area: number;
}

const FACTORS = new Map<number, NodeFactors>(Object.keys(NOMINAL_VDD_V).map(Number).map((node): [number, NodeFactors] => {
  const energy = 1 / ENERGY_TO_65NM[node];
  const ratio = NOMINAL_VDD_V[node] / NOMINAL_VDD_V[65];
  const wireEnergy = ratio * ratio;
  return [node, { energy, wireEnergy, vdd_V: NOMINAL_VDD_V[node], feature: node / 65, deviceCapacitance: energy / wireEnergy, area: 1 / AREA_TO_65NM[node] }];
}));
let lastNode_nm = Number.NaN;
let lastFactors: NodeFactors | undefined;

function factorsAt(node_nm: number): NodeFactors {
  if (node_nm === lastNode_nm && lastFactors !== undefined) return lastFactors;
  const found = FACTORS.get(node_nm);
  if (found === undefined) throw new RangeError(`no Stillmaker-Baas factor for ${node_nm} nm (have ${[...FACTORS.keys()].sort((a, b) => a - b).join(', ')})`);
  lastNode_nm = node_nm;
  lastFactors = found;
  return found;
}

/** Multiply a 65 nm energy by this to get the energy at `node_nm`. */
export function energyScaleFrom65nm(node_nm: number): number {
  return factorsAt(node_nm).energy;
}

/**
 * Multiply a 65 nm wire energy per bit per mm by this to get it at `node_nm`: (V_N / V_65)². A wire's capacitance
 * per mm barely changes across nodes (CACTI semi-global 0.282/0.265/0.254/0.247 fF/µm at 65/45/32/22 nm,
 * docs/sources.md#circuits-3-3) and its length already shrinks with the node's area, so the gate-energy factor
 * above would scale it twice.
 */
export function wireEnergyScaleFrom65nm(node_nm: number): number {
  return factorsAt(node_nm).wireEnergy;
}

/** Nominal supply at `node_nm` (V), the one the energy factors assume. */
export function nominalVdd_V(node_nm: number): number {
  return factorsAt(node_nm).vdd_V;
}

/**
 * Multiply a 65 nm length drawn in units of F (a cell pitch) by this: F_N / 65 nm. A 4F x 12F cell's pitch shrinks
 * with F (cellArea_um2), and so does a crossbar line's capacitance per cell (docs/sources.md#circuits-2-1). The
 * tabulated nodes only, like every other factor here.
 */
export function featureScaleFrom65nm(node_nm: number): number {
  return factorsAt(node_nm).feature;
}

/**
 * Multiply a 65 nm transistor capacitance (a sense-amp or driver input) by this: the gate-energy factor over
 * (V_N / V_65)², since the energy at nominal supply is C·V² (docs/sources.md#circuits-3-6) [inference]. 22 nm: x0.229;
 * 130 nm: x2.65. C(N)·V_N² then equals the 65 nm C·V² times the energy factor: a periphery gate's price.
 */
export function deviceCapacitanceScaleFrom65nm(node_nm: number): number {
  return factorsAt(node_nm).deviceCapacitance;
}

/** Multiply a 65 nm area by this to get the area at `node_nm`. */
export function areaScaleFrom65nm(node_nm: number): number {
  return factorsAt(node_nm).area;
}
