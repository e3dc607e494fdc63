import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/index.js';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { accessDrainCapacitance65nm_F, bitlineCapacitance_F, conductanceLevels } from '../../../src/hardware/components/crossbar.js';
import { SRAM_LEAKAGE_uW_PER_KB, sramCost } from '../../../src/hardware/components/sram.js';
import { energyScaleFrom65nm } from '../../../src/hardware/components/scaling.js';
import { resolveNetwork } from '../../../src/model/index.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { simulateConfiguration } from '../../../src/sim/simulate.js';
import { ACTION, actionVector } from '../../../src/sim/ela/actions.js';
import { countProjection, countTrainingLayer, phaseVectors } from '../../../src/sim/training/counts.js';
import { feedbackMapping, projectionDrain } from '../../../src/sim/training/feedback/index.js';
import { transposedDrain } from '../../../src/sim/training/layers.js';
import { trainingCost, trainingView } from '../../../src/sim/training/index.js';
import { priceTrainingLayer } from '../../../src/sim/training/price.js';
import { unitTimes } from '../../../src/sim/training/pipeline.js';
import { writePulseEnergy_pJ } from '../../../src/sim/training/pulses.js';
import { refusal } from '../../helpers/refusal.js';

const net = zooNetwork('nmnist-fc3');
const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'snn.timesteps': 10, ...o });

