/**
 * Replication adds tiles, and the NoC bits cross the mesh of the final chip (src/sim/ela/mesh.ts): mean hops of
 * ALL its tiles, copies included, the count training's costs use too. The copies are decided on the unreplicated
 * mesh; then every weight layer's NoC energy is its bit-hops at the final hops (× hops ratio) and its NoC drain
 * gains T·clock per extra hop, / r like the rest of its latency. Before, the forward priced the unreplicated mesh
 * (nmnist-fc3 balanced to 4 copies: 54 -> 181 tiles, 4 hops forward, 7 in training). Since 2026-12-06 a layer with
 * copies stops at its link floor on the final mesh (timing.ts linkFloor_ns; test/sim/copies-link.test.ts): the
 * expectations below take max((latency + Δhops·T·clock) / r, floor). Since 2026-12-07 every layer also stops at its input
 * delivery's floor T·D·clk (timing.ts deliveryFloor_ns; docs/simulator.md, the input delivery bound), copies or not, and
 * these unicast chips' deliveries (a copy per receiving tile) bind often: the expectations start from each layer's own
 * latency on the first mesh (its weightLayerLatency) and take max((own + Δhops·T·clock) / r, floor if r > 1, delivery).
 */
import { describe, expect, it } from 'vitest';
import { meanHops } from '../../src/hardware/components/interconnect.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { COMPONENT } from '../../src/sim/ela/components.js';
import type { WeightLayerDesign } from '../../src/sim/ela/design.js';
import { layerActions } from '../../src/sim/ela/report.js';
import { deliveryFloor_ns, linkFloor_ns, nocHopLatency_ns, weightLayerLatency } from '../../src/sim/ela/timing.js';
import { shapeSize } from '../../src/model/resolve.js';
import type { HardwareConfig } from '../../src/hardware/config.js';
import type { Network } from '../../src/model/types.js';
import { TIMING_MODELS } from '../../src/sim/ela/timingModels.js';
import { evaluate, evaluateWith, type Evaluation } from '../../src/sim/evaluate.js';
import { trainingView } from '../../src/sim/training/index.js';

// Unicast copies (arch.nocMulticast = 'unicast'), whose bit-hops scale with the hops; the default multicast tree is
// recounted at the final hops instead (test/sim/multicast.test.ts).
const config = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), { 'arch.nocMulticast': 'unicast', ...o });

/** Each layer's link floor (linkFloor_ns) and input delivery floor (deliveryFloor_ns), 0 for a layer without weights. */
function floors(net: Network, c: HardwareConfig): { link: number[]; delivery: number[] } {
  const link: number[] = [];
  const delivery: number[] = [];
  evaluateWith(net, c, (i, _counts, _prices, d) => {
    link[i] = d ? linkFloor_ns(d, c) : 0;
    delivery[i] = d ? deliveryFloor_ns(d, c, shapeSize(net.layers[i].inputShape)) : 0;
  });
  return { link, delivery };
}

/** Each weight layer's own latency (reads, drains, LIF; no delivery floor) on the unreplicated chip's mesh of `tiles` tiles. */
function ownLatencies(net: Network, c: HardwareConfig, tiles: number): number[] {
  const own: number[] = [];
  evaluateWith(net, c, (i, _counts, _prices, d) => {
    if (!d) return;
    const latency = [0, 0, 0, 0, 0, 0, 0, 0];
    weightLayerLatency(d, c, meanHops(tiles), latency);
    own[i] = latency.reduce((a, b) => a + b, 0);
  });
  return own;
}

/**
 * The replicated chip against the unreplicated one, layer by layer: NoC energy, NoC latency (a layer with copies at
 * least its link floor, every layer at least its delivery floor, what they add being NoC time; `own_ns`: the layers'
 * own latencies on the first mesh), bandwidths (the same bits over the final latency).
 */
