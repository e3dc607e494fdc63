/**
 * report.html in a real browser: Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) driven by
 * playwright-core. Checks that the plots and the table render, that sorting works, that selecting a row or a
 * front point shows its breakdown, that the page asks the network for nothing, and saves a screenshot to
 * results/test-output/report/ (git-ignored with results/). Skips with a printed reason where no browser runs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { writeRunReport } from '../../src/io/report/index.js';
import { withUnit } from '../../src/io/report/numberFormat.js';
import { loadNetwork } from '../../src/model/index.js';
import { COMPONENTS } from '../../src/sim/evaluate.js';
import { METRICS } from '../../src/sim/metrics.js';
import { writeSimulatedRun, type SimulatedRun } from '../io/report/simulated.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The probe's flags: without the background-networking ones Chromium keeps trying a network it cannot reach. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const OUTPUT_DIR = resolve('results/test-output/report');

let skipReason: string | undefined;
let context: BrowserContext | undefined;
let page: Page;
let run: SimulatedRun;
let front: SimulatedRun['rows'][number][];
let profileDir: string | undefined;
const pageErrors: string[] = [];
const externalRequests: string[] = [];

function needBrowser(ctx: TestContext): void {
  if (skipReason) {
    console.log(`browser test skipped: ${skipReason}`);
    ctx.skip();
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    skipReason = `no Chromium at ${CHROMIUM} (install Debian's package: apt-get install -y chromium, or set CHROMIUM_PATH)`;
    console.log(`browser test skipped: ${skipReason}`);
    return;
  }
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  // A grid run of the real simulator; the report re-evaluates its front points with the simulator. Utilisation, not
  // area, as the third objective: since the drain bound of 2026-12-06 (docs/simulator.md §3) the 4-bit-cell, 256x256
  // sense-amplifier design is the smallest, fastest and cheapest of this grid, a front of one; mapping efficiency
  // trades against it (6 front designs).
  run = writeSimulatedRun(join(OUTPUT_DIR, 'run'),
    [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }, { metric: 'utilisation', sense: 'max' }]);
  if (run.front.length < 2) throw new Error(`the report test needs a front of at least 2 designs, got ${run.front.length}`);
  front = run.front.map((i) => run.rows[i]);
  await writeRunReport(run.dir);
  profileDir = mkdtempSync(join(tmpdir(), 'cosearch-chromium-'));
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
  } catch (error) {
    skipReason = `Chromium at ${CHROMIUM} did not start: ${(error as Error).message.split('\n')[0]}`;
    console.log(`browser test skipped: ${skipReason}`);
    return;
  }
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  page.on('request', (r) => { if (!/^(file|data|about):/.test(r.url())) externalRequests.push(r.url()); });
  await page.goto(pathToFileURL(join(run.dir, 'report.html')).href);
});

afterAll(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

/** The few DOM members the page-side callbacks use (the project compiles without the DOM library). */
interface Cell { getAttribute(name: string): string | null }
interface Row { readonly cells: ArrayLike<Cell> }

async function columnValues(key: string): Promise<string[]> {
  const keys = await page.locator('#front-table thead th').evaluateAll((ths) => ths.map((th) => (th as unknown as Cell).getAttribute('data-key')));
  const col = keys.indexOf(key);
  expect(col).toBeGreaterThanOrEqual(0);
  return page.locator('#front-table tbody tr').evaluateAll(
    (rows, c) => rows.map((r) => Array.from((r as unknown as Row).cells)[c].getAttribute('data-value') ?? ''), col);
}

