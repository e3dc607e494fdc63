/**
 * utilisation (used cells / provisioned cells) counts weight copies as the crossbar count does: each copy programs
 * the cells its layer's first copy does in as many crossbars. Before, the cells were summed before replication, so a
 * replicated chip reported its unreplicated utilisation beside a crossbar count with the copies (cnn-mnist, conv1 x16:
 * 0.559 and 62 crossbars).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, evaluateTotals, evaluateWith, type Evaluation, type LayerStages } from '../../src/sim/evaluate.js';

/** Σ over weight layers of r × (used, provisioned) cells, r the layer's copies. */
function cells(e: Evaluation, replicas: (name: string) => number): { used: number; provisioned: number } {
  let used = 0;
  let provisioned = 0;
  for (const l of e.layers) {
    const m = l.mapping;
    if (!m) continue;
    used += replicas(l.name) * m.rows * (m.columns + m.referenceColumns) * m.arrays;
    provisioned += replicas(l.name) * m.crossbars * m.crossbarSize * m.crossbarSize;
  }
  return { used, provisioned };
}

describe('utilisation counts weight copies', () => {
  it('cnn-mnist, conv1 x16: (73,280 + 15 x 1,600) / (62 x 4,096), not the unreplicated 0.559', () => {
    const net = zooNetwork('cnn-mnist');
    const base = evaluate(net, applyOverrides(defaultConfig(), {}));
    const config = applyOverrides(defaultConfig(), { 'layers.conv1.arch.replicate': 16 });
    const copied = evaluate(net, config);
    expect(base.utilisation).toBe(73_280 / (32 * 4096));
    expect(copied.crossbars).toBe(62);
    expect(copied.utilisation).toBe((73_280 + 15 * 1_600) / (62 * 4096));
    expect(copied.utilisation).toBeCloseTo(0.383, 3);
    expect(evaluateTotals(net, config).utilisation).toBe(copied.utilisation);
  });

  it('VGG16, arch.balance=on: the cells of every layer times its copies, evaluate and evaluateTotals alike', () => {
    const net = zooNetwork('vgg16-cifar10');
    const config = applyOverrides(defaultConfig(), { 'arch.balance': 'on' });
    const stages: LayerStages = { stage_ns: [], replicas: [] };
    const copied = evaluateWith(net, config, null, stages);
    const base = evaluate(net, applyOverrides(defaultConfig(), {}));
    // The copies balance chose (conv1 gets 4; the others follow their latencies).
    const replicas = new Map(copied.layers.map((l, i) => [l.name, stages.replicas[i]]));
    expect(replicas.get('conv1')).toBe(4);
    const { used, provisioned } = cells(copied, (name) => replicas.get(name) ?? 1);
    expect(copied.crossbars).toBe(provisioned / (copied.layers[0].mapping?.crossbarSize ?? 0) ** 2);
    expect(copied.utilisation).toBe(used / provisioned);
    expect(copied.utilisation).not.toBe(base.utilisation);
    expect(evaluateTotals(net, config).utilisation).toBe(copied.utilisation);
  });
});
