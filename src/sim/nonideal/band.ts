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
 * (bandKernel.ts). Every column sums its active rows one at a time in list order, in f32 (the cells' own precision;
 * stored as f32): the same numbers as a scalar loop over each column with Math.fround after every
 * product and add (test/sim/nonideal/bandKernel.test.ts checks bit for bit; docs/nonidealities.md, fourteenth pass,
 * why f32 is enough).
 */
import type { CellLevels } from './device.js';
import { deviceConductance, stackConductance } from './device.js';
import { driftedConductance, nuStats, type CellDrift } from './cellDrift.js';
import type { Rng } from '../../util/rng.js';
import { notResident, readKernel, type Residence } from './bandKernel.js';
import { hasNormalBlocks } from './normal.js';
import { programKernel } from './programKernel.js';
import { currentSlabOwner, slabF32 } from './slab.js';
import { drawStuckCells, isStuckCells, type StuckCells } from './stuckCells.js';

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
  /** G(t)/G0 of the device conductance (every cell: a 'uniform' device; 1 with a cellDrift). */
  readonly driftFactor: number;
  /** Per-cell drift and accumulated 1/f noise (cellDrift.ts), drawn once per cell from buildBand's driftRng. */
  readonly cellDrift?: CellDrift | null;
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
 * Build a band from integer cell levels (rows x cols, row-major, each in [0, levels-1]). `faults`: the stuck-at
 * faults (stuckCells.ts), as a fault stream to draw them from (two uniforms per cell in row-major order: hit,
 * polarity) or as the cells already drawn from one (stuckCellsOf keeps them per seed), so with one seed the faulty
 * cells at a lower rate are a subset of those at a higher rate. `programRng` draws the programming error: one normal per cell in
 * row-major order, device conductance G (1 + programSigma N(0, 1)), floored at 0 [inference]; then, with a
 * conductance spread, one more normal per cell: G + sigma_G(G_target) N(0, 1), floored at 0 (CrossSim clips at 0);
 * a stuck cell ignores both. `driftRng` draws a device with a cellDrift's two normals per cell (row-major; cellDrift.ts),
 * applied after the programming; a stuck cell takes its own at its stuck conductance.
 */
