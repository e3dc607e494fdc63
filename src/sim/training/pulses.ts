/**
 * Programming pulses per weight update (docs/training-cost.md §4), NeuroSim's pulse model
 * (docs/sources.md#training-neurosim): the write step is ΔG_min = window / P_max; a desired change x (in units of
 * ΔG_min, a write step) gets n = round(|x|) pulses, so a cell is written iff |x| >= 1/2 (MLP_NeuroSim V3.0 Cell.cpp
 * RealDevice::Write, numPulse = truncate(Δw, P_max)·P_max, formula.cpp truncate with threshold 0.5). DNN_NeuroSim
 * V2.1's ceil(|ΔG|/ΔG_min) applies to the difference of two weights already on the level grid, a whole number of steps.
 *
 * ASSUMPTION (docs/sources.md#training-assumptions): a cell's update per batch is N(0, σ_lsb²) weight LSBs
 * (training.updateSigma_lsb), i.i.d. over cells and batches; positive updates are SET pulses, negative RESET pulses.
 * The functions below take it in write steps, x ~ N(0, σ²) with σ = σ_lsb·pulsesPerLsb (one weight LSB is
 * pulsesPerLsb write steps of the layer's cell). Under it every quantity below is exact (open loop, verify) or a seeded
 * Monte Carlo of the residual chain (threshold).
 */
import type { UpdateScheme } from '../../hardware/config.js';
import type { WriteEnergyForm } from '../../hardware/devices.js';
import { createRng } from '../../util/rng.js';

/** Probability mass of the pulses one cell gets in one update: pmf[k] = P(n = k). */
export interface PulseDistribution {
  readonly pmf: readonly number[];
  readonly mean: number;
  readonly variance: number;
}

/** Standard normal CDF Φ(z), from erfc (Numerical Recipes erfcc: relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Upper tail Q(z) = 1 - Φ(z), from erfc directly: 1 - normalCdf(z) is 0 in doubles from z ≈ 8.3 (Q(10) = 7.6e-24),
 * which made a small σ's write probability, and with it the pulse count, exactly 0.
 */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

const TAIL = 1e-12;

/**
 * Write steps ΔG_min = window / P_max in one weight LSB: one LSB of the least significant slice is one level step of
 * its cell, and the engine programs 2^cellBits levels evenly over the window (balanced slicing, src/sim/mapping.ts
 * cellBits = the widest slice; a narrower slice uses the same ladder's lowest levels), window / (2^cellBits - 1)
 * apart, so one LSB is P_max / (2^cellBits - 1) write steps (NeuroSim writes the weight change in units of the
 * device's write step, Cell.cpp RealDevice::Write, docs/sources.md#training-neurosim). A carry into the next slice is
 * not modelled. A bistable cell (cellBits 1, P_max 1) takes 1. σ is given in weight LSBs, not write steps, so it means
 * the same update whatever the device's P_max and bits per cell.
 */
export function pulsesPerLsb(pulseLevels: number, cellBits: number): number {
  return pulseLevels / (2 ** cellBits - 1);
}

/**
 * Open loop (and program-and-verify, which applies the same pulses): n = round(|x|) (half up), NeuroSim's
 * truncate(·, P_max) (docs/sources.md#training-neurosim):
 * P(n = 0) = 2Φ(1/(2σ)) - 1, P(n = k) = 2[Φ((k + 1/2)/σ) - Φ((k - 1/2)/σ)] for k >= 1.
 * At most `maxPulses` = P_max (device.pulseLevels): |ΔG| cannot exceed the window, so n <= P_max; the mass above
 * P_max is P_max pulses. Rounded, not ceil(|x|), as NeuroSim's truncate rounds (ceil at σ = 1: 0.7636 pulses per update, not 0.6829).
 */
export function openLoopPulses(sigma_steps: number, maxPulses = Infinity): PulseDistribution {
  const key = `${sigma_steps}/${maxPulses}`;
  const cached = OPEN_LOOP_CACHE.get(key);
  if (cached) return cached;
  const pmf = [1 - 2 * normalTail(0.5 / sigma_steps)];
  for (let k = 1; ; k++) {
    pmf.push(2 * (normalTail((k - 0.5) / sigma_steps) - normalTail((k + 0.5) / sigma_steps)));
    if (2 * normalTail((k + 0.5) / sigma_steps) < TAIL) break;
  }
  const result = withMoments(capped(pmf, maxPulses));
  OPEN_LOOP_CACHE.set(key, result);
  return result;
}

/** Memoised per σ and P_max (a search varies them over a handful of values at most). */
const OPEN_LOOP_CACHE = new Map<string, PulseDistribution>();

/** The pmf with the mass of n > maxPulses moved to n = maxPulses. */
function capped(pmf: readonly number[], maxPulses: number): number[] {
  if (pmf.length - 1 <= maxPulses) return [...pmf];
  const out = pmf.slice(0, maxPulses + 1);
  for (let k = maxPulses + 1; k < pmf.length; k++) out[maxPulses] += pmf[k];
  return out;
}

