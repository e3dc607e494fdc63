import { describe, expect, it } from 'vitest';
import { solveCrossbarExact, type CrossbarCircuit } from '../../../src/sim/nonideal/crossbar.js';
import { stackConductance } from '../../../src/sim/nonideal/device.js';
import { CIRCUITS_TABLE_CASES, validateIrModel } from '../../../src/sim/nonideal/validate.js';

const V = 0.1;
const rA = 5e3; // access transistor, 0.25 * 20 kOhm
const r = 5; // wire segment

function circuit(rows: number, cols: number, resistances_ohm: number[], rRow = r, rCol = r): CrossbarCircuit {
  return { rows, cols, conductance_S: Float64Array.from(resistances_ohm, (R) => 1 / R), rAccess_ohm: rA, rRow_ohm: rRow, rCol_ohm: rCol };
}

/** Dense nodal analysis (Gaussian elimination) of the same circuit, written independently of the solver. */
function denseSolve(rows: number, cols: number, cellR: number[], voltages: number[], active: number[], rRow: number, rCol: number): number[] {
  const nodes = 2 * rows * cols; // row node (i,j) -> i*cols+j; column node -> rows*cols + i*cols + j
  const A = Array.from({ length: nodes }, () => new Array<number>(nodes + 1).fill(0));
  const link = (a: number, b: number | null, g: number, vb = 0) => {
    A[a][a] += g;
    if (b === null) A[a][nodes] += g * vb; // to a fixed voltage
    else A[a][b] -= g;
  };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const rn = i * cols + j;
      const cn = rows * cols + rn;
      // row wire: towards the source (j = 0) or the previous node, and to the next node
      if (j === 0) link(rn, null, 1 / rRow, voltages[i]);
      else link(rn, rn - 1, 1 / rRow);
      if (j < cols - 1) link(rn, rn + 1, 1 / rRow);
      // column wire: up, and down (to ground below the last row)
      if (i > 0) link(cn, cn - cols, 1 / rCol);
      if (i < rows - 1) link(cn, cn + cols, 1 / rCol);
      else link(cn, null, 1 / rCol, 0);
      if (active[i]) {
        const g = 1 / (cellR[rn] + rA);
        link(rn, cn, g);
        link(cn, rn, g);
      }
    }
  }
  for (let k = 0; k < nodes; k++) {
    let p = k;
    for (let q = k + 1; q < nodes; q++) if (Math.abs(A[q][k]) > Math.abs(A[p][k])) p = q;
    [A[k], A[p]] = [A[p], A[k]];
    for (let q = k + 1; q < nodes; q++) {
      const f = A[q][k] / A[k][k];
      for (let c = k; c <= nodes; c++) A[q][c] -= f * A[k][c];
    }
  }
  const x = new Array<number>(nodes).fill(0);
  for (let k = nodes - 1; k >= 0; k--) {
    let s = A[k][nodes];
    for (let c = k + 1; c < nodes; c++) s -= A[k][c] * x[c];
    x[k] = s / A[k][k];
  }
  return Array.from({ length: cols }, (_, j) => x[rows * cols + (rows - 1) * cols + j] / rCol);
}