export function buildBand(
  levels: Uint8Array,
  rows: number,
  cols: number,
  size: number,
  dev: BandDevice,
  faults: Rng | StuckCells | null,
  layout: ColumnLayout | null = null,
  programRng: Rng | null = null,
  driftRng: Rng | null = null,
): Band {
  const { cell: cl } = dev;
  const rAcc = cl.rAccess_ohm;
  const invDelta = 1 / cl.deltaG_S;
  const g0 = cl.stackOff_S * invDelta;
  const drift = dev.driftFactor;
  const programSigma = programRng ? dev.programSigma ?? 0 : 0;
  const spread = programRng ? dev.programmingSpread_S ?? null : null;
  const cd = driftRng ? dev.cellDrift ?? null : null;
  const perturbed = drift !== 1 || dev.stuckAtRate > 0 || programSigma > 0 || spread !== null || cd !== null;
  const ir = dev.rWire_ohm > 0;
  const sigma = dev.readNoiseSigma;

  // Every cell's stack conductance after programming error, spread, faults and drift (the fault and programming
  // streams are drawn in row-major order), then per row and crossbar the row-line IR geometry (it depends only on
  // that row's conductances inside its crossbar), then each cell's read value and noise variance. The per-cell work
  // runs in the WebAssembly kernel (wasm/program.ts, the same numbers bit for bit); the stuck cells (stuckCells.ts)
  // then take G_off or G_on here.
  const n = rows * cols;
  // The programming draws first: memoNormalRng draws them in the programming kernel, which may grow its memory
  // (heap views taken before would be detached).
  const perCell = (programSigma > 0 ? 1 : 0) + (spread ? 1 : 0);
  // The drift draws copied (the stuck cells read them after the kernel): a stream's block may be a view of a buffer
  // the next draw of any stream reuses (normalMemo.ts), here the programming draws'.
  const driftDrawn = cd ? programDraws(driftRng!, 2 * n).slice() : null;
  const drawn = perturbed && perCell > 0 ? programDraws(programRng!, n * perCell) : null;
  const kern = programKernel();
  const heap = kern.heap;
  const mark = heap.mark();
  const stride = Math.ceil(cols / 4) * 4;
  const { block, position } = layout ?? plainLayout(cols, size);
  let blocks = 0;
  for (let c = 0; c < cols; c++) blocks = Math.max(blocks, block[c] + 1);
  const pLevels = heap.alloc(n);
  const pG = heap.alloc(8 * n);
  const pBlock = heap.alloc(4 * cols);
  const pPosition = heap.alloc(4 * cols);
  const pBase = heap.alloc(8 * blocks);
  const pTheta = heap.alloc(8 * rows * blocks);
  const pDenom = heap.alloc(8 * rows * blocks);
  const pCell = heap.alloc(4 * rows * stride);
  const pNoise = sigma > 0 ? heap.alloc(4 * rows * stride) : 0;
  const pTables = heap.alloc(8 * 5 * LEVEL_TABLE);
  const pDriftParams = heap.alloc(8 * 7);
  const pRf = heap.alloc(8 * cols);
  const blockCells = Math.min(n, DRAW_BLOCK_CELLS);
  const pDraws = drawn ? heap.alloc(8 * blockCells * perCell) : 0;
  const pDriftDraws = driftDrawn ? heap.alloc(16 * blockCells) : 0;
  heap.u8(pLevels, n).set(levels.subarray(0, n));
  heap.i32(pBlock, cols).set(block);
  heap.i32(pPosition, cols).set(position);

  // Per level (a cell's target depends on its level only): stack and device conductance and the spread's sigma,
  // computed once per level with the same expressions a per-cell evaluation would use.
  const top = kern.fn.maxLevel(pLevels, n);
  const tables = heap.f64(pTables, 5 * LEVEL_TABLE);
  const levelStack = tables.subarray(0, LEVEL_TABLE);
  const levelDevice = tables.subarray(LEVEL_TABLE, 2 * LEVEL_TABLE);
  const levelSpread = tables.subarray(2 * LEVEL_TABLE, 3 * LEVEL_TABLE);
  const levelNuMean = tables.subarray(3 * LEVEL_TABLE, 4 * LEVEL_TABLE);
  const levelNuSigma = tables.subarray(4 * LEVEL_TABLE);
  for (let k = 0; k <= top; k++) {
    levelStack[k] = cl.stackOff_S + k * cl.deltaG_S;
    levelDevice[k] = deviceConductance(levelStack[k], rAcc);
    levelSpread[k] = spread ? spread(levelDevice[k]) : 0;
    const nu = cd ? nuStats(cd, levelDevice[k]) : null;
    levelNuMean[k] = nu ? nu.mean : 0;
    levelNuSigma[k] = nu ? nu.sigma : 0;
  }
  if (cd) {
    const m = cd.model;
    heap.f64(pDriftParams, 7).set([cd.lnTime, cd.noiseTime, cd.invGMax_perS, m.qsCoefficient_relative, m.qsExponent, m.qsPowerFloor, m.qsMax_relative]);
  }
  // The cells in blocks, so the programming draws pass through a small region of the kernel's memory instead of a
  // copy of all of them (13 MB for mlp-mnist, most of it fresh pages in a one-shot run).
  for (let k0 = 0; k0 < n; k0 += blockCells) {
    const cells = Math.min(blockCells, n - k0);
    if (pDraws) heap.f64(pDraws, cells * perCell).set(drawn!.subarray(k0 * perCell, (k0 + cells) * perCell));
    if (pDriftDraws) heap.f64(pDriftDraws, 2 * cells).set(driftDrawn!.subarray(2 * k0, 2 * (k0 + cells)));
    kern.fn.cellConductances(cells, pLevels + k0, pDraws, programSigma, spread !== null, pTables, pTables + 8 * LEVEL_TABLE,
      pTables + 16 * LEVEL_TABLE, drift, rAcc, perturbed, pG + 8 * k0, cd !== null, pDriftDraws, pTables + 24 * LEVEL_TABLE,
      pTables + 32 * LEVEL_TABLE, pDriftParams);
  }
  if (dev.stuckAtRate > 0 && faults !== null) {
    // A stuck cell ignores its programming (whose draws it still took, in order) and sits at G_off or G_on.
    const stuck = isStuckCells(faults) ? faults : drawStuckCells(faults, n, dev.stuckAtRate, dev.stuckAtOffShare);
    const g = heap.f64(pG, n);
    for (let k = 0; k < stuck.index.length; k++) {
      const i = stuck.index[k];
      const at = stuck.off[k] ? cl.deviceOff_S : cl.deviceOn_S;
      const nu = cd ? nuStats(cd, at) : null;
      g[i] = stackConductance((nu ? driftedConductance(cd!, nu.mean, nu.sigma, at, driftDrawn![2 * i], driftDrawn![2 * i + 1]) : at) * drift, rAcc);
    }
  }
  if (ir) {
    // Row IR geometry: per row and crossbar, the mean conductance along the row line (unmapped cells rest at G_off
    // [inference]) gives theta and the factor's denominator.
    const members = new Int32Array(blocks);
    for (let c = 0; c < cols; c++) members[block[c]]++;
    // With a cellDrift, unmapped cells drift with their mean nu and no 1/f deviation [inference].
    const unusedStack = stackConductance(cl.deviceOff_S * drift * (cd ? Math.exp(-nuStats(cd, cl.deviceOff_S).mean * cd.lnTime) : 1), rAcc);
    const base = heap.f64(pBase, blocks);
    for (let b = 0; b < blocks; b++) base[b] = Math.max(0, size - members[b]) * unusedStack;
    kern.fn.rowSums(rows, cols, pG, pBlock, blocks, pBase, pTheta);
    const theta = heap.f64(pTheta, rows * blocks);
    const denom = heap.f64(pDenom, rows * blocks);
    for (let i = 0; i < rows; i++) {
      for (let b = 0; b < blocks; b++) {
        const t = i * blocks + b;
        theta[t] = Math.acosh(1 + (dev.rWire_ohm * (theta[t] / Math.max(size, members[b]))) / 2);
        denom[t] = Math.cosh(theta[t] * (size + 0.5));
      }
    }
  }
  kern.fn.cellValues(rows, cols, stride, size, pG, pLevels, pBlock, pPosition, pTheta, pDenom, blocks, ir, perturbed, invDelta, g0, sigma,
    rAcc, pCell, pNoise, pRf);
  const cell = slabF32(rows * stride);
  cell.set(heap.f32(pCell, rows * stride));
  const noiseVar = pNoise ? slabF32(rows * stride) : null;
  if (noiseVar) noiseVar.set(heap.f32(pNoise, rows * stride));
  heap.release(mark);

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
  const residence = notResident();
  currentSlabOwner()?.holdBand(residence);
  const band: Band = {
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
    residence,
  };
  // Resident in the read kernel now, while its arrays are still in the processor's caches (it is read next).
  readKernel().prepare(band);
  return band;
}