describe('training cost', () => {
  it('a training step\'s forward is the inference evaluation at the same settings (dynamic energy and latency), either algorithm and dataflow', () => {
    for (const dataflow of ['layer', 'pipelined']) {
      for (const algorithm of ['bptt', 'sdfa']) {
        const c = config({ 'training.algorithm': algorithm, 'arch.dataflow': dataflow, 'crossbar.size': 128 });
        const inference = evaluate(net, c);
        const t = trainingCost(net, c);
        expect(t.breakdown_pJ.forward).toBe(inference.energy_pJ - inference.breakdown.energy_pJ.leakage);
        expect(t.timing.sample_ns).toBeGreaterThan(inference.latency_ns);
      }
    }
  });

  it('the per-sample breakdown sums to the total, and a batch is B samples', () => {
    const t = trainingCost(net, config({ 'training.algorithm': 'bptt', 'training.batchSize': 32 }));
    const sum = Object.values(t.breakdown_pJ).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(t.energy_pJ_per_sample, 3);
    expect(t.energy_pJ_per_batch).toBeCloseTo(32 * t.energy_pJ_per_sample, 3);
    expect(t.latency_ns_per_batch).toBeCloseTo(t.timing.sample_ns + 31 * t.timing.interval_ns + t.timing.write_ns, 6);
  });

  it('SDFA drops the transposed reads: cheaper error path, shorter-lived state, same weight-gradient additions and writes', () => {
    const b = trainingCost(net, config({ 'training.algorithm': 'bptt', 'arch.dataflow': 'pipelined' }));
    const s = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'arch.dataflow': 'pipelined' }));
    expect(s.breakdown_pJ.errorPath).toBeLessThan(b.breakdown_pJ.errorPath);
    expect(s.stateLifetime_ns).toBeLessThan(b.stateLifetime_ns);
    // The same additions; SDFA's banks of layers 2..L also take their errors, which BPTT's have from the transposed read.
    expect(s.breakdown_pJ.weightGradient).toBeGreaterThan(b.breakdown_pJ.weightGradient);
    const view = trainingView(net, config({ 'training.algorithm': 'bptt' }));
    const [cb, cs] = [phaseVectors(), phaseVectors()];
    for (const l of view.layers) {
      countTrainingLayer(l, config({ 'training.algorithm': 'bptt' }), 'bptt', false, cb);
      countTrainingLayer(l, config({ 'training.algorithm': 'sdfa' }), 'sdfa', false, cs);
      for (const a of [ACTION.gradientAdd, ACTION.gradientBit]) expect(cs.weightGradient[a]).toBe(cb.weightGradient[a]);
    }
    expect(s.writesPerCellPerEpoch).toEqual(b.writesPerCellPerEpoch);
    expect(s.energy_pJ_per_sample).toBeLessThan(b.energy_pJ_per_sample);
    expect(s.latency_ns_per_sample).toBeLessThan(b.latency_ns_per_sample);
    expect(s.feedbackEntries).toBe(10 * 1000);
    expect(b.feedbackEntries).toBe(0);
  });

  it('leakage is power x the batch\'s wall time, even when pipelined samples overlap so that B forwards outlast the batch', () => {
    // nmnist-fc5, SDFA, pipelined, T = 10, batch 128: samples overlap (a 49.6 µs sample every 91.9 µs interval, the
    // shared link's time since 2026-12-06; before, 128 forwards of 43.5 µs = 5.57 ms outlasted a 4.93 ms batch).
    const c = config({ 'training.algorithm': 'sdfa', 'arch.dataflow': 'pipelined', 'training.batchSize': 128 });
    const fc5 = zooNetwork('nmnist-fc5');
    const inference = evaluate(fc5, c);
    const t = trainingCost(fc5, c);
    expect(t.latency_ns_per_batch).toBeLessThan(128 * (t.timing.sample_ns + t.timing.interval_ns));
    expect(t.latency_ns_per_batch).toBeGreaterThan(127 * t.timing.interval_ns);
    const chip_W = (inference.breakdown.energy_pJ.leakage / inference.latency_ns) * 1e-3;
    const train_W = ((t.stateBuffer_bits + t.gradientMemory_bits) / 8192) * SRAM_LEAKAGE_uW_PER_KB * 1e-6;
    // The batch's energy less every dynamic part (the forwards' at the inference's dynamic energy) is its leakage.
    const p = t.breakdown_pJ;
    const dynamic_pJ = 128 * (inference.energy_pJ - inference.breakdown.energy_pJ.leakage + p.stateBuffer + p.errorPath + p.localError + p.weightGradient + p.weightUpdate);
    expect(t.energy_pJ_per_batch - dynamic_pJ).toBeCloseTo((chip_W + train_W) * t.latency_ns_per_batch * 1e3, 2);
  });

  it('writes per cell per epoch ∝ 1/batch (ceil(D/B) updates), lifetime = endurance / max', () => {
    const writes = [1, 8, 64, 512].map((B) => trainingCost(net, config({ 'training.algorithm': 'sdfa', 'training.batchSize': B, 'training.datasetSize': 4096 })));
    for (let i = 1; i < writes.length; i++) {
      expect(writes[i].writesPerCellPerEpoch.mean).toBeLessThan(writes[i - 1].writesPerCellPerEpoch.mean);
      expect(writes[i].writesPerCellPerEpoch.mean * writes[i].batchSize).toBeCloseTo(writes[0].writesPerCellPerEpoch.mean, 6);
    }
    for (const w of writes) expect(w.lifetime_epochs).toBeCloseTo(1e6 / w.writesPerCellPerEpoch.max, 6);
  });

  it('update schemes: at σ = 2 LSB (17 write steps) threshold writes less than open loop (floor vs round); verify takes longer and reads back', () => {
    const at = (scheme: string) => trainingCost(net, config({ 'training.algorithm': 'sdfa', 'training.updateScheme': scheme, 'training.updateSigma_lsb': 2 }));
    const open = at('open-loop');
    expect(at('threshold').writesPerCellPerEpoch.mean).toBeLessThan(open.writesPerCellPerEpoch.mean);
    const verify = at('verify');
    expect(verify.timing.write_ns).toBeGreaterThan(open.timing.write_ns);
    expect(verify.breakdown_pJ.weightUpdate).toBeGreaterThan(open.breakdown_pJ.weightUpdate);
  });

  it('write-pulse width sets the update time: at an equal step count PCM writes (6 µs + 125 ns) / (50 + 50 ns) = 61.25x slower than RRAM, at an equal weight change 47.85x (fewer steps per LSB)', () => {
    // One write step each: σ = 15/128 LSB on RRAM, 15/100 on PCM (4-bit cells). Until 2026-12-06 σ was in write steps.
    const rram = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'training.updateSigma_lsb': 15 / 128 }));
    // PCM's preset loads 3 bits per cell (since 2026-12-06): the comparison names 4 on both.
    const pcm = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'device.kind': 'pcm', 'device.bitsPerCell': 4, 'training.updateSigma_lsb': 0.15 }));
    expect(pcm.timing.write_ns / rram.timing.write_ns).toBeCloseTo(61.25, 6);
    const lsb = (kind: string) => trainingCost(net, config({ 'training.algorithm': 'sdfa', 'device.kind': kind, 'device.bitsPerCell': 4 })).timing.write_ns;
    expect(lsb('pcm') / lsb('rram')).toBeCloseTo(47.85, 2);
  });

  it('a binary device (STT-MRAM, device.pulseLevels = 1) takes at most one pulse per update: 2(1 - Φ(1/2)) pulses per weight at σ = 1', () => {
    const p = 2 * (1 - 0.6914624613);
    const t = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'device.kind': 'sttmram', 'training.batchSize': 128, 'training.datasetSize': 60000 }));
    expect(t.pulsesPerUpdate).toBeCloseTo(p, 7);
    expect(t.writesPerCellPerEpoch.mean).toBeCloseTo(469 * p, 4);
  });

  it('a finite lifetime whenever a cell is written, and a refusal naming σ when no cell is expected to be written in an epoch (open loop, FeFET, σ = 0.0234 LSB)', () => {
    // nmnist-fc3: 469 updates x 3,322,000 cells x 2Q(2.5) = 0.0124 pulses per update at 0.2 write steps (σ = 0.2·15/128 LSB on RRAM).
    const rare = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'training.updateSigma_lsb': 0.2 * 15 / 128 }));
    expect(rare.pulsesPerUpdate).toBeCloseTo(2 * 0.0062096653, 7);
    expect(Number.isFinite(rare.lifetime_epochs)).toBe(true);
    // 0.05 write steps (σ = 0.05·15/32 LSB on FeFET's 32 steps): 2Q(10) = 1.52e-23 pulses per update. Until 2026-12-06 σ = 0.05 was these steps.
    expect(() => trainingCost(net, config({ 'training.algorithm': 'sdfa', 'device.kind': 'fefet', 'training.updateSigma_lsb': 0.05 * 15 / 32 })))
      .toThrow(/^training\.updateSigma_lsb: got 0\.0234375 weight LSBs, expected updates that write at least one cell per epoch under training\.updateScheme=open-loop \(layer fc1's cells: .* so σ is 0\.0500 write steps; 469 updates x 3322000 cells x 1\.52e-23 pulses per update/);
    // Threshold accumulation writes sub-step updates: the same σ trains, with a finite lifetime.
    const threshold = trainingCost(net, config({ 'training.algorithm': 'sdfa', 'training.updateSigma_lsb': 0.01, 'training.updateScheme': 'threshold' }));
    expect(Number.isFinite(threshold.lifetime_epochs)).toBe(true);
  });

  it('is refused when training.algorithm is none, directly and when a metric list names a training metric', () => {
    expect(() => trainingCost(net, config({}))).toThrow(ConfigError);
    expect(() => simulateConfiguration(net, { 'snn.timesteps': 10 }, { metrics: ['trainEnergy_pJ_per_sample'] })).toThrow(/training.algorithm is "none"/);
    const none = simulateConfiguration(net, {}, { metrics: ['energy_pJ'] });
    expect(none.metrics.trainEnergy_pJ_per_sample).toBeNaN();
    const all = simulateConfiguration(net, { 'training.algorithm': 'sdfa' }, { metrics: ['trainEnergy_pJ_per_sample'] });
    expect(all.metrics.trainEnergy_pJ_per_sample).toBe(all.training?.energy_pJ_per_sample);
  });
});

