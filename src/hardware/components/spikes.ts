/**
 * How spikes travel between layers (NoC, buffers, H-tree): as dense spike maps or as address events (AER).
 *
 * 'dense': one bit per neuron per timestep, spike or not (SpikeSim's accounting; the default).
 * 'aer': one event per spike carrying the address of the neuron that fired, ceil(log2 neurons) bits, as the
 * address-event representation of neuromorphic chips: SpiNNaker's multicast packet is an 8-bit header and a 32-bit
 * routing key naming the source neuron, no time stamp (Furber et al., Proc. IEEE 102(5), 2014); Loihi's spike
 * messages name the destination axon and carry no time either, timesteps being closed by barrier messages through
 * the mesh (Davies et al., IEEE Micro 38(1), 2018). TrueNorth adds a 4-bit delivery tick because its spikes may be
 * delayed up to 15 ticks (Akopyan et al., IEEE TCAD 34(10), 2015); our layer-scheduled dataflow has no axonal delays
 * and runs a layer's timesteps in order, so events carry no tag and each timestep of a spike stream ends with one
 * end-of-timestep marker of the same width (Loihi's barrier) [inference].
 */
export const SPIKE_ENCODINGS = ['dense', 'aer'] as const;
export type SpikeEncoding = (typeof SPIKE_ENCODINGS)[number];

/** Bits of an address naming one of `neurons` neurons (at least 1). */
export function aerAddressBits(neurons: number): number {
  return Math.max(1, Math.ceil(Math.log2(neurons)));
}
