/**
 * Interconnect at 65 nm: mesh NoC between tiles (CACTI 7 router model) and H-tree wires inside tiles (CACTI 7
 * semi-global wire). docs/sources.md#circuits-3-3.
 */

/** 32-bit mesh: (2·E_buf + E_xbar + E_arb)/flit_bits ≈ 0.30 pJ per bit per hop (CACTI 7 router, docs/sources.md#circuits-3-3). */
export const NOC_ENERGY_PER_BIT_HOP_32b_pJ = 0.3;
/** Router area for 32-bit flits: 0.060 mm² (CACTI 7, 5x5 ports, 2 VCs x 4 flits). */
export const ROUTER_AREA_32b_mm2 = 0.06;
/** The link widths CACTI's router runs cover (bits): outside them the parts below extrapolate, and evaluate notes it. */
export const NOC_CALIBRATED_WIDTHS_bits = [32, 64, 128] as const;
/**
 * CACTI 7's routers at 32/64/128-bit flits (docs/sources.md#circuits-3-3): per flit per hop 2·E_buf + E_xbar + E_arb
 * (pJ) and area (mm²).
 */
const CACTI_ROUTER_FLIT_HOP_pJ = [2 * 3.91 + 1.18 + 0.64, 2 * 12.5 + 4.06 + 0.79, 2 * 43.8 + 16.0 + 1.09];
const CACTI_ROUTER_AREA_mm2 = [ROUTER_AREA_32b_mm2, 0.195, 0.713];

/**
 * A router's parts against the flit width w (ORION 2.0, docs/sources.md#noc-router-parts): the allocators do not
 * depend on w, the flit buffers grow as w, the matrix crossbar as (ports·w)² in area and w·(ports·w) in energy per
 * flit. So area and energy per flit are p0 + p1·r + p2·r², r = w / 32, whose three coefficients are the ones through
 * CACTI's three runs (exactly, not a fit). Returned as the p1, p2 of x - x(r = 1) = p1·(r - 1) + p2·(r² - 1).
 */
function partsThroughCacti(values: readonly number[]): { linear: number; quadratic: number } {
  const [v1, v2, v4] = values;
  const quadratic = ((v4 - v2) / 2 - (v2 - v1)) / 3;
  return { linear: v2 - v1 - 3 * quadratic, quadratic };
}
const ROUTER_AREA_PARTS = partsThroughCacti(CACTI_ROUTER_AREA_mm2);
const ROUTER_ENERGY_PARTS = partsThroughCacti(CACTI_ROUTER_FLIT_HOP_pJ);

/** Energy (pJ) of a flit of r·32 bits over one hop, over a 32-bit flit's: the parts above. */
function flitHopEnergyRatio(r: number): number {
  const { linear, quadratic } = ROUTER_ENERGY_PARTS;
  const e32 = CACTI_ROUTER_FLIT_HOP_pJ[0];
  return (e32 + linear * (r - 1) + quadratic * (r * r - 1)) / e32;
}

/** Energy per bit per hop: the 32-bit 0.30 pJ times the flit's energy ratio over its r-fold bits (0.30 at 32 bits). */
export function nocEnergyPerBitHop_pJ(width_bits: number): number {
  const r = width_bits / 32;
  return NOC_ENERGY_PER_BIT_HOP_32b_pJ * (flitHopEnergyRatio(r) / r);
}

/** Router area (mm²): the 32-bit 0.060 mm² plus the buffers' and the crossbar's growth (0.060 at 32 bits). */
export function routerArea_mm2(width_bits: number): number {
  const r = width_bits / 32;
  const { linear, quadratic } = ROUTER_AREA_PARTS;
  return ROUTER_AREA_32b_mm2 + linear * (r - 1) + quadratic * (r * r - 1);
}

/** The crossbar's share of a router's area at `width_bits`: the part that grows as (ports·w)². */
export function routerCrossbarArea_mm2(width_bits: number): number {
  const r = width_bits / 32;
  return ROUTER_AREA_PARTS.quadratic * r * r;
}

/** Semi-global wire, random data (activity 0.25): 0.085 pJ per bit per mm (CACTI 65 nm, docs/sources.md#circuits-3-3). */
export const WIRE_ENERGY_PER_BIT_MM_pJ = 0.085;
/** Semi-global wire pitch: twice CACTI's 0.1625 µm local pitch [inference]. */
export const WIRE_PITCH_um = 0.325;

/** Mean hops from a tile to the central global unit of a k x k mesh holding `tiles` tiles: k/2, at least 1. */
export function meanHops(tiles: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(tiles)) / 2);
}

/** Energy to move `bits` over `length_mm` of H-tree wire (a leaf-to-root path in a block of side L is ≈ L). */
export function wireEnergy_pJ(bits: number, length_mm: number): number {
  return bits * length_mm * WIRE_ENERGY_PER_BIT_MM_pJ;
}

/** H-tree wiring area for `leaves` leaves in a square block of side L: total length ≈ L·sqrt(leaves), `width` wires [inference]. */
export function htreeArea_um2(side_mm: number, leaves: number, width_bits: number): number {
  return side_mm * 1e3 * Math.sqrt(leaves) * width_bits * WIRE_PITCH_um;
}