/** Updates simulated per σ for the threshold scheme's steady-state distribution (seeded: the same on every machine). */
export const THRESHOLD_CHAIN_UPDATES = 200_000;
const THRESHOLD_CACHE = new Map<string, PulseDistribution>();

/**
 * Threshold (mixed-precision) accumulation (docs/sources.md#mixed-precision): the update adds to a digital residual
 * χ; when |χ| >= 1 the cell gets n = min(floor(|χ|), P_max) pulses (the window bounds a write, as in openLoopPulses)
 * and χ -= sign(χ)·n. The distribution of n per update is
 * measured on one seeded chain of THRESHOLD_CHAIN_UPDATES updates after a burn-in (memoised per σ); successive
 * updates of a cell are treated as independent in the epoch statistics [assumption]. For σ << 1 the rate tends
 * to σ² (a random walk needs ~1/σ² steps to leave (-1, 1)); for σ >> 1 to E|x| - 1/2 = σ·sqrt(2/π) - 1/2 (floor keeps
 * half a step on average).
 */
export function thresholdPulses(sigma_steps: number, maxPulses = Infinity): PulseDistribution {
  const key = `${sigma_steps}/${maxPulses}`;
  const cached = THRESHOLD_CACHE.get(key);
  if (cached) return cached;
  const rng = createRng(`threshold-pulses:${sigma_steps}`);
  const counts: number[] = [];
  let chi = 0;
  const burnIn = 1000;
  for (let i = 0; i < THRESHOLD_CHAIN_UPDATES + burnIn; i++) {
    chi += sigma_steps * rng.normal();
    const n = Math.abs(chi) >= 1 ? Math.min(Math.floor(Math.abs(chi)), maxPulses) : 0;
    chi -= Math.sign(chi) * n;
    if (i < burnIn) continue;
    while (counts.length <= n) counts.push(0);
    counts[n]++;
  }
  const result = withMoments(counts.map((c) => c / THRESHOLD_CHAIN_UPDATES));
  THRESHOLD_CACHE.set(key, result);
  return result;
}

/** `sigma_steps`: the update's spread in write steps (σ_lsb·pulsesPerLsb); `maxPulses`: P_max, device.pulseLevels (pulses across the whole window). */
export function pulseDistribution(scheme: UpdateScheme, sigma_steps: number, maxPulses: number): PulseDistribution {
  return scheme === 'threshold' ? thresholdPulses(sigma_steps, maxPulses) : openLoopPulses(sigma_steps, maxPulses);
}

function withMoments(pmf: readonly number[]): PulseDistribution {
  let mean = 0;
  let second = 0;
  for (let k = 0; k < pmf.length; k++) {
    mean += k * pmf[k];
    second += k * k * pmf[k];
  }
  return { pmf, mean, variance: Math.max(0, second - mean * mean) };
}

/**
 * Expected largest SET pulse count among the `cells` weights of one crossbar row (rows are written one at a time, a
 * row's SET phase lasts its largest n): a weight's cell in this array gets n SET pulses when the weight is stored in
 * it (probability 1/arrays: a differential pair's G+ or G− array, by the weight's sign, i.i.d. at 1/2 [assumption];
 * 1 for a one-array mapping) and its update is positive (1/2), else 0, so P(n_SET <= k) = 1 - P(n > k)/(2·arrays) and
 * E[max] = Σ_k (1 - P(n_SET <= k)^cells). RESET is symmetric. A pair's array holds each weight with probability 1/2,
 * not every weight of the row (mlp-mnist, 32 weights per row at σ = 128/15 write steps: 14.99 slots, not 17.66 with
 * every weight in each array; 15.07 if each row split its weights exactly in half, 16 per array).
 */
export function expectedRowMaxSet(d: PulseDistribution, cells: number, arrays = 1): number {
  let above = 1;
  let expected = 0;
  for (let k = 0; k < d.pmf.length; k++) {
    above -= d.pmf[k]; // P(n > k)
    if (above <= 0) break;
    expected += 1 - (1 - above / (2 * arrays)) ** cells;
  }
  return expected;
}

/** One-sided 99th percentile of the standard normal. */
export const Z_P99 = 2.326347874;

