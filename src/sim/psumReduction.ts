/**
 * Where an output's partial sums, spread over the tiles of its column block, are added (arch.psumReduction;
 * docs/simulator.md, Interconnect and Buffers; docs/sources.md#psum-reduction). The registry the ELA (forward drain)
 * and the training cost (transposed row sums, SDFA's projection) read: a new reduction is one entry here and its
 * name in PSUM_REDUCTIONS (src/hardware/configTypes.ts).
 *
 * A drain (SumDrain): `tiles` tiles (mean) each hold `bits` bits of sums of the same outputs, `hops` (mean) from the
 * global unit; one sum per output must reach the global unit. tiles - 1 of every output's sums wait for the last
 * one and are written and read once where they are added.
 */
import { ACTION } from './ela/actions.js';
import type { PsumReduction as PsumReductionName } from '../hardware/configTypes.js';

/** Partial sums of the same outputs to be added into one per output at the global unit. */
export interface SumDrain {
  /** Tiles (mean) holding a share of every output's sums. */
  readonly tiles: number;
  /** Bits of sums each of them holds. */
  readonly bits: number;
  /** Links of the serpentine walk (multicast.ts) from the first of those tiles to the last: tiles - 1 when consecutive. */
  readonly links: number;
}

export interface PsumReduction {
  /**
   * NoC bit-hops per bit of one tile's sums at mean hops `hops`, for a drain of `tiles` tiles `links` walk links apart
   * (a SumDrain's fields, passed as numbers: the forward calls this per layer per evaluation, ela/counts.ts).
   */
  bitHopsPerBit(tiles: number, links: number, hops: number): number;
  /** Clocks of a drain (`tiles`, `bits` per tile, `links`: a SumDrain's fields) through the one nocWidth-bit link into the global unit. */
  drainClocks(tiles: number, bits: number, links: number, hops: number, nocWidth_bits: number): number;
  /**
   * The part of drainClocks for which the drain holds that one link: its bits' serialisation (the hops and the
   * chain's links are latency, not occupancy; ela/timing.ts drainWait_ns and linkFloor_ns queue on it).
   */
  serialClocks(tiles: number, bits: number, nocWidth_bits: number): number;
  /** The buffer the waiting sums are written into and read from (ACTION indices). */
  readonly bufferWrite: number;
  readonly bufferRead: number;
  /** bitHopsPerBit is proportional to the hops: a change of mesh rescales it by the hop ratio (src/sim/ela/mesh.ts). */
  readonly proportionalToHops: boolean;
}

/** 'global': every tile's sums cross the link. */
const globalSerialClocks = (tiles: number, bits: number, width: number): number => Math.ceil((tiles * bits) / width);
/** 'chain': one tile's sums (one running sum per output) cross the link. */
const chainSerialClocks = (_tiles: number, bits: number, width: number): number => Math.ceil(bits / width);

export const PSUM_REDUCTION: Readonly<Record<PsumReductionName, PsumReduction>> = {
  /**
   * Every tile sends its sums to the global unit, whose accumulator adds them (NeuroSim Chip.cpp's Gaccumulation);
   * the waiting ones are held in the global buffer [inference]. The tiles' sums share the global link.
   */
  global: {
    bitHopsPerBit: (tiles, _links, hops) => tiles * hops,
    drainClocks: (tiles, bits, _links, hops, width) => hops + globalSerialClocks(tiles, bits, width),
    serialClocks: globalSerialClocks,
    bufferWrite: ACTION.globalBufferWriteBit,
    bufferRead: ACTION.globalBufferReadBit,
    proportionalToHops: true,
  },
  /**
   * The running sum passes along the walk from the first tile to the last (a column block's tiles are consecutive,
   * one link apart): each receiving tile holds it once in its tile buffer, adds its own sums and passes it on; the
   * last sends one sum per output to the global unit [inference]. Latency: the running sums stream through the
   * chain's links, one clock per link; a link carries only its own column block's sums and the blocks' chains work
   * in parallel, so they keep pace with the global link, which serialises one tile's bits (one sum per output):
   * hops + links + bits / width.
   */
  chain: {
    bitHopsPerBit: (_tiles, links, hops) => links + hops,
    drainClocks: (tiles, bits, links, hops, width) => hops + links + chainSerialClocks(tiles, bits, width),
    serialClocks: chainSerialClocks,
    bufferWrite: ACTION.tileBufferWriteBit,
    bufferRead: ACTION.tileBufferReadBit,
    proportionalToHops: false,
  },
};
