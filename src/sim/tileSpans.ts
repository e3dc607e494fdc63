/**
 * The tiles a weight layer's traffic spans (docs/simulator.md, Interconnect): an input bit is needed only by the tiles
 * holding a crossbar row it drives, and an output's partial sums come from the tiles its column block spans.
 * Placement is column-block-major (columnBlockStarts): column block c's row blocks r = 0 .. R - 1 sit in consecutive
 * block slots starts[c] + r, slot b in PE floor(b / blocksPerPe), in tile floor(b / blocksPerTile) with
 * blocksPerTile = blocksPerPe·pesPerTile.
 */

/**
 * Where each column block's R consecutive weight blocks start, in block slots of the layer's tiles. Blocks are packed
 * column block after column block (the fewest PEs and tiles, SpikeSim's count); a column block that would straddle one
 * tile boundary more than its R blocks need (ceil(R / B)) starts at the next tile instead, as a mapper that never splits
 * an output over more tiles than its rows need does (NeuroSim's tile grid), but only when the layer still fits its
 * ceil(weightBlocks / blocksPerPe) PEs and their tiles: the slots skipped are free ones at a tile's end. Greedy, in
 * column-block order.
 */
export function columnBlockStarts(rowBlocks: number, columnBlocks: number, blocksPerPe: number, pesPerTile: number): Int32Array {
  const B = blocksPerPe * pesPerTile;
  const pes = Math.ceil((rowBlocks * columnBlocks) / blocksPerPe);
  const tiles = Math.ceil(pes / pesPerTile);
  const least = Math.ceil(rowBlocks / B);
  const starts = new Int32Array(columnBlocks);
  // Blocks per tile so far: each tile's blocks are packed from its first slot (skipped slots only at a tile's end).
  const filled = new Int32Array(tiles + 1);
  let at = 0;
  for (let c = 0; c < columnBlocks; c++) {
    if (spanOf(at, rowBlocks, B) > least) {
      const boundary = Math.ceil(at / B) * B;
      const rest = (columnBlocks - c) * rowBlocks;
      let usedPes = Math.ceil(rest / blocksPerPe);
      for (let t = 0; t < boundary / B; t++) usedPes += Math.ceil(filled[t] / blocksPerPe);
      if (boundary / B + Math.ceil(rest / B) <= tiles && usedPes <= pes) at = boundary;
    }
    starts[c] = at;
    for (let b = at; b < at + rowBlocks; b++) filled[Math.floor(b / B)]++;
    at += rowBlocks;
  }
  return starts;
}

/** Where a layer's column blocks start (columnPlacement), with the mean tiles and PEs an input bit reaches there. */
export interface ColumnPlacement {
  readonly starts: Int32Array;
  readonly inputTiles: number;
  readonly inputPes: number;
}

/**
 * A layer's placement: columnBlockStarts' alignment where it costs no input bit a tile or a PE (meanInputSpans no
 * higher: an aligned column block can take rows into a tile that held none of them, e.g. 1280 -> 33 on 20 row blocks,
 * whose second column block would send every input to both tiles instead of 12 of 20 row blocks' inputs to one), else
 * the contiguous one. Both hold the same PEs and tiles; the aligned one never spans more tiles per output.
 */
export function columnPlacement(
  layout: RowLayout, crossbarSize: number, rowBlocks: number, columnBlocks: number, blocksPerPe: number, pesPerTile: number,
): ColumnPlacement {
  const contiguous = contiguousStarts(rowBlocks, columnBlocks);
  const plain = meanInputSpans(layout, crossbarSize, rowBlocks, contiguous, blocksPerPe, pesPerTile);
  const aligned = columnBlockStarts(rowBlocks, columnBlocks, blocksPerPe, pesPerTile);
  if (aligned.every((start, c) => start === contiguous[c])) return { starts: contiguous, inputTiles: plain.tiles, inputPes: plain.pes };
  const spans = meanInputSpans(layout, crossbarSize, rowBlocks, aligned, blocksPerPe, pesPerTile);
  // Means of the same integer counts over the same neurons: equal placements' means agree to rounding.
  const noMore = (a: number, b: number): boolean => a <= b * (1 + MEAN_ROUNDING);
  const treeNoLonger = (): boolean => {
    // Tree links per bit (treeLinksPerBit) are piecewise linear in h with corners at integers: no more at every
    // integer h up to the longest gap means no more at every h ≥ 1.
    const blocksPerTile = blocksPerPe * pesPerTile;
    const a = receivingGaps(layout, crossbarSize, rowBlocks, aligned, blocksPerTile);
    const b = receivingGaps(layout, crossbarSize, rowBlocks, contiguous, blocksPerTile);
    const longest = Math.max(0, ...a.gaps, ...b.gaps);
    for (let h = 1; h <= longest; h++) if (!noMore(treeLinksPerBit(a, h), treeLinksPerBit(b, h))) return false;
    return true;
  };
  return noMore(spans.tiles, plain.tiles) && noMore(spans.pes, plain.pes) && treeNoLonger()
    ? { starts: aligned, inputTiles: spans.tiles, inputPes: spans.pes }
    : { starts: contiguous, inputTiles: plain.tiles, inputPes: plain.pes };
}

