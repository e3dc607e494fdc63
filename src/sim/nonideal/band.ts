/**
 * A band: the crossbars of one layer that share one block of input rows (one "row tile"), laid side by side.
 * Everything that does not change per read is precomputed here: conductances with stuck-at faults and drift, the
 * row-line IR-drop factor of every cell, read-noise variances. A read then costs a few multiply-adds per active cell
 * plus O(1) work per column (the column-line IR-drop correction; the layer adds one Gaussian draw per column for
 * the read noise).
 *
 * Units inside a band are "level units": a stack conductance divided by deltaG (the conductance step between
 * levels), so an ideal cell at level k reads g0 + k, g0 = G_off/deltaG being the pedestal. Column values are
 * reported with the pedestal of the active rows removed, as an ideal G_off reference column does [inference], so an
 * ideal crossbar reads exactly sum_i x_i k_ij.
 *
 * IR-drop model: the per-cell cosh model of docs/sources.md#circuits-2-3, written for the discrete ladder. A line of n cells with
 * segment resistance r and uniform cell conductance g, driven at one end and open at the other, has node voltages
 * V_k = V cosh(theta (n + 1/2 - k)) / cosh(theta (n + 1/2)), cosh(theta) = 1 + r g / 2 (k = 1 .. n from the driver),
 * exactly. With X x X crossbars, a cell at physical row p (0 = far from the sense end) and column q (0 = next to
 * the row driver) gets
 *   rowFactor = cosh(thR (X - 1/2 - q)) / cosh(thR (X + 1/2)),  cosh(thR) = 1 + r mean_q(G_pq) / 2   (per row, per
 *               crossbar, from the programmed conductances; unmapped columns count as G_off)
 *   colFactor = cosh(aC u_p) / cosh(aC),  u_p = (p + 1/2) / (X + 1/2),  aC^2 = (X + 1/2)^2 r S_q / X,
 * where S_q is the current (as conductance) column q actually collects on this read, so colFactor depends on which
 * rows spike. colFactor is expanded in aC^2 to second order, 1 + aC^2 (u^2 - 1)/2 + aC^4 (u^4 - 6u^2 + 5)/24, which
 * keeps the per-read work linear in the active cells; columns with aC^2 > SERIES_LIMIT evaluate the cosh per active
 * cell instead. Mapped rows occupy physical rows 0..rows-1 [inference].
 *
 * Storage is row-major with a row stride of a multiple of 4 columns (padding cells read 0): a read adds each driven
 * row, as a contiguous vector, into per-column accumulators, in the WebAssembly SIMD kernel wasm/crossbar.ts
 * (bandKernel.ts). Every column still sums its active rows one at a time in list order, in f64: the same numbers
 * as a scalar loop over each column (test/sim/nonideal/bandKernel.test.ts checks bit for bit).
 */
import type { CellLevels } from './device.js';
import { deviceConductance, stackConductance } from './device.js';
import type { Rng } from '../../util/rng.js';
import { notResident, readKernel, type Residence } from './bandKernel.js';

/** Above this aC^2 the series for the column factor is replaced by exact cosh terms (truncation error < 0.2%). */
export const SERIES_LIMIT = 0.25;

export interface Band {
  /** Mapped rows (<= size) and total physical columns of the band (all its crossbars side by side). */
  readonly rows: number;
  readonly cols: number;
  /** Physical crossbar size X. */
  readonly size: number;
  /** Row stride of `cell` and `noiseVar`: cols rounded up to a multiple of 4 (the kernel's vector width). */
  readonly stride: number;
  /** rows x stride, row-major (index i * stride + j): read value in level units, pedestal removed, faults, drift and
   * row IR drop applied; 0 in the padding columns. */
  readonly cell: Float32Array;
  /** rows x stride, row-major: variance of the cell's read noise in level units^2 (null without read noise). */
  readonly noiseVar: Float32Array | null;
  /** Per row: column-position basis functions (u^2-1)/2 and (u^4-6u^2+5)/24, and u itself. */
  readonly f1: Float64Array;
  readonly f2: Float64Array;
  readonly u: Float64Array;
  /** g0 = G_off / deltaG. */
  readonly pedestal: number;
  /** aC^2 per level unit of collected column current: (X + 1/2)^2 / X * r_wire * deltaG; 0 without wire resistance. */
  readonly colAlphaSqPerLevel: number;
  /** Where the read kernel holds a copy of the cells (bandKernel.ts). */
  readonly residence: Residence;
}