function expectFinalMesh(
  base: Evaluation, copied: Evaluation, replicas: number[], hopLatency_ns: number, floor: { link: number[]; delivery: number[] }, own_ns: number[],
): void {
  const ratio = meanHops(copied.tiles) / meanHops(base.tiles);
  copied.layers.forEach((l, i) => {
    const b = base.layers[i];
    if (!b.mapping) return;
    const r = replicas[i];
    expect(l.breakdown.energy_pJ.noc).toBe(b.breakdown.energy_pJ.noc * ratio);
    // The base took max(own, its delivery floor): what it waited is NoC time there.
    expect(b.latency_ns).toBeCloseTo(Math.max(own_ns[i], floor.delivery[i]), 9);
    const baseWait_ns = b.latency_ns - own_ns[i];
    const extra_ns = hopLatency_ns * (meanHops(copied.tiles) - meanHops(base.tiles));
    const divided = (own_ns[i] + extra_ns) / r;
    const final = Math.max(divided, r > 1 ? floor.link[i] : 0, floor.delivery[i]);
    expect(l.breakdown.latency_ns.noc).toBeCloseTo((b.breakdown.latency_ns.noc - baseWait_ns + extra_ns) / r + (final - divided), 9);
    expect(l.latency_ns).toBeCloseTo(final, 9);
    // The same bits over the final latency (r copies of it: bits over the unreplicated time).
    expect(l.nocBandwidth_Gbps).toBeCloseTo((b.nocBandwidth_Gbps * b.latency_ns) / (r * final), 9);
    expect(l.bufferBandwidth_Gbps).toBeCloseTo((b.bufferBandwidth_Gbps * b.latency_ns) / (r * final), 9);
  });
}

describe('the NoC of a replicated chip is the final mesh', () => {
  it('nmnist-fc3, copies 4/2/1 (what arch.balance gave before the link floor): 54 -> 181 tiles, 4 -> 7 hops; NoC energy x 7/4, drain + 3·T·clock / r, up to the link floor', () => {
    const net = zooNetwork('nmnist-fc3');
    const base = evaluate(net, config({}));
    const o = { 'layers.fc1.arch.replicate': 4, 'layers.fc2.arch.replicate': 2 };
    const copied = evaluate(net, config(o));
    expect([base.tiles, copied.tiles]).toEqual([54, 181]);
    expect([meanHops(base.tiles), meanHops(copied.tiles)]).toEqual([4, 7]);
    const view = trainingView(net, config({ ...o, 'training.algorithm': 'bptt' }));
    expect(view.layers.map((l) => l.replicas)).toEqual([4, 2, 1]);
    expect(view.layers[0].hops).toBe(7);
    // T = 4 at 250 MHz: 16 ns per hop.
    expectFinalMesh(base, copied, [4, 2, 1], 16, floors(net, config(o)), ownLatencies(net, config({}), base.tiles));
    expect(copied.breakdown.energy_pJ.noc).toBeCloseTo(base.breakdown.energy_pJ.noc * 1.75, 6);
    // The reported actions cross 7 routers too.
    const before = layerActions(net, config({}));
    layerActions(net, config(o)).forEach((a, i) => expect(a.counts.nocBitHop).toBe(before[i].counts.nocBitHop * 1.75));
  });

  it('VGG16, arch.replicate=2: 237 -> 474 tiles, 8 -> 11 hops; the totals are the layers\' sums', () => {
    const net = zooNetwork('vgg16-cifar10');
    const base = evaluate(net, config({}));
    const copied = evaluate(net, config({ 'arch.replicate': 2 }));
    expect([base.tiles, copied.tiles, meanHops(base.tiles), meanHops(copied.tiles)]).toEqual([237, 474, 8, 11]);
    expectFinalMesh(base, copied, copied.layers.map((l) => (l.mapping ? 2 : 1)), 16, floors(net, config({ 'arch.replicate': 2 })), ownLatencies(net, config({}), base.tiles));
    expect(copied.breakdown.energy_pJ.noc).toBeCloseTo(copied.layers.reduce((s, l) => s + l.breakdown.energy_pJ.noc, 0), 6);
    expect(copied.nocBandwidth_Gbps).toBe(Math.max(...copied.layers.map((l) => l.nocBandwidth_Gbps)));
  });

  it('a chained reduction is recounted at the final hops, not scaled: nmnist-fc3 with 4/4/1 copies (54 -> 213 tiles, 4 -> 7.5 hops), fc1 1,491,424 -> 2,737,200 bit-hops (x 1.835, not 7.5/4)', () => {
    // Unicast inputs: T x 2312 x 32 tiles x h; the chain: T x 1000 x 15 bits x (1.128 links + h: fc1's last column block holds 8 outputs). Before the link
    // floor the balance gave the chain these copies (its shorter drains gave fc2 4, not 2).
    const net = zooNetwork('nmnist-fc3');
    const chain = { 'arch.psumReduction': 'chain' };
    const base = evaluate(net, config(chain));
    const o = { ...chain, 'layers.fc1.arch.replicate': 4, 'layers.fc2.arch.replicate': 4 };
    const copied = evaluate(net, config(o));
    expect([base.tiles, copied.tiles, meanHops(base.tiles), meanHops(copied.tiles)]).toEqual([54, 213, 4, 7.5]);
    const at = (h: number) => 4 * 2312 * 32 * h + 60_000 * (1.128 + h);
    expect([at(4), at(7.5)]).toEqual([1_491_424, 2_737_200].map((v) => expect.closeTo(v, 6)));
    expect(layerActions(net, config(chain))[0].counts.nocBitHop).toBeCloseTo(at(4), 6);
    expect(layerActions(net, config(o))[0].counts.nocBitHop).toBeCloseTo(at(7.5), 6);
    expect(copied.layers[0].breakdown.energy_pJ.noc).toBeCloseTo(base.layers[0].breakdown.energy_pJ.noc * (at(7.5) / at(4)), 6);
    // Its 4 copies would stop at the link floor: one tile's sums, ceil(1000·15 / 32) = 469 clocks per timestep, cross
    // the link: 4·469·4 ns, not (the drain + 3.5·T·clock) / 4 (what this test pinned until 2026-12-07). Since then its
    // inputs' way out of the global unit binds first: unicast, a copy of its 2312 spikes for each of its 32 input tiles,
    // ceil(32·2312 / 32) = 2312 clocks per timestep, 4·2312·4 = 36,992 ns, copies or not (they share that channel).
    const fc1 = copied.layers[0];
    expect(fc1.latency_ns).toBeCloseTo(4 * 2312 * 4, 9);
    expect(base.layers[0].latency_ns).toBeCloseTo(4 * 2312 * 4, 9);
  });

  it('a copy that leaves the mesh side unchanged changes no NoC cost (VGG16 balanced: 237 -> 240 tiles, both 8 hops)', () => {
    const net = zooNetwork('vgg16-cifar10');
    const base = evaluate(net, config({}));
    const copied = evaluate(net, config({ 'arch.balance': 'on' }));
    expect([meanHops(base.tiles), meanHops(copied.tiles)]).toEqual([8, 8]);
    expect(copied.breakdown.energy_pJ.noc).toBe(base.breakdown.energy_pJ.noc);
  });
});