describe('report.html in Chromium', () => {
  it('renders the plots and the front table', async (ctx) => {
    needBrowser(ctx);
    const plot = page.locator('#pareto-plot svg');
    await expect.poll(() => plot.count()).toBe(1);
    const box = await plot.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(200);
    expect(await page.locator('#pareto-plot [aria-label$="(Pareto front)"]').count()).toBe(3 * front.length); // 3 projections
    expect(await page.locator('#hypervolume-plot svg').count()).toBe(1);
    expect(await page.locator('#front-table tbody tr').count()).toBe(front.length);
    const metrics = METRICS.filter((m) => !m.name.startsWith('breakdown.')).map((m) => m.name);
    const headline = ['energy_pJ', 'latency_ns', 'area_mm2', 'edp_pJs', 'topsPerW', 'topsPerMm2'];
    expect(await page.locator('#front-table thead th').count()).toBe(2 + metrics.length + 4);
    // The headline metrics and the objectives (utilisation is not a headline one) show; the rest behind the toggle.
    const shown = new Set([...headline, 'utilisation']);
    expect(await page.locator('#front-table thead th:visible').count()).toBe(2 + shown.size + 4);
    const crossbars = page.locator('#front-table th[data-key="crossbars"]');
    expect(await crossbars.isVisible()).toBe(false);
    await page.locator('#show-all-metrics').check();
    expect(await crossbars.isVisible()).toBe(true);
    await page.locator('#show-all-metrics').uncheck();
    expect(await crossbars.isVisible()).toBe(false);
    expect(await page.locator('.settings dt').first().textContent()).toBe('Space');
  });

  it('sorts the table by a clicked header, numerically, and reverses on a second click', async (ctx) => {
    needBrowser(ctx);
    const header = page.locator('#front-table th[data-key="latency_ns"]');
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const asc = (await columnValues('latency_ns')).map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc).toEqual(front.map((r) => r.metrics.latency_ns).sort((a, b) => a - b));
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect((await columnValues('latency_ns')).map(Number)).toEqual([...asc].reverse());
    const kind = page.locator('#front-table th[data-key="adc.kind"]');
    await kind.click();
    const kinds = await columnValues('adc.kind');
    expect(kinds).toEqual([...kinds].sort());
    expect(await header.getAttribute('aria-sort')).toBeNull();
  });

  it('shows the breakdown of a clicked row: components and layers', async (ctx) => {
    needBrowser(ctx);
    const row = page.locator('#front-table tbody tr').nth(1);
    const index = Number(await row.getAttribute('data-index'));
    await row.click();
    expect(await page.locator('#breakdown').getAttribute('data-selected')).toBe(String(index));
    expect(await row.getAttribute('class')).toContain('selected');
    const point = run.rows[index];
    const energy = page.locator('#breakdown table[data-breakdown="Energy by component"] tbody tr');
    expect(await energy.count()).toBe(COMPONENTS.length + 1); // + total
    // The page's script formats as the tables do (formatQuantity's source, embedded): energy on a prefix of J, with it.
    expect(await energy.last().locator('td').nth(1).textContent()).toBe(withUnit(point.metrics.energy_pJ, 'pJ'));
    const area = page.locator('#breakdown table[data-breakdown="Area by component"] tbody tr');
    expect(await area.last().locator('td').nth(1).textContent()).toBe(withUnit(point.metrics.area_mm2, 'mm²'));
    expect(await page.locator('#breakdown .error').count()).toBe(0);
    const layers = page.locator('#breakdown table[data-breakdown="layers"] tbody tr');
    const network = loadNetwork(run.network);
    expect(await layers.count()).toBe(network.layers.length);
    expect(await layers.first().locator('td').first().textContent()).toBe(`0 ${network.layers[0].name}`);
  });

  it('selects a point clicked in the plot: breakdown, table row and the point in every panel', async (ctx) => {
    needBrowser(ctx);
    const selected = Number(await page.locator('#breakdown').getAttribute('data-selected'));
    const other = run.front.find((i) => i !== selected)!;
    const point = page.locator(`#pareto-plot [aria-label="Evaluation ${other} (Pareto front)"]`).first();
    await point.dispatchEvent('click');
    expect(await page.locator('#breakdown').getAttribute('data-selected')).toBe(String(other));
    expect(await page.locator(`#front-table tbody tr[data-index="${other}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#pareto-plot path.selected').count()).toBe(3);
    expect(await page.locator('#front-table tbody tr.selected').count()).toBe(1);
  });

  it('loads nothing from the network, logs no error, and leaves a screenshot', async (ctx) => {
    needBrowser(ctx);
    expect(externalRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.locator('#front-table tbody tr').first().click();
    const shot = join(OUTPUT_DIR, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    console.log(`report screenshot: ${shot}`);
  });
});
