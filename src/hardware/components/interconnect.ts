/**
 * Interconnect at 65 nm: mesh NoC between tiles (CACTI 7 router model) and H-tree wires inside tiles (CACTI 7
 * semi-global wire). docs/sources.md#circuits-3-3.
 */

/** 32-bit mesh: (2·E_buf + E_xbar + E_arb)/flit_bits ≈ 0.30 pJ per bit per hop (CACTI 7 router, docs/sources.md#circuits-3-3). */
export const NOC_ENERGY_PER_BIT_HOP_32b_pJ = 0.3;
/** Router area for 32-bit flits: 0.060 mm² (CACTI 7, 5x5 ports, 2 VCs x 4 flits). */
export const ROUTER_AREA_32b_mm2 = 0.06;
/**
 * Width exponents fitted to CACTI's 32/64/128-bit routers (0.30/0.47/0.82 pJ/bit/hop; 0.060/0.195/0.713 mm²):
 * energy per bit ∝ width^0.7, area ∝ width^1.8 [fit to docs/sources.md#circuits-3-3].
 */
export const NOC_ENERGY_WIDTH_EXPONENT = 0.7;
export const ROUTER_AREA_WIDTH_EXPONENT = 1.8;
/** Semi-global wire, random data (activity 0.25): 0.085 pJ per bit per mm (CACTI 65 nm, docs/sources.md#circuits-3-3). */
export const WIRE_ENERGY_PER_BIT_MM_pJ = 0.085;
/** Semi-global wire pitch: twice CACTI's 0.1625 µm local pitch [inference]. */
export const WIRE_PITCH_um = 0.325;

export function nocEnergyPerBitHop_pJ(width_bits: number): number {
  return NOC_ENERGY_PER_BIT_HOP_32b_pJ * (width_bits / 32) ** NOC_ENERGY_WIDTH_EXPONENT;
}

export function routerArea_mm2(width_bits: number): number {
  return ROUTER_AREA_32b_mm2 * (width_bits / 32) ** ROUTER_AREA_WIDTH_EXPONENT;
}

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
