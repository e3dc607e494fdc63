/**
 * The fastest digital clock the model's sources show, per node (docs/sources.md#clock-node). The engine prices its
 * per-clock steps (a LIF lane's U_mem read or its add-compare-write, a NoC hop, a pooling step) without checking their
 * delays against the period: only a crossbar read is held to at least one clock (design.ts). So a clock above this
 * bound is not refused but noted (src/sim/modelNotes.ts).
 */

/**
 * ISAAC's digital pipeline at 32 nm: its shift-and-add takes one 8-bit SAR output per sample at 1.2 GS/s
 * (Accelergy-Project/hwcomponents-library isaac.py, docs/sources.md#circuits-1-3) [inference: one sample per clock].
 */
export const FASTEST_CITED_CLOCK_MHz = 1200;
export const FASTEST_CITED_CLOCK_NODE_nm = 32;

/**
 * The cited clock at `node_nm`: gate delay ∝ node (Accelergy-Project/hwcomponents, scaling/techscaling.py,
 * `tech_node_latency` = to_node / from_node; docs/sources.md#clock-node), so the clock ∝ 1 / node.
 */
export function fastestCitedClock_MHz(node_nm: number): number {
  return (FASTEST_CITED_CLOCK_MHz * FASTEST_CITED_CLOCK_NODE_nm) / node_nm;
}
