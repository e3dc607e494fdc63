/**
 * SpikeSim's ELA-script constants (Intelligent-Computing-Lab-Yale/SpikeSim, SNN_train_infer_quantization_ela/
 * ela_spikesim.py; docs/sources.md#circuits-3-5), used only under `arch.componentCosts = 'spikesim-ela'` to reproduce
 * the script under its own assumptions (docs/simulator.md §7). They are the script's numbers as it states them: fixed
 * per PE cycle (one PE read of one output position in one timestep) or per tile, independent of bits, activity,
 * wire length or node (the script names no node; they are taken as they are, not scaled).
 */

/** Energy per PE cycle, pJ (compute_energy, device 'rram'). */
export const SPIKESIM_ENERGY_pJ = {
  /** One crossbar read slot (one of the X/8 mux steps). */
  crossbarSlot: 1.76423,
  adcConversion: 2.03084,
  muxConversion: 0.094245,
  /** "Sub" (shift-and-subtract), per converter per PE cycle times 16. */
  subtract: 1.15e-6,
  /** Temp buffer, per converter per PE cycle. */
  tempBuffer: 0.2,
  /** Tile buffer, per PE cycle. */
  tileBuffer: 397,
  /** H-tree, per PE cycle (19.64 x 8). */
  htree: 19.64 * 8,
  /** Input fetch, per PE cycle. */
  memFetch: 4.64,
  /** Neuron update, per PE cycle (1.274 x 4). */
  neuron: 1.274 * 4,
} as const;

/** Areas, µm² (compute_area, device 'rram'). */
export const SPIKESIM_AREA_um2 = {
  /** One 64x64 RRAM crossbar. */
  crossbar: 26.2144,
  adc: 693.633,
  /** 8:1 column mux per converter. */
  mux: 45.9,
  /** "Sub" unit per converter lane per tile. */
  subtract: 13411.41498,
  /** Temp buffer per tile. */
  tempBuffer: 484.643999,
  /** H-tree per tile (216,830 x 2). */
  htreePerTile: 216830 * 2,
  /** Memory bit (tile buffer 0.7391 x 64 x 128 per KB, input and neuron memories x 22 bits). */
  memoryBit: 0.7391,
} as const;

/** Bits per stored input activation in the script's input memory (x 22 per in_ch·in_dim² activation). */
export const SPIKESIM_INPUT_ACTIVATION_BITS = 22;

/** One PE cycle in clocks (`PE_cycle = 26*(1000/clk_freq)` ns at the script's clk_freq = 250 MHz: 104 ns). */
export const SPIKESIM_PE_CYCLE_clocks = 26;

/**
 * Fraction of a layer's PE cycles after which the next layer starts (latency_gen's `cp = [0.75, ...]` checkpoints:
 * layer i starts when int(0.75·out_dim²·out_ch)·T PE cycles of layer i-1 are done).
 */
export const SPIKESIM_LAYER_OVERLAP = 0.75;