describe('training refuses SpikeSim\'s component costs', () => {
  it('arch.componentCosts = spikesim-ela prices the forward only: one line naming the field, its value and what training needs', () => {
    for (const algorithm of ['bptt', 'sdfa']) {
      expect(refusal(() => trainingCost(net, config({ 'training.algorithm': algorithm, 'arch.componentCosts': 'spikesim-ela' })))).toBe(
        `arch.componentCosts: got spikesim-ela, expected physical with training.algorithm=${algorithm} (SpikeSim's per-PE-cycle constants price no training action)`);
    }
  });
});

describe('training counts: row-side converters are the column converters\' design, multiplexed as they are', () => {
  it('BPTT fc2 (1000 x 1000, 2 slices, 32 column blocks), T = 10, 8-bit errors: 10·8·2·1000·32 = 5,120,000 conversions, each a column switch; none without a mux', () => {
    for (const [columnsPerAdc, mux] of [[8, 5_120_000], [1, 0]]) {
      const c = config({ 'training.algorithm': 'bptt', 'adc.columnsPerAdc': columnsPerAdc });
      const fc2 = trainingView(net, c).layers[1];
      const counts = phaseVectors();
      countTrainingLayer(fc2, c, 'bptt', false, counts);
      expect(counts.errorPath[ACTION.transposedConversion]).toBe(5_120_000);
      expect(counts.errorPath[ACTION.muxSelect]).toBe(mux);
    }
  });

  it('SDFA projection through B in RRAM (10 x 1000, 2 slices): 8·ceil(10/64)·1000·2 = 16,000 conversions, each a column switch', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram' });
    const out = actionVector();
    countProjection(trainingView(net, c).layers, c, 'sdfa', out);
    expect(out[ACTION.feedbackConversion]).toBe(16_000);
    expect(out[ACTION.muxSelect]).toBe(16_000);
  });

  it('converter outputs of the transposed and the feedback reads cross the H-tree, as a forward conversion\'s do: 5 bits each', () => {
    const c = config({ 'training.algorithm': 'bptt' });
    const view = trainingView(net, c);
    const fc2 = view.layers[1];
    expect(fc2.conversionBits).toBe(5);
    const counts = phaseVectors();
    countTrainingLayer(fc2, c, 'bptt', false, counts);
    // Plus the error bits carried into the PE buffers (the delivery tests below): 80,000 x the 4 PEs of a column
    // block; 80 x B's 8 PEs (the G+ and G- twins share a PE: a bit reaches them once).
    expect(counts.errorPath[ACTION.htreeBit]).toBe(5_120_000 * 5 + 80_000 * 4);
    const s = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram' });
    const out = actionVector();
    countProjection(trainingView(net, s).layers, s, 'sdfa', out);
    expect(out[ACTION.htreeBit]).toBe(16_000 * 5 + 80 * 8);
  });
  it('the B projection (rram) drives its word lines as a forward read does: 8 error bits x 10 rows x ceil(2000/64) = 32 column blocks x 2 arrays = 5,120', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram' });
    const layers = trainingView(net, c).layers;
    const out = actionVector();
    countProjection(layers, c, 'sdfa', out);
    expect(out[ACTION.rowDrive]).toBe(5_120);
    for (const storage of ['sram', 'prng']) {
      const d = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': storage });
      countProjection(layers, d, 'sdfa', out);
      expect(out[ACTION.rowDrive]).toBe(0);
    }
  });
});