/** Cells per cellConductances call (their draws: 256 KB per draw per cell). */
const DRAW_BLOCK_CELLS = 32768;

/** Levels per cell are u8: at most 256, the size of the per-level tables. */
const LEVEL_TABLE = 256;

/** Column c in block floor(c / size) at position c mod size (the default ColumnLayout), kept per (cols, size). */
function plainLayout(cols: number, size: number): ColumnLayout {
  const key = cols * 65536 + size;
  let known = PLAIN_LAYOUTS.get(key);
  if (!known) {
    known = { block: Int32Array.from({ length: cols }, (_, c) => Math.floor(c / size)), position: Int32Array.from({ length: cols }, (_, c) => c % size) };
    if (PLAIN_LAYOUTS.size >= 256) PLAIN_LAYOUTS.clear();
    PLAIN_LAYOUTS.set(key, known);
  }
  return known;
}

const PLAIN_LAYOUTS = new Map<number, ColumnLayout>();

/** The next `count` normals of the programming stream, in order (a block where the stream has them). */
function programDraws(programRng: Rng, count: number): Float64Array {
  if (hasNormalBlocks(programRng)) return programRng.normals(count);
  const out = new Float64Array(count);
  for (let d = 0; d < count; d++) out[d] = programRng.normal();
  return out;
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
    readWithIr(band, nActive, withNoise, k.ptr.values, k.ptr.sigma);
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
    for (let j = 0; j < cols; j++) sigma[j] = Math.fround(Math.sqrt(q[j])); // f32, as the kernel's sigmas (finishPlain)
  }
}

/** Where readBandAt writes: views of the read kernel's memory and their byte offsets (stride values each). */
export interface KernelRead {
  readonly values: Float32Array;
  readonly valuesPtr: number;
  /** Null without read noise. */
  readonly sigma: Float32Array | null;
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
  if (band.colAlphaSqPerLevel > 0) readWithIr(band, nActive, withNoise, to.valuesPtr, to.sigmaPtr);
  else {
    if (withNoise) k.gatherSQ(band, nActive);
    else k.gatherS(band, nActive);
    k.finishPlain(band.cols, withNoise, to.valuesPtr, to.sigmaPtr);
  }
}

/**
 * A read with wire resistance: the kernel's column sums, then each column's IR-drop factor (see the header), into
 * the f32 values at `outPtr` and, with noise, the sigmas into `sigmaPtr`.
 */
function readWithIr(band: Band, nActive: number, noise: boolean, outPtr: number, sigmaPtr: number): void {
  const { cols, f1, f2, u } = band;
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
  // a2 above the series limit: the column factor's cosh per active cell, e = sum (cell + g0) cosh(aC u[row]) with
  // aC = sqrt(alphaSq (s[j] + pedestal)), out[j] = e / cosh(aC) - pedestal, in the kernel (V8's cosh, the same bits).
  const ua = k.u;
  for (let a = 0; a < nActive; a++) ua[a] = u[active[a]];
  k.exactColumns(band, nActive, g0, band.colAlphaSqPerLevel, pedestal, outPtr, cols);
}