describe('shared tile packing packs the copies too', () => {
  it('VGG16, shared, arch.replicate=2: ceil(2 x 1,863 PEs / 8) = 466 tiles (the copies on tiles of their own were 470)', () => {
    const shared = evaluate(zooNetwork('vgg16-cifar10'), config({ 'arch.tilePacking': 'shared', 'arch.replicate': 2 }));
    expect(shared.pes).toBe(3726);
    expect(shared.tiles).toBe(466);
  });
});

describe('what the correction assumes', () => {
  it("the read model's NoC drain is affine in the hops, nocHopLatency_ns (T·clock) per hop", () => {
    const c = config({ 'snn.timesteps': 6, 'arch.clock_MHz': 500 });
    const designs: WeightLayerDesign[] = [];
    evaluateWith(zooNetwork('nmnist-fc3'), c, (_i, _counts, _prices, d) => {
      if (d) designs.push(d);
    });
    const at = (hops: number) => {
      const latency = [0, 0, 0, 0, 0, 0, 0, 0];
      weightLayerLatency(designs[0], c, hops, latency);
      return latency;
    };
    expect(nocHopLatency_ns(c)).toBe(12);
    expect(at(7)[COMPONENT.noc] - at(4)[COMPONENT.noc]).toBe(3 * nocHopLatency_ns(c));
    expect(TIMING_MODELS['read-model'].hopLatency_ns(c)).toBe(12);
  });
});