describe('training counts: the errors reach the arrays as the forward\'s inputs do (global buffer, NoC, PE buffer, H-tree)', () => {
  it('BPTT fc2 (1000 outputs, 16 row blocks x 2 arrays, one tile per column block, 4 hops), T = 10, 8-bit errors: 80,000 bits written, read, sent to 1 tile, read into its column block\'s 4 PEs, fetched by each of 16 row blocks', () => {
    const c = config({ 'training.algorithm': 'bptt' });
    const fc2 = trainingView(net, c).layers[1];
    expect([fc2.m.rowBlocks, fc2.m.arrays, fc2.tileGroups, fc2.hops]).toEqual([16, 2, 1, 4]);
    const counts = phaseVectors();
    countTrainingLayer(fc2, c, 'bptt', false, counts);
    const e = counts.errorPath;
    const bits = 10 * 1000 * 8;
    // The row sums: min(32 column blocks, 16 tiles) tiles each hold 1000 rows x (13 + 8 - 1) bits per timestep; under
    // the global reduction (default) 15 of every row's 16 wait in the global buffer, written and read once.
    expect(transposedDrain(fc2, 8)).toEqual({ tiles: 16, bits: 20_000, links: 15 });
    const waiting = 10 * 15 * 20_000;
    expect(e[ACTION.globalBufferWriteBit]).toBe(bits + waiting);
    expect(e[ACTION.globalBufferReadBit]).toBe(bits + waiting);
    expect(e[ACTION.tileBufferWriteBit]).toBe(bits);
    // Read out of the tile buffer over the H-tree into the 4 PEs of the column block (16 row blocks, 4 pairs per PE),
    // written there, and fetched once per row block from its own PE's buffer (PE-local: no H-tree).
    expect(fc2.m.outputPes).toBe(4);
    expect([e[ACTION.tileBufferReadBit], e[ACTION.peBufferWriteBit], e[ACTION.peBufferReadBit]]).toEqual([bits * 4, bits * 4, bits * 16]);
    // NoC: the errors to the 1 tile of each output's column block, and every tile's row sums back, 4 hops each.
    expect(e[ACTION.nocBitHop]).toBe((bits * 1 + 16 * 10 * 20_000) * 4);
    expect(e[ACTION.htreeBit] - 5_120_000 * fc2.conversionBits).toBe(bits * 4);
    // arch.psumReduction = chain: the running row sums pass the 16 tiles (15 links, each receiving tile buffering
    // them once) and leave the last for the global unit, 4 hops; the drain takes 4 + 15 + 20,000 / 32 clocks per
    // timestep instead of 4 + 16 x 20,000 / 32.
    const ch = config({ 'training.algorithm': 'bptt', 'arch.psumReduction': 'chain' });
    const fc2c = trainingView(net, ch).layers[1];
    countTrainingLayer(fc2c, ch, 'bptt', false, counts);
    expect(counts.errorPath[ACTION.nocBitHop]).toBe(bits * 4 + 10 * 20_000 * (15 + 4));
    expect([counts.errorPath[ACTION.globalBufferWriteBit], counts.errorPath[ACTION.tileBufferWriteBit], counts.errorPath[ACTION.tileBufferReadBit]]).toEqual([bits, bits + waiting, bits * 4 + waiting]);
    const reads_ns = unitTimes(fc2, c, 'bptt').transposed - 10_004 * 4;
    expect(unitTimes(fc2c, ch, 'bptt').transposed).toBeCloseTo(reads_ns + 644 * 4, 9);
    // Without PE buffers each row block's fetch reads the tile buffer and crosses the H-tree, as the forward's does.
    const d = config({ 'training.algorithm': 'bptt', 'arch.buffer_KB.pe': 0 });
    countTrainingLayer(trainingView(net, d).layers[1], d, 'bptt', false, counts);
    expect([counts.errorPath[ACTION.peBufferWriteBit], counts.errorPath[ACTION.peBufferReadBit], counts.errorPath[ACTION.tileBufferReadBit]]).toEqual([0, 0, bits * 16]);
    expect(counts.errorPath[ACTION.htreeBit] - 5_120_000 * fc2.conversionBits).toBe(bits * 16);
  });

  it('shared tile packing leaves the transposed read\'s row sums where they were: a layer\'s share of the tiles never holds fewer than its own ceil(PEs / 8)', () => {
    // share = PEs·ceil(ΣPEs/8)/ΣPEs ≥ PEs/8, so ceil(share) ≥ own tiles: the forward's cap (withSharedTiles) and
    // min(column blocks, own tiles) agree. VGG16: 233 shared tiles, fc1 4 own tiles and a share of 4.002.
    for (const n of ['nmnist-fc3', 'vgg16-cifar10']) {
      const own = trainingView(zooNetwork(n), config({ 'training.algorithm': 'bptt' })).layers;
      const view = trainingView(zooNetwork(n), config({ 'training.algorithm': 'bptt', 'arch.tilePacking': 'shared' }));
      const shared = view.layers;
      shared.forEach((l, i) => {
        expect(Math.ceil((l.m.pes * view.evaluation.tiles) / view.evaluation.pes)).toBeGreaterThanOrEqual(l.m.tiles);
        expect(transposedDrain(l, 8)).toEqual(transposedDrain(own[i], 8));
      });
    }
  });

  it('SDFA\'s e (10 errors x 8 bits) reaches B (rram: 1 row block x 32 column blocks x 2 arrays on 1 tile) and g (1000 sums) drains back over the NoC; sram and prng compute e·B in the lanes that hold e', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram' });
    const layers = trainingView(net, c).layers;
    const b = feedbackMapping(layers, c);
    expect([b.rowBlocks, b.columnBlocks, b.arrays, b.tiles, b.crossbars]).toEqual([1, 32, 2, 1, 64]);
    const out = actionVector();
    countProjection(layers, c, 'sdfa', out);
    for (const a of [ACTION.globalBufferWriteBit, ACTION.globalBufferReadBit, ACTION.tileBufferWriteBit]) expect(out[a]).toBe(80);
    // Read over the H-tree into the 8 PEs of the 32 column blocks (4 per PE), written there, fetched once per column block.
    expect([out[ACTION.tileBufferReadBit], out[ACTION.peBufferWriteBit], out[ACTION.peBufferReadBit]]).toEqual([80 * 8, 80 * 8, 80 * 32]);
    // g drains back to the lanes as forward partial sums do: 1 tile group x 1000 sums of 5 + 4 (top slice) + 0 (one
    // row block) + 8 - 1 (bit-serial error) = 16 bits, 4 hops.
    expect(projectionDrain(layers, c)).toEqual({ tiles: 1, bits: 1000 * 16, links: 0 });
    expect(out[ACTION.nocBitHop]).toBe((80 * 1 + 16_000) * 4);
    expect(out[ACTION.htreeBit] - 16_000 * 5).toBe(80 * 8);
    for (const storage of ['sram', 'prng']) {
      const d = config({ 'training.algorithm': 'sdfa', 'training.feedbackStorage': storage });
      countProjection(layers, d, 'sdfa', out);
      for (const a of [ACTION.globalBufferReadBit, ACTION.nocBitHop, ACTION.peBufferReadBit, ACTION.htreeBit]) expect(out[a]).toBe(0);
    }
  });
});