/** Pulses per cell per epoch: `updates` independent updates per cell, over `cells` written cells (CLT; max by the Gaussian extreme). */
export interface WritesPerCell {
  readonly mean: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * mean = U·E[n]; p99 = mean + z99·sqrt(U·Var[n]); max over M cells ≈ mean + sqrt(U·Var[n])·sqrt(2 ln M) (the
 * Gaussian extreme-value approximation). Cells are i.i.d. under the update assumption, so p99 and max come only
 * from pulse-count noise; real gradients are heterogeneous across cells and spread them further.
 */
export function writesPerCell(d: PulseDistribution, updates: number, cells: number): WritesPerCell {
  const mean = updates * d.mean;
  const sd = Math.sqrt(updates * d.variance);
  return { mean, p99: mean + Z_P99 * sd, max: mean + sd * Math.sqrt(2 * Math.log(Math.max(cells, 1))) };
}

/** One layer's pulses per update and its written cells. */
export interface CellGroup {
  readonly d: PulseDistribution;
  readonly cells: number;
}

/**
 * writesPerCell over layers whose cells see different pulse distributions (a layer's σ in write steps depends on its
 * cell bits): mean over all cells; p99 the 99th percentile of the mixture of the layers' Gaussians (bisection); max the
 * largest layer's mean + sd·sqrt(2 ln M) over all M cells (an upper bound of the Gaussian extreme over the mixture).
 * One distribution for every layer (the memoised object) gives writesPerCell itself.
 */
export function writesPerCellOf(groups: readonly CellGroup[], updates: number): WritesPerCell {
  const cells = groups.reduce((s, g) => s + g.cells, 0);
  if (groups.every((g) => g.d === groups[0].d)) return writesPerCell(groups[0].d, updates, cells);
  const parts = groups.map((g) => ({ w: g.cells / cells, mean: updates * g.d.mean, sd: Math.sqrt(updates * g.d.variance) }));
  const spread = Math.sqrt(2 * Math.log(Math.max(cells, 1)));
  const mean = parts.reduce((s, p) => s + p.w * p.mean, 0);
  const max = Math.max(...parts.map((p) => p.mean + p.sd * spread));
  const below = (x: number) => parts.reduce((s, p) => s + p.w * (p.sd > 0 ? normalCdf((x - p.mean) / p.sd) : x >= p.mean ? 1 : 0), 0);
  let lo = Math.min(...parts.map((p) => p.mean));
  let hi = Math.max(...parts.map((p) => p.mean + Z_P99 * p.sd));
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (below(mid) < 0.99) lo = mid; else hi = mid;
  }
  return { mean, p99: hi, max };
}

/**
 * Energy of one pulse (pJ), NeuroSim's form: the cell term V_w²·Ḡ·t_w plus charging the selected line,
 * C_line·V_w² (docs/sources.md#training-neurosim).
 */
export function writePulseEnergy_pJ(voltage_V: number, gMean_S: number, pulse_ns: number, lineCapacitance_F: number): number {
  const v2 = voltage_V * voltage_V;
  return v2 * gMean_S * pulse_ns * 1e-9 * 1e12 + lineCapacitance_F * v2 * 1e12;
}

/**
 * Energy of one ferroelectric (FeFET) pulse (pJ): no current through the cell (the gate stack has no DC path), the
 * gate and the selected line charged, V_w²·(C_gate + C_line) (MLP_NeuroSim V3.0 Cell.cpp, DNN_NeuroSim V2.1
 * ProcessingUnit.cpp), plus the polarisation one pulse switches, ΔP·V_w·A with ΔP = 2·P_r / P_max and A = area_F2·F²
 * (DNN_NeuroSim V2.1 ProcessingUnit.cpp; docs/sources.md#training-fefet-write). NeuroSim charges the polarisation
 * once per written cell as an erase then a program (|P_new + P_r| + |P_old + P_r|); here each pulse switches its own
 * step [inference: incremental pulses without an erase, the scheme whose pulse count this model prices].
 */
export function ferroelectricPulseEnergy_pJ(
  voltage_V: number, gateCapacitance_F: number, lineCapacitance_F: number, polarisationStep_C_per_m2: number, ferroelectricArea_m2: number,
): number {
  return (voltage_V * voltage_V * (gateCapacitance_F + lineCapacitance_F) + polarisationStep_C_per_m2 * voltage_V * ferroelectricArea_m2) * 1e12;
}

/** One pulse of a device's write-energy form (`form`): the resistive or the ferroelectric line of docs/training-cost.md §4. */
export function pulseEnergyOf_pJ(
  form: WriteEnergyForm, pulse: { readonly voltage_V: number; readonly pulse_ns: number },
  cell: { readonly gMean_S: number; readonly lineCapacitance_F: number; readonly node_nm: number; readonly pulseLevels: number },
): number {
  if (form.kind === 'resistive') return writePulseEnergy_pJ(pulse.voltage_V, cell.gMean_S, pulse.pulse_ns, cell.lineCapacitance_F);
  const feature_m = cell.node_nm * 1e-9;
  const step_C_per_m2 = (2 * form.remanentPolarisation_C_per_m2) / cell.pulseLevels;
  return ferroelectricPulseEnergy_pJ(pulse.voltage_V, form.gateCapacitance_F, cell.lineCapacitance_F, step_C_per_m2, form.ferroelectricArea_F2 * feature_m * feature_m);
}