describe('solveCrossbarExact on circuits solvable by hand', () => {
  it('1x1: one series path source - wire - device - transistor - wire - ground', () => {
    const sol = solveCrossbarExact(circuit(1, 1, [20e3]), Float64Array.from([V]));
    expect(sol.columnCurrent_A[0]).toBeCloseTo(V / (r + 20e3 + rA + r), 15);
    expect(sol.columnCurrent_A[0] / (V / 25010)).toBeCloseTo(1, 12);
  });

  it('1x2: one row feeding two columns (ladder reduction)', () => {
    const R0 = 20e3;
    const R1 = 50e3;
    const sol = solveCrossbarExact(circuit(1, 2, [R0, R1]), Float64Array.from([V]));
    const b0 = R0 + rA + r; // cell 0 branch down to ground
    const b1 = r + R1 + rA + r; // row segment to cell 1, then down
    const total = V / (r + (b0 * b1) / (b0 + b1));
    const node0 = V - r * total;
    expect(sol.columnCurrent_A[0] / (node0 / b0)).toBeCloseTo(1, 12);
    expect(sol.columnCurrent_A[1] / (node0 / b1)).toBeCloseTo(1, 12);
  });

  it('2x1: two rows into one column (two-node KCL by Cramer)', () => {
    const [R0, R1] = [20e3, 80e3];
    const [V0, V1] = [0.1, 0.05];
    const sol = solveCrossbarExact(circuit(2, 1, [R0, R1]), Float64Array.from([V0, V1]));
    // Column nodes u0 (row 0, far) and u1 (row 1, next to ground); g_i = 1 / (r + R_i + rA), gc = 1 / r.
    const g0 = 1 / (r + R0 + rA);
    const g1 = 1 / (r + R1 + rA);
    const gc = 1 / r;
    // (g0 + gc) u0 - gc u1 = g0 V0 ;  -gc u0 + (g1 + 2 gc) u1 = g1 V1
    const det = (g0 + gc) * (g1 + 2 * gc) - gc * gc;
    const u1 = ((g0 + gc) * g1 * V1 + gc * g0 * V0) / det;
    expect(sol.columnCurrent_A[0] / (gc * u1)).toBeCloseTo(1, 10);
  });

  it('2x2 and 3x4 match an independent dense nodal solve, also with a disconnected row', () => {
    const cases: [number, number, number[], number[], number[]][] = [
      [2, 2, [20e3, 200e3, 50e3, 30e3], [0.1, 0.1], [1, 1]],
      [2, 2, [20e3, 200e3, 50e3, 30e3], [0.1, 0.1], [1, 0]],
      [3, 4, [20e3, 30e3, 40e3, 50e3, 60e3, 70e3, 80e3, 90e3, 100e3, 110e3, 120e3, 200e3], [0.1, 0.08, 0.1], [1, 0, 1]],
    ];
    for (const [rows, cols, R, volts, act] of cases) {
      const sol = solveCrossbarExact(circuit(rows, cols, R), Float64Array.from(volts), Uint8Array.from(act));
      const ref = denseSolve(rows, cols, R, volts, act, r, r);
      for (let j = 0; j < cols; j++) expect(sol.columnCurrent_A[j] / ref[j]).toBeCloseTo(1, 9);
      expect(sol.relativeResidual).toBeLessThanOrEqual(1e-12);
    }
  });

  it('2x2 with row 1 disconnected equals 1x2 with doubled column wire', () => {
    const R = [20e3, 50e3, 30e3, 40e3];
    const a = solveCrossbarExact(circuit(2, 2, R), Float64Array.from([V, V]), Uint8Array.from([1, 0]));
    const b = solveCrossbarExact(circuit(1, 2, R.slice(0, 2), r, 2 * r), Float64Array.from([V]));
    for (let j = 0; j < 2; j++) expect(a.columnCurrent_A[j] / b.columnCurrent_A[j]).toBeCloseTo(1, 10);
  });

  it('zero wire resistance gives the ideal dot product exactly', () => {
    const rows = 8;
    const cols = 5;
    const R = Array.from({ length: rows * cols }, (_, k) => 20e3 + 7919 * ((k * 37) % 23));
    const volts = Float64Array.from({ length: rows }, (_, i) => 0.1 * ((i % 3) + 1) / 3);
    const act = Uint8Array.from({ length: rows }, (_, i) => (i % 4 === 1 ? 0 : 1));
    const sol = solveCrossbarExact(circuit(rows, cols, R, 0, 0), volts, act);
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) if (act[i]) s += stackConductance(1 / R[i * cols + j], rA) * volts[i];
      expect(sol.columnCurrent_A[j]).toBe(s);
    }
  });
});

describe('fast IR-drop model vs exact solve (docs/sources.md#circuits-2-3 configurations, 4-bit cells, On/Off 10)', () => {
  // Bounds from the measured distribution (docs/nonidealities.md) with ~1.5x headroom; "ignore IR" shows each case
  // is far from trivial.
  const bounds: Record<number, { mean: number; p95: number; max: number }> = {
    32: { mean: 0.003, p95: 0.008, max: 0.012 },
    64: { mean: 0.006, p95: 0.013, max: 0.022 },
    128: { mean: 0.007, p95: 0.02, max: 0.03 },
  };
  for (const c of CIRCUITS_TABLE_CASES) {
    it(`${c.size}x${c.size}, R_on ${c.rOn_ohm / 1e3} kOhm, p ${c.spikeRate}, r ${c.rWire_ohm} Ohm`, () => {
      const res = validateIrModel({ ...c, onOffRatio: 10, bitsPerCell: 4, readVoltage_V: 0.1, trials: 6, seed: 'test' });
      const b = bounds[c.size];
      expect(res.mean).toBeLessThan(b.mean);
      expect(res.p95).toBeLessThan(b.p95);
      expect(res.max).toBeLessThan(b.max);
      // the model is at least 5x better than ignoring IR drop
      expect(res.mean * 5).toBeLessThan(res.ignoreIrError);
    });
  }
});