/**
 * The walk gaps of a layer's receiving sets, per input bit: `reached`, the share of input bits with at least one
 * receiving tile; `gaps[i]` occurs `weights[i]` times per input bit (Σ weights = mean receiving tiles - reached).
 */
export interface ReceivingGaps {
  readonly reached: number;
  readonly gaps: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The walk gaps of a layer's receiving sets on `blocksPerTile`-slot tiles with its column blocks at `starts`
 * (forEachReceivingSet): each set's tiles sorted, the gaps between neighbours weighted by the set's neurons.
 */
export function receivingGaps(layout: RowLayout, crossbarSize: number, rowBlocks: number, starts: Int32Array, blocksPerTile: number): ReceivingGaps {
  const byGap = new Map<number, number>();
  let reached = 0;
  const sorted: number[] = [];
  const neurons = forEachReceivingSet(layout, crossbarSize, rowBlocks, starts, blocksPerTile, (tiles, count, weight) => {
    if (count === 0) return;
    reached += weight;
    sorted.length = 0;
    for (let i = 0; i < count; i++) sorted.push(tiles[i]);
    sorted.sort((x, y) => x - y);
    for (let j = 1; j < count; j++) {
      const gap = sorted[j] - sorted[j - 1];
      byGap.set(gap, (byGap.get(gap) ?? 0) + weight);
    }
  });
  const gaps = Float64Array.from(byGap.keys());
  return { reached: reached / neurons, gaps, weights: Float64Array.from(gaps, (g) => (byGap.get(g) ?? 0) / neurons) };
}

/**
 * Mean NoC links per input bit of a multicast tree at mean hops `hops` (multicast.ts multicastTreeLinks, averaged):
 * reached·h + Σ weight·min(gap, h).
 */
export function treeLinksPerBit(g: ReceivingGaps, hops: number): number {
  let links = g.reached * hops;
  for (let i = 0; i < g.gaps.length; i++) links += g.weights[i] * Math.min(g.gaps[i], hops);
  return links;
}

/** Relative rounding of a mean of integer counts (a few float additions) [inference: double precision]. */
const MEAN_ROUNDING = 1e-12;

/** The contiguous placement (column block c from slot c·R): columnBlockStarts without its alignment. */
export function contiguousStarts(rowBlocks: number, columnBlocks: number): Int32Array {
  return Int32Array.from({ length: columnBlocks }, (_, c) => c * rowBlocks);
}

/** Tiles (units of `perUnit` block slots) spanned by `count` consecutive slots from slot `first`. */
function spanOf(first: number, count: number, perUnit: number): number {
  return Math.floor((first + count - 1) / perUnit) - Math.floor(first / perUnit) + 1;
}

/** How a layer's input neurons land on its crossbar rows: rows = kernel²·channels (a linear layer: kernel 1, stride 1). */
export interface RowLayout {
  readonly channels: number;
  readonly kernel: number;
  readonly stride: number;
}

/**
 * Mean, over a layer's input bits, of the tiles each is delivered to. Rows are ordered (ky, kx, c) as the functional
 * engine's patches (src/snn/graph.ts), so input neuron (c, y, x) drives row (ky·k + kx)·C + c for every kernel
 * offset whose window covers it: with stride s, the offsets with ky ≡ y + pad and kx ≡ x + pad (mod s). Every input
 * neuron carries the same bits (dense spikes, AER events at one rate, the direct layer's bit planes), its position
 * residues are taken as uniform, and neurons at the borders are counted as interior ones (they drive fewer offsets:
 * an upper bound on their tiles). Channels whose rows fall in the same row blocks for every offset are counted once.
 * At PE and at tile granularity (PE p sits in tile floor(p / pesPerTile)) from one enumeration: the PEs each group
 * of input neurons reaches, then their distinct tiles (floor(floor(b / blocksPerPe) / pesPerTile) =
 * floor(b / (blocksPerPe·pesPerTile))): the same sums in the same order as an enumeration per granularity.
 */
export function meanInputSpans(
  layout: RowLayout, crossbarSize: number, rowBlocks: number, starts: Int32Array, blocksPerPe: number, pesPerTile: number,
): { readonly tiles: number; readonly pes: number } {
  const seen = new Int32Array(unitsSpanned(rowBlocks, starts, blocksPerPe * pesPerTile));
  let stamp = 0;
  let pes = 0;
  let tiles = 0;
  const neurons = forEachReceivingSet(layout, crossbarSize, rowBlocks, starts, blocksPerPe, (reached, count, weight) => {
    pes += count * weight;
    stamp++;
    let distinct = 0;
    for (let i = 0; i < count && distinct < seen.length; i++) {
      const t = Math.floor(reached[i] / pesPerTile);
      if (seen[t] !== stamp) {
        seen[t] = stamp;
        distinct++;
      }
    }
    tiles += distinct * weight;
  });
  return { tiles: tiles / neurons, pes: pes / neurons };
}

/**
 * Calls `visit` once per group of input neurons that reach the same tiles (meanInputSpans' enumeration): `tiles`
 * holds the first `count` entries as the group's distinct tiles (layer-local indices, unsorted; the array is reused
 * between calls), `weight` is the group's share of the C·s² neuron classes. Returns C·s² (the weights' total).
 * `starts`: the column blocks' first slots (columnBlockStarts).
 */
export function forEachReceivingSet(
  layout: RowLayout, crossbarSize: number, rowBlocks: number, starts: Int32Array, blocksPerTile: number,
  visit: (tiles: Int32Array, count: number, weight: number) => void,
): number {
  const { channels: C, kernel: k, stride: s } = layout;
  const columnBlocks = starts.length;
  const seen = new Int32Array(unitsSpanned(rowBlocks, starts, blocksPerTile));
  const reached = new Int32Array(seen.length);
  let stamp = 0;
  for (let ry = 0; ry < s; ry++) {
    for (let rx = 0; rx < s; rx++) {
      const offsets: number[] = [];
      for (let ky = ry; ky < k; ky += s) for (let kx = rx; kx < k; kx += s) offsets.push(ky * k + kx);
      if (offsets.length === 0) continue; // a neuron no window covers (kernel < stride) is needed by no tile
      for (let c = 0; c < C;) {
        // The run of channels whose rows stay in the same row block for every offset.
        let run = C - c;
        for (const o of offsets) run = Math.min(run, crossbarSize - ((o * C + c) % crossbarSize));
        stamp++;
        let tiles = 0;
        for (let i = 0; i < offsets.length && tiles < seen.length; i++) {
          const r = Math.floor((offsets[i] * C + c) / crossbarSize);
          for (let cb = 0; cb < columnBlocks; cb++) {
            const t = Math.floor((starts[cb] + r) / blocksPerTile);
            if (seen[t] !== stamp) {
              seen[t] = stamp;
              reached[tiles++] = t;
            }
          }
        }
        visit(reached, tiles, run);
        c += run;
      }
    }
  }
  return C * s * s;
}

/** Units of `perUnit` slots (tiles, or PEs) from slot 0 to the last column block's end. */
function unitsSpanned(rowBlocks: number, starts: Int32Array, perUnit: number): number {
  return starts.length === 0 ? 0 : Math.ceil((starts[starts.length - 1] + rowBlocks) / perUnit);
}

/** How a layer's outputs land on weight columns: output o, slice s is column o·slices + s, column j in column block floor(j / perCrossbar). */
export interface OutputColumns {
  readonly outputs: number;
  readonly slices: number;
  /** Weight columns one crossbar holds (LayerMapping.weightColumnsPerCrossbar). */
  readonly perCrossbar: number;
}

/**
 * Mean, over a layer's outputs, of the tiles (units of `perUnit` block slots: tiles, or PEs) its partial sums come
 * from: those holding its column blocks' row blocks. Output o's slices sit in column blocks floor(o·S / W) ..
 * floor((o·S + S - 1) / W), whose slots run from starts[first] to starts[last] + R - 1 with no unused tile between,
 * so it spans spanOf of that run. Weighted per output: a partly filled last column block counts for the outputs it
 * holds (a drain of T·P·mean·outputs·acc bits is then Σ_o T·P·span_o·acc).
 */
export function meanOutputTiles(rowBlocks: number, starts: Int32Array, perUnit: number, columns: OutputColumns): number {
  const { outputs, slices, perCrossbar } = columns;
  let total = 0;
  for (let o = 0; o < outputs; o++) {
    const first = Math.floor((o * slices) / perCrossbar);
    const last = Math.floor((o * slices + slices - 1) / perCrossbar);
    total += spanOf(starts[first], starts[last] + rowBlocks - starts[first], perUnit);
  }
  return total / outputs;
}