describe('training counts: the stored spikes and the errors reach the weight-gradient banks beside the crossbars', () => {
  // nmnist-fc3 fc2: 1000 inputs and outputs, 16 row blocks x 32 column blocks on 16 tiles, 1 tile per column block,
  // 4 hops, dense spikes, PE buffers; T = 10, 8-bit errors.
  const A = ACTION;
  const delivered = (algorithm: 'bptt' | 'sdfa', ordinal: number) => {
    // A copy per receiving tile (unicast); the multicast tree's deliveries are test/sim/multicast.test.ts.
    const c = config({ 'training.algorithm': algorithm, 'arch.nocMulticast': 'unicast' });
    const fc2 = trainingView(net, c).layers[1];
    expect([fc2.m.rowBlocks, fc2.m.columnBlocks, fc2.m.inputTiles, fc2.tileGroups, fc2.hops]).toEqual([16, 32, 16, 1, 4]);
    const counts = phaseVectors();
    countTrainingLayer({ ...fc2, ordinal }, c, algorithm, false, counts);
    const w = counts.weightGradient;
    return [A.globalBufferWriteBit, A.globalBufferReadBit, A.tileBufferWriteBit, A.tileBufferReadBit, A.peBufferWriteBit, A.peBufferReadBit, A.nocBitHop, A.htreeBit].map((a) => w[a]);
  };
  it('spikes: 10,000 bits to the 16 tiles (640,000 bit-hops), written by each (160,000), read over the H-tree into the 32 PEs (320,000), fetched by each of 32 column blocks\' banks; no global-buffer read (the state buffer sends them)', () => {
    // BPTT's layer 2: its errors are already in the tiles for the transposed read.
    expect(delivered('bptt', 1)).toEqual([0, 0, 10_000 * 16, 10_000 * 32, 10_000 * 32, 10_000 * 32, 10_000 * 16 * 4, 10_000 * 32]);
  });
  it('errors (SDFA, and BPTT\'s first layer): 80,000 bits written and read, to 1 tile per column block, read over the H-tree into its 4 PEs, fetched by each of 16 row blocks\' banks', () => {
    const spikes = [0, 0, 160_000, 320_000, 320_000, 320_000, 640_000, 320_000];
    const errors = [80_000, 80_000, 80_000, 80_000 * 4, 80_000 * 4, 80_000 * 16, 80_000 * 1 * 4, 80_000 * 4];
    const both = spikes.map((v, i) => v + errors[i]);
    expect(delivered('sdfa', 1)).toEqual(both);
    expect(delivered('bptt', 0)).toEqual(both);
  });
});

