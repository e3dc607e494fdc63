/**
 * NoC links of a multicast tree that delivers a layer's input bit to its receiving tiles (arch.nocMulticast =
 * 'tree'; docs/simulator.md, Interconnect).
 *
 * Placement [inference]: the chip's tiles are numbered in layer order along a serpentine walk of the k x k mesh,
 * k = ceil(√tiles) (row 0 left to right, row 1 right to left, ...), so consecutive tiles are mesh neighbours and
 * tiles i < j are at most j - i links apart; the global unit sits at the mesh centre, meanHops (interconnect.ts)
 * from a tile on average, the distance a unicast copy travels. A bit for the layer's receiving tiles t1 < ... < tm
 * travels h = meanHops to the group and on along the walk from each receiver to the next, unless a fresh branch
 * from the global unit (h) is shorter: the minimum spanning tree of the global unit and the receivers under those
 * distances, h + Σ_j min(t_{j+1} - t_j, h) links (Kruskal on a path plus one node h from all: every gap below h
 * joins its neighbours, each remaining component takes one branch of h). Routers replicate the packet where the
 * branches part. One receiver: h, the unicast copy; m receivers: at most m·h (each branch at most h), and
 * h + m - 1 when they are neighbours. The walk's gap bounds the mesh distance (tiles a row apart are nearer on the
 * mesh): an upper bound on the links.
 */
import type { NocMulticast } from '../hardware/configTypes.js';
import type { ResolvedLayer } from '../model/types.js';
import { COLUMN_STARTS, rowLayout, type LayerMapping } from './mapping.js';
import { receivingGaps, treeLinksPerBit, type ReceivingGaps } from './tileSpans.js';

/** Links of the tree to the receiving tiles `tiles` (layer-local walk indices, any order, distinct) at mean hops `hops`; 0 for none. */
export function multicastTreeLinks(tiles: readonly number[], hops: number): number {
  if (tiles.length === 0) return 0;
  const sorted = [...tiles].sort((a, b) => a - b);
  let links = hops;
  for (let j = 1; j < sorted.length; j++) links += Math.min(sorted[j] - sorted[j - 1], hops);
  return links;
}

/** Links of the tree to `tiles` consecutive tiles (a column block's span; linear in tiles, so exact for a mean too): h + tiles - 1 (h ≥ 1). */
export function runTreeLinks(tiles: number, hops: number): number {
  return hops + tiles - 1;
}

/**
 * Links of the tree to `tiles` receivers `gap` walk links apart (a layer's copies, one tile in each: training's
 * weight update), h + (tiles - 1)·min(gap, h): multicastTreeLinks of [0, gap, 2·gap, ...] in closed form.
 */
export function spacedTreeLinks(tiles: number, gap: number, hops: number): number {
  return tiles > 0 ? hops + (tiles - 1) * Math.min(gap, hops) : 0;
}

/** The walk gaps of a mapped layer's receiving sets on `pesPerTile`-PE tiles (tileSpans.ts receivingGaps at its column starts). */
export function layerGaps(layer: ResolvedLayer, m: LayerMapping, pesPerTile: number): ReceivingGaps {
  return receivingGaps(rowLayout(layer), m.crossbarSize, m.rowBlocks, m[COLUMN_STARTS], m.blocksPerPe * pesPerTile);
}

/** layerGaps per mapping object (mappings are memoised per shape, plan.ts), recomputed if PEs per tile differ. */
const GAPS = new WeakMap<LayerMapping, { pesPerTile: number; gaps: ReceivingGaps }>();

/** Mean tree links per input bit of a mapped layer's input delivery at mean hops `hops`. */
export function layerTreeLinks(layer: ResolvedLayer, m: LayerMapping, pesPerTile: number, hops: number): number {
  let known = GAPS.get(m);
  if (!known || known.pesPerTile !== pesPerTile) {
    known = { pesPerTile, gaps: layerGaps(layer, m, pesPerTile) };
    GAPS.set(m, known);
  }
  return treeLinksPerBit(known.gaps, hops);
}

/**
 * How a NoC pricing delivers a layer's input bits (arch.nocMulticast): the registry the ELA and the training cost
 * read. A new pricing is one entry here and its name in NOC_MULTICASTS (src/hardware/configTypes.ts).
 */
export interface NocDelivery {
  /** Links per input bit of a mapped layer's delivery at mean hops `hops`; 0 when `bitHops` does not read links. */
  layerLinks(layer: ResolvedLayer, m: LayerMapping, pesPerTile: number, hops: number): number;
  /** Links per bit delivered to `tiles` consecutive tiles (a column block's span: training's errors); 0 likewise. */
  runLinks(tiles: number, hops: number): number;
  /** Links per bit delivered to `tiles` tiles `gap` walk links apart (one in each of a layer's copies: training's update); 0 likewise. */
  spacedLinks(tiles: number, gap: number, hops: number): number;
  /** Copies of each bit the global unit sends into the mesh for `tiles` receivers: what its link serialises. */
  rootCopies(tiles: number): number;
  /**
   * NoC bit-hops of `bits` delivered to `tiles` receiving tiles (mean per bit, each `hops` away; or over `links` links
   * per bit). The sums sent back are priced by the partial-sum reduction (src/sim/psumReduction.ts).
   */
  bitHops(bits: number, tiles: number, links: number, hops: number): number;
  /** The bit-hops are the bits x hops: a change of mesh rescales them by the hop ratio (src/sim/ela/mesh.ts). */
  readonly proportionalToHops: boolean;
}

export const NOC_DELIVERY: Readonly<Record<NocMulticast, NocDelivery>> = {
  /** A copy per receiving tile, each over the mean hops: the pessimistic bound. */
  unicast: {
    layerLinks: () => 0, runLinks: () => 0, spacedLinks: () => 0, rootCopies: (tiles) => tiles,
    bitHops: (bits, tiles, _links, hops) => bits * tiles * hops, proportionalToHops: true,
  },
  /** One packet per bit, replicated where the tree's branches part (multicastTreeLinks). */
  tree: {
    layerLinks: layerTreeLinks, runLinks: runTreeLinks, spacedLinks: spacedTreeLinks, rootCopies: (tiles) => Math.min(tiles, 1),
    bitHops: (bits, _tiles, links) => bits * links, proportionalToHops: false,
  },
};
