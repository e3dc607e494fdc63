/**
 * Exact DC solution of an N x M 1T-1R crossbar with wire resistance on every row and column segment.
 *
 * Circuit (docs/sources.md#circuits-2-3): row i is driven at its left end by an ideal source V_i through one wire segment to its
 * first cell node, and consecutive cell nodes along the row are joined by one segment each. Column j collects into a
 * virtual ground at the bottom: consecutive cell nodes down the column are joined by one segment, and the last node
 * (row N-1) reaches ground through one more. Each cell joins its row node to its column node through the device in
 * series with the access transistor's on-resistance (linear). A row whose transistor is off (no spike) has its cells
 * disconnected; its wire then carries no current.
 *
 * Nodal analysis gives a symmetric positive definite system. It is solved by block Gauss-Seidel with lines as blocks:
 * each sweep solves every active row line exactly (tridiagonal, Thomas algorithm) with the column voltages fixed, then
 * every column line with the row voltages fixed. After a sweep the column equations hold exactly and the row
 * equations are off by g_ij * (change of the column voltage); iteration stops when that KCL residual is at most
 * `tolerance` times the largest cell current scale (V_max * g_max), default 1e-12.
 */
import { ConfigError } from '../../core/errors.js';
import { stackConductance } from './device.js';

export interface CrossbarCircuit {
  readonly rows: number;
  readonly cols: number;
  /** rows x cols device (memristor) conductances, row-major. */
  readonly conductance_S: Float64Array;
  /** Access-transistor on-resistance in series with every device. */
  readonly rAccess_ohm: number;
  /** Wire resistance per segment along a row and along a column. */
  readonly rRow_ohm: number;
  readonly rCol_ohm: number;
}

export interface SolveOptions {
  /** Stop when the largest KCL residual is below tolerance * V_max * g_max (default 1e-12). */
  readonly tolerance?: number;
  readonly maxSweeps?: number;
}

export interface CrossbarSolution {
  /** Current into each column's virtual ground. */
  readonly columnCurrent_A: Float64Array;
  /** rows x cols node voltages on the row wires (inactive rows: their source voltage) and on the column wires. */
  readonly rowNode_V: Float64Array;
  readonly colNode_V: Float64Array;
  readonly sweeps: number;
  /** Largest KCL residual at the end, relative to V_max * g_max. */
  readonly relativeResidual: number;
}

/** Solve for node voltages and column currents given row voltages; rowActive[i] = 0 disconnects row i's cells. */
export function solveCrossbarExact(
  circuit: CrossbarCircuit,
  rowVoltage_V: Float64Array,
  rowActive: Uint8Array | null = null,
  options: SolveOptions = {},
): CrossbarSolution {
  const { rows: n, cols: m, rRow_ohm, rCol_ohm } = circuit;
  if (circuit.conductance_S.length !== n * m) {
    throw new ConfigError(`conductance_S: got ${circuit.conductance_S.length} values, expected rows x cols = ${n * m}`);
  }
  if (rowVoltage_V.length !== n) throw new ConfigError(`rowVoltage_V: got ${rowVoltage_V.length} values, expected ${n}`);
  if (!(rRow_ohm >= 0) || !(rCol_ohm >= 0)) {
    throw new ConfigError(`wire resistance: got row ${rRow_ohm}, column ${rCol_ohm}, expected non-negative ohms`);
  }
  const tolerance = options.tolerance ?? 1e-12;
  const maxSweeps = options.maxSweeps ?? 100_000;
  const active = (i: number) => (rowActive ? rowActive[i] !== 0 : true);

  // Cell conductances (device + access transistor in series); zero on inactive rows.
  const g = new Float64Array(n * m);
  let gMax = 0;
  for (let i = 0; i < n; i++) {
    if (!active(i)) continue;
    for (let j = 0; j < m; j++) {
      const gs = stackConductance(circuit.conductance_S[i * m + j], circuit.rAccess_ohm);
      g[i * m + j] = gs;
      if (gs > gMax) gMax = gs;
    }
  }
  let vMax = 0;
  for (let i = 0; i < n; i++) vMax = Math.max(vMax, Math.abs(rowVoltage_V[i]));

  const v = new Float64Array(n * m); // row-wire nodes
  const u = new Float64Array(n * m); // column-wire nodes
  for (let i = 0; i < n; i++) v.fill(rowVoltage_V[i], i * m, (i + 1) * m);
  const rowWire = rRow_ohm > 0;
  const colWire = rCol_ohm > 0;
  const gr = rowWire ? 1 / rRow_ohm : 0;
  const gc = colWire ? 1 / rCol_ohm : 0;
  const scale = vMax * gMax;

  // Thomas-algorithm scratch (a line is at most max(n, m) long).
  const len = Math.max(n, m);
  const cPrime = new Float64Array(len);
  const dPrime = new Float64Array(len);
  const diag = new Float64Array(len);
  const rhs = new Float64Array(len);
  const out = new Float64Array(len);

  let sweeps = 0;
  let residual = 0;
  const iterate = rowWire || colWire;
  while (iterate) {
    sweeps++;
    if (rowWire) {
      for (let i = 0; i < n; i++) {
        if (!active(i)) continue;
        for (let j = 0; j < m; j++) {
          const gij = g[i * m + j];
          diag[j] = gr * (j < m - 1 ? 2 : 1) + gij;
          rhs[j] = gij * u[i * m + j] + (j === 0 ? gr * rowVoltage_V[i] : 0);
        }
        solveTridiagonal(m, -gr, diag, rhs, cPrime, dPrime, out);
        for (let j = 0; j < m; j++) v[i * m + j] = out[j];
      }
    }
    residual = 0;
    if (colWire) {
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < n; i++) {
          const gij = g[i * m + j];
          diag[i] = gc * (i > 0 ? 2 : 1) + gij;
          rhs[i] = gij * v[i * m + j];
        }
        solveTridiagonal(n, -gc, diag, rhs, cPrime, dPrime, out);
        for (let i = 0; i < n; i++) {
          const k = i * m + j;
          const r = Math.abs(g[k] * (out[i] - u[k]));
          if (r > residual) residual = r;
          u[k] = out[i];
        }
      }
    }
    // With a single wire direction one sweep is exact; otherwise iterate to the KCL tolerance.
    if (!rowWire || !colWire || residual <= tolerance * scale || sweeps >= maxSweeps) break;
  }

  const current = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (colWire) current[j] = gc * u[(n - 1) * m + j];
    else {
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i * m + j] * v[i * m + j];
      current[j] = s;
    }
  }
  return {
    columnCurrent_A: current,
    rowNode_V: v,
    colNode_V: u,
    sweeps,
    relativeResidual: scale > 0 ? residual / scale : 0,
  };
}

/** Solve a symmetric tridiagonal system with constant off-diagonal `off` (Thomas algorithm, no pivoting: the
 * matrix is diagonally dominant). */
function solveTridiagonal(
  len: number,
  off: number,
  diag: Float64Array,
  rhs: Float64Array,
  cPrime: Float64Array,
  dPrime: Float64Array,
  out: Float64Array,
): void {
  cPrime[0] = off / diag[0];
  dPrime[0] = rhs[0] / diag[0];
  for (let k = 1; k < len; k++) {
    const denom = diag[k] - off * cPrime[k - 1];
    cPrime[k] = off / denom;
    dPrime[k] = (rhs[k] - off * dPrime[k - 1]) / denom;
  }
  out[len - 1] = dPrime[len - 1];
  for (let k = len - 2; k >= 0; k--) out[k] = dPrime[k] - cPrime[k] * out[k + 1];
}
