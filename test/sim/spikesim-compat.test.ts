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
 * That charges one PE cycle per output neuron per timestep, serially, and T twice: no crossbar parallelism. Our
 * latency stays the read model's (3.6 ms here); docs/simulator.md §7 says so. Not reproduced, not claimed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, flattenConfigObject } from '../../src/hardware/config.js';
import { resolveNetwork } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate } from '../../src/sim/ela/evaluate.js';

const SCRIPT = {
  pes: 48,
  tiles: 6,
  energy_pJ: 3840 * 828.4861472 * 5,
  area_um2: 6 * 596708.2198 + 158720 * 22 * 0.7391 + 139264 * 22 * 0.7391,
  latency_ns: 604159 * 104 * 5,
};

const compat = applyOverrides(defaultConfig(), flattenConfigObject(JSON.parse(readFileSync('configs/spikesim-compat.json', 'utf8'))));
const lists = resolveNetwork(JSON.parse(readFileSync('configs/spikesim-vgg9-ela.network.json', 'utf8')));

describe('SpikeSim ELA script reproduced (configs/spikesim-compat.json)', () => {
  const e = evaluate(lists, compat);

  it('the hand-computed script totals', () => {
    expect(SCRIPT.energy_pJ).toBeCloseTo(15906934.0, 0);
    expect(SCRIPT.area_um2 * 1e-6).toBeCloseTo(8.4255, 4);
    expect(SCRIPT.latency_ns * 1e-6).toBeCloseTo(314.16, 2);
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
    const physical = evaluate(zooNetwork('vgg9-cifar10'), applyOverrides(compat, { 'arch.componentCosts': 'physical' }));
    const spikesim = evaluate(zooNetwork('vgg9-cifar10'), compat);
    expect(physical.energy_pJ).toBeGreaterThan(spikesim.energy_pJ);
  });
});