export interface BandDevice {
  readonly cell: CellLevels;
  /** Relative read-noise sigma on the device conductance (per read). */
  readonly readNoiseSigma: number;
  /** Relative programming (write) error sigma on the device conductance: drawn once per cell at programming. */
  readonly programSigma?: number;
  /** Conductance spread after program-and-verify: sigma_G (S) of the target device conductance; drawn once per cell. */
  readonly programmingSpread_S?: ((gDevice_S: number) => number) | null;
  /** G(t)/G0 of the device conductance. */
  readonly driftFactor: number;
  readonly stuckAtRate: number;
  readonly stuckAtOffShare: number;
  readonly rWire_ohm: number;
}

/**
 * Where each band column sits: its crossbar (block) and its physical column position in that crossbar (0 = next to
 * the row driver). Default: column c is in block floor(c / size) at position c mod size.
 */
export interface ColumnLayout {
  readonly block: Int32Array;
  readonly position: Int32Array;
}

/**
 * Build a band from integer cell levels (rows x cols, row-major, each in [0, levels-1]). `faultRng` draws the
 * stuck-at faults: two uniforms per cell in row-major order (hit, polarity), so with one seed the faulty cells at a
 * lower rate are a subset of those at a higher rate. `programRng` draws the programming error: one normal per cell in
 * row-major order, device conductance G (1 + programSigma N(0, 1)), floored at 0 [inference]; then, with a
 * conductance spread, one more normal per cell: G + sigma_G(G_target) N(0, 1), floored at 0 (CrossSim clips at 0);
 * a stuck cell ignores both.
 */
