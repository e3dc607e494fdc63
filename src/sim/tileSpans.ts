/**
 * The tiles a weight layer's traffic spans (docs/simulator.md, Interconnect): an input bit is needed only by the tiles
 * holding a crossbar row it drives, and an output's partial sums come from the tiles its column block spans. Placement is column-block-major (mapping.ts, ela/design.ts): weight block
 * (r, c) is block c·rowBlocks + r, in PE floor(block / blocksPerPe), in tile floor(PE / pesPerTile), i.e. in tile
 * floor(block / blocksPerTile) with blocksPerTile = blocksPerPe·pesPerTile.
 */

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
  layout: RowLayout, crossbarSize: number, rowBlocks: number, columnBlocks: number, blocksPerPe: number, pesPerTile: number,
): { readonly tiles: number; readonly pes: number } {
  const seen = new Int32Array(Math.ceil((rowBlocks * columnBlocks) / (blocksPerPe * pesPerTile)));
  let stamp = 0;
  let pes = 0;
  let tiles = 0;
  const neurons = forEachReceivingSet(layout, crossbarSize, rowBlocks, columnBlocks, blocksPerPe, (reached, count, weight) => {
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
 */
export function forEachReceivingSet(
  layout: RowLayout, crossbarSize: number, rowBlocks: number, columnBlocks: number, blocksPerTile: number,
  visit: (tiles: Int32Array, count: number, weight: number) => void,
): number {
  const { channels: C, kernel: k, stride: s } = layout;
  const seen = new Int32Array(Math.ceil((rowBlocks * columnBlocks) / blocksPerTile));
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
            const t = Math.floor((cb * rowBlocks + r) / blocksPerTile);
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

/**
 * Mean, over a layer's column blocks, of the tiles an output's partial sums come from: column block c holds blocks
 * c·rowBlocks .. c·rowBlocks + rowBlocks - 1, so it spans floor((c·R + R - 1) / B) - floor(c·R / B) + 1 tiles
 * (B = blocksPerTile). A block straddling a tile boundary spans one tile more than ceil(R / B) says. Every column
 * block is taken to carry outputs / columnBlocks outputs (a partial last block is counted as a full one).
 */
export function meanOutputTiles(rowBlocks: number, columnBlocks: number, blocksPerTile: number): number {
  let total = 0;
  for (let c = 0; c < columnBlocks; c++) {
    const first = c * rowBlocks;
    total += Math.floor((first + rowBlocks - 1) / blocksPerTile) - Math.floor(first / blocksPerTile) + 1;
  }
  return total / columnBlocks;
}
