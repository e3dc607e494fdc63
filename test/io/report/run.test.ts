import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { csvBreakdown, rowOverrides as pointOverrides } from '../../../src/io/report/breakdown.js';
import { parseManifest, readRun, type RunRow } from '../../../src/io/report/run.js';
import { evaluationsText } from '../../../src/io/report/html.js';
import { paretoPlotData, subtitleLines } from '../../../src/io/plot/pareto.js';
import { writeFixtureRun } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readRun', () => {
  it('reads the rows, splits parameter / metric / breakdown columns and keeps the front in file order', async () => {
    const fixture = writeFixtureRun(join(root, 'ok'));
    const rows: RunRow[] = [];
    const run = await readRun(fixture.dir, { onRow: (r) => rows.push(r) });
    expect(run.parameterColumns).toEqual(['device.bitsPerCell', 'adc.bits', 'adc.kind', 'crossbar.size', 'layers.0.adc.bits']);
    expect(run.metricColumns).toEqual(['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs', 'topsPerW', 'accuracy', 'crossbars']);
    expect(run.breakdownColumns).toHaveLength(10);
    expect(rows).toHaveLength(fixture.rows.length);
    expect(run.counts.total).toBe(fixture.rows.length);
    expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
    const r3 = rows[3];
    expect(r3.params).toEqual(fixture.rows[3].params);
    expect(r3.metrics.energy_pJ).toBe(fixture.rows[3].metrics.energy_pJ);
    expect(r3.feasible).toBe(fixture.rows[3].feasible);
    const failed = rows[7];
    expect(failed.error).toBe('worker crashed: simulated failure');
    expect(Number.isNaN(failed.metrics.energy_pJ)).toBe(true);
    expect(run.manifest.spaceName).toBe('fixture-space');
    expect(run.manifest.baseOverrides).toEqual({ 'snn.timesteps': 4, 'arch.clock_MHz': 250 });
    expect(run.manifest.version).toBe('0.1.0');
  });

  it('builds a point configuration from the base overrides and the row values, expanding group variables to their layers', async () => {
    const fixture = writeFixtureRun(join(root, 'groups'));
    const manifest = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8'));
    manifest.parameters[4] = { name: 'layers.0.adc.bits', path: 'adc.bits', targets: ['layers.conv1.adc.bits', 'layers.conv2.adc.bits'] };
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify(manifest));
    const run = await readRun(fixture.dir);
    const row = run.front[0];
    expect(pointOverrides(run, row)).toEqual({
      'snn.timesteps': 4, 'arch.clock_MHz': 250,
      'device.bitsPerCell': row.params['device.bitsPerCell'], 'adc.bits': row.params['adc.bits'], 'adc.kind': row.params['adc.kind'],
      'crossbar.size': row.params['crossbar.size'],
      'layers.conv1.adc.bits': row.params['layers.0.adc.bits'], 'layers.conv2.adc.bits': row.params['layers.0.adc.bits'],
    });
  });

  it('takes component breakdowns from the breakdown.* columns', async () => {
    const fixture = writeFixtureRun(join(root, 'bd'));
    const run = await readRun(fixture.dir);
    const b = csvBreakdown(run.front[0]);
    const expected = fixture.front[0].breakdown;
    expect(b.energy_pJ.adc).toBe(expected['breakdown.energy_pJ.adc']);
    expect(b.area_mm2.lif).toBe(expected['breakdown.area_mm2.lif']);
    expect(Object.keys(b.energy_pJ)).toEqual(['crossbar', 'adc', 'lif', 'noc', 'buffer']);
  });

  it('reads an objective on a breakdown.* column (a metric the space accepts), with pareto.csv and recomputed without it', async () => {
    const objectives = [{ metric: 'energy_pJ', sense: 'min' as const }, { metric: 'breakdown.area_mm2.adc', sense: 'min' as const }];
    const fixture = writeFixtureRun(join(root, 'breakdown-objective'), { objectives });
    const withFile = await readRun(fixture.dir);
    expect(withFile.notes).toEqual([]);
    expect(withFile.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
    expect(withFile.front.map((r) => r.metrics['breakdown.area_mm2.adc'])).toEqual(fixture.front.map((r) => r.breakdown['breakdown.area_mm2.adc']));
    expect(withFile.cloud.omitted).toBe(1);
    rmSync(join(fixture.dir, 'pareto.csv'));
    const recomputed = await readRun(fixture.dir);
    expect(recomputed.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
    // The fixture's run is completed: no --resume advice, which would find nothing to run (it was given until 2026-12-05).
    expect(recomputed.notes).toEqual(['pareto.csv is missing although the run is completed: the front is recomputed from its evaluations.csv']);
  });

  it("counts a lazy run's rows never measured apart, by why, and plots them as not measured, not as infeasible", async () => {
    const fixture = writeFixtureRun(join(root, 'lazy'));
    const onFront = new Set(fixture.front.map((r) => r.index));
    // Feasible rows off the front become proven dominated, the first measured infeasible one proven infeasible by a
    // cheap constraint: as a lazy run writes them, feasible = false and an accuracyMeasured cell saying why.
    const dominated = fixture.rows.filter((r) => r.feasible && !onFront.has(r.index)).map((r) => r.index);
    const cheapInfeasible = fixture.rows.find((r) => !r.feasible && r.error === '')!.index;
    const status = (index: number): string => (index === 7 ? 'false' : dominated.includes(index) ? 'dominated' : index === cheapInfeasible ? 'infeasible' : 'true');
    const feasibleAt = fixture.header.indexOf('feasible');
    for (const file of ['evaluations.csv', 'pareto.csv']) {
      const [head, ...lines] = readFileSync(join(fixture.dir, file), 'utf8').trimEnd().split('\n');
      const rows = lines.map((line) => {
        const cells = line.split(',');
        if (dominated.includes(Number(cells[0]))) cells[feasibleAt] = 'false';
        return [...cells, status(Number(cells[0]))].join(',');
      });
      writeFileSync(join(fixture.dir, file), [`${head},accuracyMeasured`, ...rows].join('\n') + '\n');
    }
    const run = await readRun(fixture.dir);
    const infeasible = fixture.rows.filter((r) => !r.feasible && r.error === '').length - 1;
    expect(dominated.length).toBeGreaterThan(0);
    expect(run.counts).toEqual({ total: 48, feasible: fixture.front.length, infeasible, failed: 1, incomplete: 0, unmeasured: { dominated: dominated.length, infeasible: 1 } });
    expect(evaluationsText(run.counts)).toBe(
      `48: ${fixture.front.length} feasible, ${infeasible} infeasible, 1 failed, ${dominated.length + 1} not measured (lazy mode: ${dominated.length} proven dominated, 1 proven infeasible by a cheap constraint)`);
    const points = paretoPlotData(run, []).points;
    expect(points.filter((p) => p.status === 'unmeasured').map((p) => p.index)).toEqual([...dominated, cheapInfeasible].sort((a, b) => a - b));
    expect(points.filter((p) => p.status === 'infeasible')).toHaveLength(infeasible);
    // A row never measured has no value in an objective the expensive engine computes: left out of the plot and
    // counted as not measured, not as a failed evaluation.
    expect(run.cloud).toMatchObject({ omitted: 1, omittedUnmeasured: 0 });
    const energyAt = fixture.header.indexOf('energy_pJ');
    const text = readFileSync(join(fixture.dir, 'evaluations.csv'), 'utf8').split('\n');
    const r = text.findIndex((line) => line.split(',')[0] === String(dominated[0]));
    text[r] = text[r].split(',').map((cell, j) => (j === energyAt ? '' : cell)).join(',');
    writeFileSync(join(fixture.dir, 'evaluations.csv'), text.join('\n'));
    const blank = await readRun(fixture.dir);
    expect(blank.cloud).toMatchObject({ omitted: 2, omittedUnmeasured: 1 });
    expect(subtitleLines(paretoPlotData(blank, [])).slice(-2)).toEqual(['1 failed evaluation not shown', '1 row not measured (lazy) not shown']);
  });

  it('reads a run killed while appending: the cut-off last record is left out and noted', async () => {
    const fixture = writeFixtureRun(join(root, 'killed'));
    const text = readFileSync(join(fixture.dir, 'evaluations.csv'), 'utf8');
    writeFileSync(join(fixture.dir, 'evaluations.csv'), `${text}${fixture.rows.length},9,3,5`);
    const run = await readRun(fixture.dir);
    expect(run.counts.total).toBe(fixture.rows.length);
    expect(run.notes).toEqual(['the last line of evaluations.csv was cut off (the run was killed while writing it) and is left out']);
  });

  it('gives one clear ConfigError for a missing folder, missing files and malformed content', async () => {
    await expect(readRun(join(root, 'absent'))).rejects.toThrow(/absent: no such folder/);
    const dir = writeFixtureRun(join(root, 'broken')).dir;
    rmSync(join(dir, 'evaluations.csv'));
    await expect(readRun(dir)).rejects.toThrow(/evaluations\.csv: file not found, expected a cosearch run folder/);

    const d2 = writeFixtureRun(join(root, 'badobj')).dir;
    const m = JSON.parse(readFileSync(join(d2, 'manifest.json'), 'utf8'));
    m.objectives = [{ metric: 'joules', sense: 'min' }];
    writeFileSync(join(d2, 'manifest.json'), JSON.stringify(m));
    await expect(readRun(d2)).rejects.toThrow(/objectives: metric "joules" is not a column/);

    const d3 = writeFixtureRun(join(root, 'badnum')).dir;
    const text = readFileSync(join(d3, 'evaluations.csv'), 'utf8').split('\n');
    text[1] = text[1].replace(/^0,0,/, '0,zero,');
    writeFileSync(join(d3, 'evaluations.csv'), text.join('\n'));
    await expect(readRun(d3)).rejects.toThrow(/evaluations\.csv: row 1: generation: got "zero", expected an integer/);

    const d4 = writeFixtureRun(join(root, 'orphan')).dir;
    const pareto = readFileSync(join(d4, 'pareto.csv'), 'utf8').split('\n');
    pareto[1] = pareto[1].replace(/^\d+,/, '9999,');
    writeFileSync(join(d4, 'pareto.csv'), pareto.join('\n'));
    expect((await readRun(d4)).notes).toEqual([
      `${join(d4, 'pareto.csv')}: row 1 (index 9999): not in ${join(d4, 'evaluations.csv')}, expected only rows of the run on the front; the front is recomputed from evaluations.csv`,
    ]);
  });

  it('checks a row off the front as fully as a row it builds: same run and same message, with or without a row visitor', async () => {
    const outcome = async (dir: string, visit: boolean): Promise<unknown> => {
      try {
        const run = await readRun(dir, visit ? { onRow: () => undefined } : {});
        return { counts: run.counts, cloud: run.cloud, front: run.front, notes: run.notes };
      } catch (error) {
        return (error as Error).message;
      }
    };
    const good = writeFixtureRun(join(root, 'paths')).dir;
    expect(await outcome(good, false)).toEqual(await outcome(good, true));
    const header = readFileSync(join(good, 'evaluations.csv'), 'utf8').split('\n')[0].split(',');
    const frontIndices = new Set(readFileSync(join(good, 'pareto.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    // A malformed cell in each kind of column, on a row that is not on the front.
    for (const [column, bad] of [['index', '1.5'], ['generation', 'g'], ['latency_ns', '3ns'], ['energy_pJ', '0x10'], ['area_mm2', ' 5'], [header.find((c) => c.startsWith('breakdown.')) ?? 'violation', 'x'], ['feasible', 'maybe'], ['violation', 'v']] as const) {
      const dir = writeFixtureRun(join(root, `bad-${column}`)).dir;
      const lines = readFileSync(join(dir, 'evaluations.csv'), 'utf8').split('\n');
      const r = lines.findIndex((l, i) => i > 0 && l !== '' && !frontIndices.has(l.split(',')[0]));
      const cells = lines[r].split(',');
      cells[header.indexOf(column)] = bad;
      lines[r] = cells.join(',');
      writeFileSync(join(dir, 'evaluations.csv'), lines.join('\n'));
      const message = await outcome(dir, false);
      expect(message, column).toMatch(new RegExp(`evaluations\\.csv: row ${r}: ${column.replace(/\./g, '\\.')}: got "${bad}"`));
      expect(message, column).toBe(await outcome(dir, true));
    }
  });

  it('reads the manifest in both layouts and rejects bad fields by name', () => {
    const nested = parseManifest(JSON.stringify({
      space: { name: 's', network: 'mlp', base: { 'adc.bits': 4 }, objectives: [{ metric: 'energy_pJ', sense: 'min' }] },
      seed: 3, strategy: { name: 'grid', settings: {} },
    }), 'm.json');
    expect(nested.spaceName).toBe('s');
    expect(nested.network).toBe('mlp');
    expect(nested.baseOverrides).toEqual({ 'adc.bits': 4 });
    expect(nested.seed).toBe(3);
    expect(() => parseManifest('{', 'm.json')).toThrow(/m\.json: not valid JSON/);
    expect(() => parseManifest(JSON.stringify({ network: 'x', objectives: [] }), 'm.json')).toThrow(/m\.json: objectives: got \[\], expected a non-empty list/);
    expect(() => parseManifest(JSON.stringify({ network: 'x', objectives: [{ metric: 'a', sense: 'least' }] }), 'm.json'))
      .toThrow(/objectives\[0\]\.sense: got "least", expected "min" or "max"/);
    expect(() => parseManifest(JSON.stringify({ objectives: [{ metric: 'a', sense: 'min' }] }), 'm.json')).toThrow(ConfigError);
    expect(() => parseManifest(JSON.stringify({ network: 'x', objectives: [{ metric: 'a', sense: 'min' }], hypervolumeByGeneration: [{ generation: 0 }] }), 'm.json'))
      .toThrow(/hypervolumeByGeneration\[0\]/);
  });
});