export function buildBand(
  levels: Uint8Array,
  rows: number,
  cols: number,
  size: number,
  dev: BandDevice,
  faultRng: Rng | null,
  layout: ColumnLayout | null = null,
  programRng: Rng | null = null,
): Band {
  const { cell: cl } = dev;
  const rAcc = cl.rAccess_ohm;
  const invDelta = 1 / cl.deltaG_S;
  const g0 = cl.stackOff_S * invDelta;
  const drift = dev.driftFactor;
  const programSigma = programRng ? dev.programSigma ?? 0 : 0;
  const spread = programRng ? dev.programmingSpread_S ?? null : null;
  const perturbed = drift !== 1 || dev.stuckAtRate > 0 || programSigma > 0 || spread !== null;
  const ir = dev.rWire_ohm > 0;
  const sigma = dev.readNoiseSigma;

  const devOn = cl.deviceOn_S;
  const devOff = cl.deviceOff_S;
  // Per level (a cell's target depends on its level only): stack and device conductance and the spread's sigma,
  // computed once per level with the same expressions a per-cell evaluation would use.
  let top = 0;
  for (let idx = 0; idx < rows * cols; idx++) if (levels[idx] > top) top = levels[idx];
  const levelStack = new Float64Array(top + 1);
  const levelDevice = new Float64Array(top + 1);
  const levelSpread = new Float64Array(top + 1);
  for (let k = 0; k <= top; k++) {
    levelStack[k] = cl.stackOff_S + k * cl.deltaG_S;
    levelDevice[k] = deviceConductance(levelStack[k], rAcc);
    levelSpread[k] = spread ? spread(levelDevice[k]) : 0;
  }
  // Row IR geometry: each column's crossbar (block) and position in it.
  const block = layout ? layout.block : Int32Array.from({ length: cols }, (_, c) => Math.floor(c / size));
  const position = layout ? layout.position : Int32Array.from({ length: cols }, (_, c) => c % size);
  let blocks = 0;
  for (let c = 0; c < cols; c++) blocks = Math.max(blocks, block[c] + 1);
  const members = new Int32Array(blocks);
  for (let c = 0; c < cols; c++) members[block[c]]++;
  const sum = new Float64Array(blocks);
  const theta = new Float64Array(blocks);
  const denom = new Float64Array(blocks);
  const unusedStack = stackConductance(devOff * drift, rAcc); // unmapped cells rest at G_off [inference]

  // Row by row (the fault and programming streams are drawn in row-major order): the stack conductance of every
  // cell after faults and drift, the row-line IR factor (it depends only on that row's conductances inside its
  // crossbar), then the cell's read value and noise variance.
  const g = new Float64Array(cols);
  const stride = Math.ceil(cols / 4) * 4;
  const cell = new Float32Array(rows * stride);
  const noiseVar = sigma > 0 ? new Float32Array(rows * stride) : null;
  for (let i = 0; i < rows; i++) {
    const rowBase = i * cols;
    for (let j = 0; j < cols; j++) {
      const level = levels[rowBase + j];
      let gs = levelStack[level];
      if (perturbed) {
        let gd = levelDevice[level];
        if (programSigma > 0) {
          const e = 1 + programSigma * programRng!.normal();
          gd = e > 0 ? gd * e : 0;
        }
        if (spread) {
          gd += levelSpread[level] * programRng!.normal();
          if (gd < 0) gd = 0;
        }
        if (dev.stuckAtRate > 0 && faultRng) {
          const hit = faultRng.next() < dev.stuckAtRate;
          const toOff = faultRng.next() < dev.stuckAtOffShare;
          if (hit) gd = toOff ? devOff : devOn;
        }
        gs = stackConductance(gd * drift, rAcc);
      }
      g[j] = gs;
    }
    if (ir) {
      for (let b = 0; b < blocks; b++) sum[b] = Math.max(0, size - members[b]) * unusedStack;
      for (let c = 0; c < cols; c++) sum[block[c]] += g[c];
      for (let b = 0; b < blocks; b++) {
        theta[b] = Math.acosh(1 + (dev.rWire_ohm * (sum[b] / Math.max(size, members[b]))) / 2);
        denom[b] = Math.cosh(theta[b] * (size + 0.5));
      }
    }
    for (let j = 0; j < cols; j++) {
      const t = i * stride + j;
      const rf = ir ? Math.cosh(theta[block[j]] * (size - 0.5 - position[j])) / denom[block[j]] : 1;
      const levelUnits = g[j] * invDelta;
      // Untouched ideal cells read their level exactly, so ideal hardware reproduces the integer dot product.
      cell[t] = !perturbed && rf === 1 ? levels[rowBase + j] : levelUnits * rf - g0;
      if (noiseVar) {
        // Relative noise sigma on the device becomes sigma * (1 - G_stack R_acc) on the stack (series linearisation).
        const s = sigma * levelUnits * (1 - g[j] * rAcc) * rf;
        noiseVar[t] = s * s;
      }
    }
  }

  const f1 = new Float64Array(rows);
  const f2 = new Float64Array(rows);
  const u = new Float64Array(rows);
  for (let p = 0; p < rows; p++) {
    const up = (p + 0.5) / (size + 0.5);
    const u2 = up * up;
    u[p] = up;
    f1[p] = (u2 - 1) / 2;
    f2[p] = (u2 * u2 - 6 * u2 + 5) / 24;
  }
  return {
    rows,
    cols,
    size,
    stride,
    cell,
    noiseVar,
    f1,
    f2,
    u,
    pedestal: g0,
    colAlphaSqPerLevel: ir ? ((size + 0.5) ** 2 / size) * dev.rWire_ohm * cl.deltaG_S : 0,
    residence: notResident(),
  };
}

/**
 * The deterministic part of one read of a band: rows active[0..nActive-1] (band-local indices) driven, the others
 * disconnected. Writes the analog column values (level units, pedestal removed) to out[0..cols-1] and, when
 * `sigma` is given and the band has read noise, each column's read-noise sigma (level units) to sigma[0..cols-1]:
 * a sum of independent Gaussian cell noises is one Gaussian with the summed variance, so a read needs one draw per
 * column (the layer's converter adds it).
 */