describe('training prices: each layer\'s gradient bank is X x X accumulators of its own crossbar size', () => {
  it('nmnist-fc3 with fc2 on 128 x 128 crossbars: fc2\'s accumulator bit at 128²·16 bits = 32 KB, fc1\'s at 64²·16 = 8 KB', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'layers.fc2.crossbar.size': 128 });
    const [fc1, fc2] = trainingView(net, c).layers;
    expect([fc1.m.crossbarSize, fc2.m.crossbarSize]).toEqual([64, 128]);
    const bit = (kb: number) => ((sramCost(kb).read_pJ_per_bit + sramCost(kb).write_pJ_per_bit) / 2) * energyScaleFrom65nm(c.tech.node_nm);
    const out = actionVector();
    const mem = { state_KB: 1, gradient_KB: 1, feedback_KB: 0 };
    priceTrainingLayer(fc2, fc1.prices, c, mem, out);
    expect(out[ACTION.gradientBit]).toBe(bit(32));
    priceTrainingLayer(fc1, fc1.prices, c, mem, out);
    expect(out[ACTION.gradientBit]).toBe(bit(8));
  });
});

describe('training prices: the write pulse charges one whole bit line', () => {
  // fc1 maps 40 rows of a 64-row crossbar.
  const hand = resolveNetwork({ name: 'hand', input: { channels: 40, height: 1, width: 1 }, layers: [{ kind: 'linear', name: 'fc1', outFeatures: 10 }] });
  /** At `node_nm`: fc1's priced write pulse, and the pulse the same cell would cost on a line of `line_F`. */
  const pulses = (node_nm: number) => {
    const c = config({ 'training.algorithm': 'sdfa', 'tech.node_nm': node_nm });
    const [fc1] = trainingView(hand, c).layers;
    const out = actionVector();
    priceTrainingLayer(fc1, fc1.prices, c, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, out);
    const gMean_S = conductanceLevels(fc1.rOn_ohm, fc1.onOffRatio, fc1.bitsPerCell).gMean_S;
    const withLine = (line_F: number) => writePulseEnergy_pJ(c.device.writeVoltage_V, gMean_S, c.device.writePulse_ns, line_F);
    return { fc1, priced: out[ACTION.writePulse], withLine };
  };
  it('a layer mapping 40 of a 64-row crossbar charges C_BL of 64 cells (the line is as long as the read path senses)', () => {
    const { fc1, priced, withLine } = pulses(65);
    expect(fc1.m.rows).toBe(40);
    expect(fc1.m.crossbarSize).toBe(64);
    expect(priced).toBe(withLine(bitlineCapacitance_F(64, 65, 20e3)));
    expect(priced).toBeGreaterThan(withLine(bitlineCapacitance_F(40, 65, 20e3)));
  });
  it('at 22 nm the line is the node\'s: 64·0.20981 fF·22/65 + 10 fF·(1/7.32)/(0.85/1.1)² = 6.833 fF, at the device\'s V_w', () => {
    const { priced, withLine } = pulses(22);
    // Per cell at 65 nm, R_on 20 kΩ: 4F of wire (0.07124 fF) + the access transistor's drain (0.13857 fF).
    const perCell_F = 4 * 0.065 * 0.274e-15 + accessDrainCapacitance65nm_F(20e3);
    expect(priced).toBeCloseTo(withLine(64 * perCell_F * (22 / 65) + 10e-15 / 7.32 / (0.85 / 1.1) ** 2), 15);
    expect(withLine(6.8327e-15) / priced).toBeCloseTo(1, 5);
  });
  it('the line carries the drains of access transistors sized for the layer\'s own R_on (a per-layer override)', () => {
    const c = config({ 'training.algorithm': 'sdfa', 'layers.0.device.rOn_ohm': 100e3 });
    const [fc1] = trainingView(hand, c).layers;
    expect(fc1.rOn_ohm).toBe(100e3);
    const out = actionVector();
    priceTrainingLayer(fc1, fc1.prices, c, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, out);
    const gMean_S = conductanceLevels(100e3, fc1.onOffRatio, fc1.bitsPerCell).gMean_S;
    // 64·(0.07124 + 0.11576) fF + 10 fF = 21.968 fF (R_on 100 kΩ: the access transistor at its 2F floor, 0.13 µm), not 23.428 fF.
    expect(out[ACTION.writePulse]).toBe(writePulseEnergy_pJ(c.device.writeVoltage_V, gMean_S, c.device.writePulse_ns, bitlineCapacitance_F(64, 65, 100e3)));
    expect(bitlineCapacitance_F(64, 65, 100e3)).toBeCloseTo(21.968e-15, 18);
  });
});
