import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../../../src/model/index.js';
import { writeRunReport } from '../../../src/io/report/index.js';
import { hypervolume, writeSimulatedRun } from './simulated.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-sim-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Data {
  breakdowns: { index: number; source: string; mismatch?: string; energy_pJ: Record<string, number>; area_mm2: Record<string, number>;
    layers: { name: string; values: Record<string, number> }[] }[];
}

describe('test hypervolume helper', () => {
  it('matches hand-computed volumes', () => {
    expect(hypervolume([[1, 2], [2, 1]], [3, 3])).toBe(3); // 2x1 + 1x2 - 1x1 overlap = 3
    expect(hypervolume([[1, 1, 1]], [2, 3, 4])).toBe(6);
    expect(hypervolume([[1, 2, 1], [2, 1, 2]], [3, 3, 3])).toBe(5); // boxes 2·1·2 + 1·2·1, overlap 1·1·1
    expect(hypervolume([[1, 1], [2, 2], [4, 0]], [3, 3])).toBe(4); // (2,2) dominated, (4,0) outside the reference
  });
});

describe('writeRunReport with the simulator', () => {
  it('re-evaluates every front point to the figures of its CSV row, by component and by layer', async () => {
    const run = writeSimulatedRun(join(root, 'run'), [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }]);
    const { htmlPath, svgPath } = await writeRunReport(run.dir);
    const html = readFileSync(htmlPath, 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as Data;
    expect(data.breakdowns.map((b) => b.index)).toEqual(run.front);
    const layerCount = loadNetwork(run.network).layers.length;
    for (const b of data.breakdowns) {
      const row = run.rows[b.index];
      expect(b.source).toBe('evaluate');
      expect(b.mismatch).toBeUndefined();
      for (const [component, value] of Object.entries(b.energy_pJ)) expect(value).toBe(row.metrics[`breakdown.energy_pJ.${component}`]);
      for (const [component, value] of Object.entries(b.area_mm2)) expect(value).toBe(row.metrics[`breakdown.area_mm2.${component}`]);
      expect(b.layers).toHaveLength(layerCount);
      const layerEnergy = b.layers.reduce((s, l) => s + l.values.energy_pJ, 0);
      expect(layerEnergy).toBeLessThanOrEqual(row.metrics.energy_pJ * (1 + 1e-9));
      const conv = b.layers.find((l) => l.values.crossbars !== undefined)!;
      expect(conv.values.bitsPerCell).toBe(row.params['device.bitsPerCell']);
      expect(conv.values.crossbarSize).toBe(row.params['crossbar.size']);
    }
    // Axis units from the simulator's metric list, on a prefix of their base unit as the table writes them (numberFormat.ts).
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/energy_pJ \((pJ|nJ|µJ|mJ|J)\)/);
    expect(svg).toMatch(/latency_ns \((ns|µs|ms|s)\)/);
    expect(html).toContain('<span class="unit">mm²</span>');
  });
});
