/**
 * The pipelined inference and the one link into the global unit (docs/simulator.md, Pipelined dataflow): every
 * layer drains its partial sums through that nocWidth-bit link, and under arch.dataflow = pipelined all layers run
 * at once, so a timestep cannot leave the pipeline more often than all layers' drains of it take together.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, pipelineLatency_ns } from '../../src/sim/evaluate.js';

const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'snn.timesteps': 10, ...o });
const piped = (name: string, o: Record<string, unknown> = {}) => evaluate(zooNetwork(name), config({ 'arch.dataflow': 'pipelined', ...o }));
const layerScheduled = (name: string, o: Record<string, unknown> = {}) => evaluate(zooNetwork(name), config(o));

/** The plain pipeline of a layer-scheduled evaluation's stages (latency / T each), T = 10: the bound before the link. */
const unbound = (name: string, o: Record<string, unknown> = {}) => pipelineLatency_ns(layerScheduled(name, o).layers.map((l) => l.latency_ns / 10), 10);

describe('pipelineLatency_ns with a shared resource', () => {
  it('stages [3, 5, 2] ns, T = 4: shared 0 -> 10 + 3·5 = 25; 6 -> 10 + 3·6 = 28; 12 -> 12 + 3·12 = 48 (the fill needs it too)', () => {
    expect(pipelineLatency_ns([3, 5, 2], 4, 0)).toBe(25);
    expect(pipelineLatency_ns([3, 5, 2], 4, 4)).toBe(25);
    expect(pipelineLatency_ns([3, 5, 2], 4, 6)).toBe(28);
    expect(pipelineLatency_ns([3, 5, 2], 4, 12)).toBe(48);
  });
});

describe('nmnist-fc3, T = 10, 250 MHz (4 ns), 32-bit link, 54 tiles (4 hops), global reduction', () => {
  // Link clocks per timestep, hops + ceil(tiles·outputs·accumulatorBits / 32): fc1 4 + ceil(2.128·1000·15/32) = 1002,
  // fc2 4 + ceil(1000·13/32) = 411, fc3 4 + ceil(10·13/32) = 9: S = 1422 clocks = 5688 ns, more than fc1's stage
  // 4066.0011 ns. Stages 4066.0011 + 1702.0011 + 128 = 5896.0022 ns: 5896.0022 + 9·5688 = 57,088.0022 ns. (fc3's stage is
  // its input delivery since 2026-12-07, docs/simulator.md the input delivery bound: 1000 dense spikes, ceil(1000/32) = 32
  // clocks = 128 ns per timestep against its own 94.0011 ns; 57,054.0034 ns before. The outgoing channel's share, (73 + 32
  // + 32) clocks = 548 ns, is below the link in's 5688 ns. 2.128: fc1's last column block holds 8 of its 32 outputs'
  // places, 2026-12-06; 2.125, 57,014.0034 ns before.)
  it('pipelined latency 57,088.0022 ns (42,490.0121 ns before the link: 5896.0022 + 9·4066.0011)', () => {
    expect(unbound('nmnist-fc3')).toBeCloseTo(42_490.0121, 3);
    expect(piped('nmnist-fc3').latency_ns).toBeCloseTo(57_088.0022, 3);
  });
  it('the wait for the link is NoC time: the other components are the plain pipeline\'s, the energy only gains leakage', () => {
    const p = piped('nmnist-fc3');
    const l = layerScheduled('nmnist-fc3');
    const factor = 42_490.0121 / l.latency_ns;
    expect(p.breakdown.latency_ns.crossbar).toBeCloseTo(l.breakdown.latency_ns.crossbar * factor, 3);
    expect(p.breakdown.latency_ns.noc).toBeCloseTo(l.breakdown.latency_ns.noc * factor + (57_088.0022 - 42_490.0121), 2);
    expect(p.energy_pJ - p.breakdown.energy_pJ.leakage).toBeCloseTo(l.energy_pJ - l.breakdown.energy_pJ.leakage, 3);
  });
  it('a chain reduction still shares the link (one sum per output): fc1 4 + 1.128 + ceil(15,000/32) = 474.128, S = 894.128 clocks', () => {
    // Stages 1954.5131 + 1702.0011 + 128 (fc3's delivery, above) = 3784.5142 ns; S = 3576.512 ns > fc1's 1954.5131 ns.
    expect(piped('nmnist-fc3', { 'arch.psumReduction': 'chain' }).latency_ns).toBeCloseTo(3784.5142 + 9 * 3576.512, 3);
  });
});

describe('more layers: the shared link binds (nmnist-fc2 ... fc5, T = 10)', () => {
  it('fc2 is bound by its slowest stage; from fc3 on the link adds more with every layer', () => {
    const added = ['nmnist-fc2', 'nmnist-fc3', 'nmnist-fc4', 'nmnist-fc5'].map((n) => piped(n).latency_ns - unbound(n));
    // fc2: S = (3.5 + 998) + (3.5 + 5) = 1010 clocks = 4040 ns < fc1's stage 4064 ns: nothing added.
    expect(added[0]).toBeCloseTo(0, 6);
    for (let i = 1; i < added.length; i++) expect(added[i]).toBeGreaterThan(added[i - 1] + 1000);
  });
  it('the layer-scheduled dataflow does not move: each layer alone on the link, as before', () => {
    // 10·(4066.0011 + 1702.0011 + 128) = 58,960.0220 ns (the link time is in each layer's stage; fc3's stage is its
    // input delivery, 32 clocks, since 2026-12-07: 58,620.0339 ns before).
    expect(layerScheduled('nmnist-fc3').latency_ns).toBeCloseTo(58_960.022, 2);
  });
});