export function readBand(
  band: Band,
  active: Int32Array,
  nActive: number,
  out: Float64Array,
  sigma: Float64Array | null,
): void {
  const cols = band.cols;
  if (nActive === 0) {
    out.fill(0, 0, cols);
    if (sigma) sigma.fill(0, 0, cols);
    return;
  }
  const withNoise = sigma !== null && band.noiseVar !== null;
  if (sigma && !withNoise) sigma.fill(0, 0, cols);
  const k = readKernel();
  k.prepare(band);
  const list = k.active;
  for (let a = 0; a < nActive; a++) list[a] = active[a];
  if (band.colAlphaSqPerLevel > 0) {
    readWithIr(band, nActive, withNoise, k.values, k.ptr.values, k.ptr.sigma);
    for (let j = 0; j < cols; j++) out[j] = k.values[j];
    if (sigma && withNoise) {
      const sig = k.sigma;
      for (let j = 0; j < cols; j++) sigma[j] = sig[j];
    }
    return;
  }
  if (withNoise) k.gatherSQ(band, nActive);
  else k.gatherS(band, nActive);
  const s = k.s;
  for (let j = 0; j < cols; j++) out[j] = s[j];
  if (withNoise) {
    const q = k.q;
    for (let j = 0; j < cols; j++) sigma[j] = Math.sqrt(q[j]);
  }
}

/** Where readBandAt writes: views of the read kernel's memory and their byte offsets (stride values each). */
export interface KernelRead {
  readonly values: Float64Array;
  readonly valuesPtr: number;
  /** Null without read noise. */
  readonly sigma: Float64Array | null;
  readonly sigmaPtr: number;
}

/**
 * readBand into the read kernel's memory (a layer's read cache, see layer.ts): the same numbers, written where the
 * conversion reads them. `nActive` > 0; the caller has made the band resident in this epoch (ReadKernel.prepare).
 */
export function readBandAt(band: Band, active: Int32Array, nActive: number, to: KernelRead): void {
  const withNoise = to.sigma !== null && band.noiseVar !== null;
  if (to.sigma && !withNoise) to.sigma.fill(0, 0, band.cols);
  const k = readKernel();
  k.prepare(band);
  const list = k.active;
  for (let a = 0; a < nActive; a++) list[a] = active[a];
  if (band.colAlphaSqPerLevel > 0) readWithIr(band, nActive, withNoise, to.values, to.valuesPtr, to.sigmaPtr);
  else if (withNoise) {
    k.gatherSQ(band, nActive, to.valuesPtr);
    k.sqrtInto(band.cols, to.sigmaPtr);
  } else k.gatherS(band, nActive, to.valuesPtr);
}

/**
 * A read with wire resistance: the kernel's column sums, then each column's IR-drop factor (see the header), into
 * `out` (the view of `outPtr`) and, with noise, the sigmas into `sigmaPtr`.
 */
function readWithIr(band: Band, nActive: number, noise: boolean, out: Float64Array, outPtr: number, sigmaPtr: number): void {
  const { cols, stride, cell, f1, f2, u } = band;
  const k = readKernel();
  const { active, w1, w2 } = k;
  let sumF1 = 0;
  let sumF2 = 0;
  for (let a = 0; a < nActive; a++) {
    const i = active[a];
    w1[a] = f1[i];
    w2[a] = f2[i];
    sumF1 += f1[i];
    sumF2 += f2[i];
  }
  k.gatherIr(band, nActive, noise);
  const g0 = band.pedestal;
  const pedestal = g0 * nActive;
  const exact = k.finishIr(cols, noise, pedestal, band.colAlphaSqPerLevel, g0 * sumF1, g0 * sumF2, SERIES_LIMIT, outPtr, sigmaPtr);
  if (exact === 0) return;
  const s = k.s;
  for (let j = 0; j < cols; j++) {
    if (out[j] === out[j]) continue;
    // a2 above the series limit: the column factor's cosh per active cell.
    const total = s[j] + pedestal;
    const aC = Math.sqrt(band.colAlphaSqPerLevel * total);
    let e = 0;
    for (let a = 0; a < nActive; a++) {
      const i = active[a];
      e += (cell[i * stride + j] + g0) * Math.cosh(aC * u[i]);
    }
    out[j] = e / Math.cosh(aC) - pedestal;
  }
}
