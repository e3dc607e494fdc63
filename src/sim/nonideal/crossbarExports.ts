/** The read kernel's exports (wasm/crossbar.ts), as bandKernel.ts instantiates them. */
export interface CrossbarExports {
  gatherS(cell: number, stride: number, rowStride: number, active: number, nActive: number, s: number): void;
  gatherSQ(cell: number, noise: number, stride: number, rowStride: number, active: number, nActive: number, s: number, q: number): void;
  gatherIr(cell: number, noise: number, stride: number, rowStride: number, active: number, nActive: number, w1: number, w2: number,
    s: number, t1: number, t2: number, q: number): void;
  convertBipolarNoisy(values: number, sigma: number, draws: number, outputs: number, slices: number, sliceWeight: number,
    digital: number, invLsb: number, lsb: number, maxCode: number, planeWeight: number): void;
  convertReads(table: number, nReads: number, draws: number, outputs: number, slices: number, sliceWeight: number, digital: number): void;
  convertPositions(table: number, counts: number, positions: number, draws: number, outputs: number, slices: number, sliceWeight: number,
    digital: number): void;
  convertPositionsSteps(table: number, counts: number, positions: number, draws: number, outputs: number, slices: number, sliceWeight: number,
    digital: number, steps: number, stepDraws: number): void;
  finishIr(cols: number, s: number, t1: number, t2: number, q: number, withNoise: boolean, pedestal: number, alphaSq: number,
    pedF1: number, pedF2: number, seriesLimit: number, out: number, sigma: number): number;
  gatherFinishIr(cell: number, noise: number, stride: number, rowStride: number, active: number, nActive: number, w1: number, w2: number,
    s: number, t1: number, t2: number, q: number, cols: number, pedestal: number, alphaSq: number, pedF1: number, pedF2: number,
    seriesLimit: number, out: number, sigma: number): number;
  gatherFinishPairIr(cell: number, noise: number, rowStride: number, active: number, nActive: number, w1: number, w2: number, cols: number,
    pedestal: number, alphaSq: number, pedF1: number, pedF2: number, seriesLimit: number, out: number, sigma: number): number;
  finishPlain(cols: number, s: number, q: number, withNoise: boolean, out: number, sigma: number): void;
  exactColumns(cell: number, rowStride: number, active: number, nActive: number, u: number, g0: number, alphaSq: number, pedestal: number,
    s: number, out: number, cols: number): void;
  pairCombine(values: number, sigma: number, cols: number, withSigma: boolean): void;
  setState(s0: number, s1: number, s2: number, s3: number): void;
  getState(k: number): number;
  fillNormals(out: number, n: number, kn: number, wn: number, fn: number, squeeze: number): void;
  fillNormalsF32(out: number, n: number, kn: number, wn: number, fn: number, squeeze: number): void;
  readBands(table: number, nBands: number, x: number, inputs: number, direct: boolean, maxCode: number, xInt: number, lastInt: number,
    hasLast: boolean, planes: number, lists: number, listCap: number, planeCount: number, values: number, sigma: number, stride: number,
    cols: number, totalCols: number, w1: number, w2: number, s: number, t1: number, t2: number, q: number, seriesLimit: number,
    exact: number): number;
  readPositions(from: number, positions: number, xs: number, slots: number, flags: number, state: number, recs: number, counts: number,
    conv: number, reads: number, noisy: boolean, table: number, nBands: number, inputs: number, direct: boolean, maxCode: number,
    xInt: number, planes: number, lists: number, listCap: number, stride: number, cols: number, totalCols: number, w1: number, w2: number,
    s: number, t1: number, t2: number, q: number, seriesLimit: number, exact: number): number;
  gatherPositions(input: number, gather: number, n: number, out: number): void;
  scaleOutputs(digital: number, n: number, scale: number, out: number): void;
}

export const CROSSBAR_FUNCTIONS: (keyof CrossbarExports)[] = ['gatherS', 'gatherSQ', 'gatherIr', 'convertBipolarNoisy', 'convertReads', 'convertPositions', 'convertPositionsSteps', 'finishIr', 'gatherFinishIr', 'gatherFinishPairIr', 'finishPlain',
  'pairCombine', 'setState', 'getState', 'fillNormals', 'fillNormalsF32', 'readBands', 'exactColumns',
  'readPositions', 'gatherPositions', 'scaleOutputs'];
