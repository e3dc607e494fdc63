/**
 * SpikeSim reproduced under its own assumptions (issue 11 item 5; docs/simulator.md §7): configs/spikesim-compat.json
 * on the script's own layer lists (configs/spikesim-vgg9-ela.network.json) against SpikeSim's ELA script
 * (Intelligent-Computing-Lab-Yale/SpikeSim, SNN_train_infer_quantization_ela/ela_spikesim.py, its VGG9 example),
 * whose totals are computed here by hand from its formulas.
 *
 * The script's example: in_ch [3,64,64,128,128,256,256], out_ch [64,64,128,128,256,256,256],
 * in_dim [32,32,16,16,8,8,8], out_dim [32,16,16,8,8,8,4], xbar 64, k 3, 8 PEs per tile, T = 5, 250 MHz.
 *
 * PEs: ceil(in/64)·ceil(out/64) = 1, 1, 2, 4, 8, 16, 16 -> 48.  Tiles: 48 / 8 = 6 (layers share tiles).
 *
 * Energy per PE cycle (pJ), compute_energy:
 *   PE_ar = k²·xbar + (X/8)(ADC + MUX) = 9·1.76423 + 8·(2.03084 + 0.094245) = 15.87807 + 17.00068 = 32.87875
 *   PE_cycle = Htree 157.12 + mem_fetch 4.64 + neuron 5.096 + (X/8)·PE_ar 263.0300 + (X/8)·16·Sub 0.0001472
 *              + (X/8)·Temp_Buff 1.6 + Tile_buff 397 = 828.4861472
 *   PE cycles per timestep: Σ ceil(out/64)·ceil(in/64)·out_dim² = 1024 + 256 + 512 + 256 + 512 + 1024 + 256 = 3840
 *   energy = 3840 · 828.4861472 · 5 = 15,906,934.0 pJ = 15.907 µJ
 *
 * Area (µm²), compute_area:
 *   PE_ar = 9·26.2144 + 8·(693.633 + 45.9) = 235.9296 + 5916.264 = 6152.1936
 *   tile = 8·13411.41498 (Sub) + 484.643999 (temp) + 0.7391·64·128 (6054.7072) + 8·6152.1936 + 216830·2
 *        = 107291.31984 + 484.643999 + 6054.7072 + 49217.5488 + 433660 = 596,708.2198
 *   tiles: 6 · 596708.2198 = 3,580,249.32
 *   input memory: Σ in_ch·in_dim² = 3·1024 + 64·1024 + 64·256 + 128·256 + 128·64 + 256·64 + 256·64 = 158,720
 *                 · 22 · 0.7391 = 2,580,819.1
 *   neuron memory (first 5 layers): 65536 + 16384 + 32768 + 8192 + 16384 = 139,264 · 22 · 0.7391 = 2,264,460.7
 *   total = 8,425,529.1 µm² = 8.4255 mm²
 *
 * Latency (ns), latency_gen: it prints per layer (out_dim²·out_ch·T − 1)·PE_cycle·T with PE_cycle = 26 clocks =
 * 104 ns; layer i starts when layer i−1 is 75% done, so end to end (halts[6] − starts[0])·104·5 with
 * halts[6] = 4096·5 + 5·0.75·(65536 + 16384 + 32768 + 8192 + 16384 + 16384) = 604,160: 604,159·520 = 314.16 ms.
 *   neurons out_dim²·out_ch: 65536, 16384, 32768, 8192, 16384, 16384, 4096
 *   printed per layer (n·5 − 1)·520: 170,393,080; 42,597,880; 85,196,280; 21,298,680; 42,597,880; 42,597,880;
 *   10,649,080 ns (Σ 415.33 ms)
 *   starts 1, 245,761, 307,201, 430,081, 460,801, 522,241, 583,681; halts 327,680, 327,680, 471,040, 471,040, 542,720,
 *   604,160, 604,160 (halts[6] is the last)
 * That charges one PE cycle per output neuron per timestep, serially, and T twice: no crossbar parallelism.
 * arch.timing = spikesim-ela (src/sim/ela/spikesimTiming.ts) computes it from the mapping; the read model gives 3.62 ms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { flattenConfigObject } from '../../src/hardware/configFile.js';
import { resolveNetwork } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, evaluateTotals } from '../../src/sim/ela/evaluate.js';
import { TIMING_MODELS } from '../../src/sim/ela/timingModels.js';
import { spikesimLayerLatency_ns, spikesimNeurons, spikesimScheduleShares } from '../../src/sim/ela/spikesimTiming.js';

const SCRIPT = {
  pes: 48,
  tiles: 6,
  energy_pJ: 3840 * 828.4861472 * 5,
  area_um2: 6 * 596708.2198 + 158720 * 22 * 0.7391 + 139264 * 22 * 0.7391,
  latency_ns: 604159 * 104 * 5,
  neurons: [65536, 16384, 32768, 8192, 16384, 16384, 4096],
  layerwise_ns: [170393080, 42597880, 85196280, 21298680, 42597880, 42597880, 10649080],
  starts: [1, 245761, 307201, 430081, 460801, 522241, 583681],
};

const compat = applyOverrides(defaultConfig(), flattenConfigObject(JSON.parse(readFileSync('configs/spikesim-compat.json', 'utf8'))));
const lists = resolveNetwork(JSON.parse(readFileSync('configs/spikesim-vgg9-ela.network.json', 'utf8')));

describe('SpikeSim ELA script reproduced (configs/spikesim-compat.json)', () => {
  const e = evaluate(lists, compat);

  it('the hand-computed script totals', () => {
    expect(SCRIPT.energy_pJ).toBeCloseTo(15906934.0, 0);
    expect(SCRIPT.area_um2 * 1e-6).toBeCloseTo(8.4255, 4);
    expect(SCRIPT.latency_ns * 1e-6).toBeCloseTo(314.16, 2);
    SCRIPT.neurons.forEach((n, i) => expect((n * 5 - 1) * 104 * 5).toBe(SCRIPT.layerwise_ns[i]));
    SCRIPT.neurons.forEach((n, i) => expect(SCRIPT.starts[i]).toBe(1 + SCRIPT.neurons.slice(0, i).reduce((a, m) => a + Math.floor(0.75 * m) * 5, 0)));
  });

  it('latency: the script exactly (arch.timing=spikesim-ela; within 10%: 0.0%)', () => {
    expect(e.latency_ns).toBe(SCRIPT.latency_ns);
    expect(e.breakdown.latency_ns.crossbar).toBe(SCRIPT.latency_ns);
    // Each layer is charged until the next starts (75% of its PE cycles), the last until the last halt.
    const unit = 104 * 5;
    e.layers.slice(0, -1).forEach((l, i) => expect(l.latency_ns).toBe((SCRIPT.starts[i + 1] - SCRIPT.starts[i]) * unit));
    expect(e.layers[6].latency_ns).toBe((604160 - SCRIPT.starts[6]) * unit);
  });

  it("the script's printed per-layer latencies from the mapping's output neurons", () => {
    e.layers.forEach((layer, i) => {
      if (!layer.mapping) throw new Error(`layer ${i} has no mapping`);
      expect(spikesimNeurons(layer.mapping)).toBe(SCRIPT.neurons[i]);
      expect(spikesimLayerLatency_ns(SCRIPT.neurons[i], compat)).toBe(SCRIPT.layerwise_ns[i]);
    });
  });

  it('schedule shares: one layer is its own n·T − 1; an earlier layer that halts last sets the end', () => {
    expect(spikesimScheduleShares([10], 3)).toEqual([29]);
    // n = [100, 4], T = 1: starts 1, 76; halts 100, 79: the span ends at the first layer's halt (100 − 1 = 99).
    expect(spikesimScheduleShares([100, 4], 1)).toEqual([75, 24]);
    expect(spikesimScheduleShares([], 5)).toEqual([]);
  });

  it('the read model is the default and gives the parallel read timing (3.62 ms here); totals-only agrees', () => {
    expect(defaultConfig().arch.timing).toBe('read-model');
    expect(TIMING_MODELS['read-model'].note).toBeUndefined();
    expect(TIMING_MODELS['spikesim-ela'].note).toMatch(/no crossbar parallelism/); // `cosearch evaluate` prints it
    const read = evaluate(lists, applyOverrides(compat, { 'arch.timing': 'read-model' }));
    expect(read.latency_ns * 1e-6).toBeCloseTo(3.6184, 3);
    expect(read.energy_pJ).toBe(e.energy_pJ);
    expect(SCRIPT.latency_ns / read.latency_ns).toBeGreaterThan(80);
    const totals = evaluateTotals(lists, compat);
    expect(totals.latency_ns).toBe(e.latency_ns);
    expect(totals.breakdown).toEqual(e.breakdown);
  });

  it('refuses what the script cannot time: pipelined dataflow, weight copies, training', () => {
    expect(() => evaluate(lists, applyOverrides(compat, { 'arch.dataflow': 'pipelined' }))).toThrow(/arch\.dataflow: got pipelined, expected layer with arch\.timing=spikesim-ela/);
    expect(() => evaluate(lists, applyOverrides(compat, { 'arch.balance': 'on' }))).toThrow(/arch\.balance: got on/);
    expect(() => evaluate(lists, applyOverrides(compat, { 'layers.conv2.arch.replicate': 2 }))).toThrow(/layers\.conv2\.arch\.replicate: got 2/);
    expect(() => evaluate(lists, applyOverrides(compat, { 'training.algorithm': 'sdfa' }))).toThrow(/training\.algorithm: got sdfa/);
  });

  it('PEs and tiles exactly: 48 PEs packed into 6 shared tiles', () => {
    expect(e.pes).toBe(SCRIPT.pes);
    expect(e.tiles).toBe(SCRIPT.tiles);
  });

  it('energy: the script exactly (within 10%: 0.0%)', () => {
    expect(Math.abs(e.energy_pJ / SCRIPT.energy_pJ - 1)).toBeLessThan(1e-9);
    expect(e.breakdown.energy_pJ.noc).toBe(0);
    expect(e.breakdown.energy_pJ.leakage).toBe(0);
  });

  it('area: +3.95%, exactly the U_mem of layers 6 and 7 the script leaves out (it counts the first five)', () => {
    const umemLayers67_um2 = (256 * 8 * 8 + 256 * 4 * 4) * 22 * 0.7391;
    expect(e.area_mm2 * 1e6 - SCRIPT.area_um2).toBeCloseTo(umemLayers67_um2, 0);
    expect(Math.abs(e.area_mm2 * 1e6 / SCRIPT.area_um2 - 1)).toBeLessThan(0.1);
  });

  it('shared tiles use fewer tiles than per-layer tiles on physical costs, and the physical engine costs more', () => {
    const perLayer = evaluate(lists, applyOverrides(compat, { 'arch.tilePacking': 'per-layer' }));
    expect(perLayer.tiles).toBe(1 + 1 + 1 + 1 + 1 + 2 + 2);
    const physical = evaluate(zooNetwork('vgg9-cifar10'), applyOverrides(compat, { 'arch.componentCosts': 'physical', 'arch.timing': 'read-model' }));
    const spikesim = evaluate(zooNetwork('vgg9-cifar10'), compat);
    expect(physical.energy_pJ).toBeGreaterThan(spikesim.energy_pJ);
  });
});
