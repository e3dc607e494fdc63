/**
 * Silicon validation harness (issue 11 item 6, docs/validation.md): configures the ELA engine for published IMC
 * macros (configs/macros/<name>.json, existing parameters only, the engine's own 65 nm -> tech.node_nm scaling),
 * evaluates one crossbar-sized matrix-vector product (configs/macros/networks/) and compares the macro-level
 * TOPS/W and TOPS/mm² with the published figures.
 *
 *   npm run validate-macros                    table of predictions, published values and errors
 *   UPDATE_MACROS=1 npm run validate-macros    also rewrite the pinned predictions (test/validation/macros.pinned.json)
 *
 * Macro level = the measured layer's own crossbar + adc + periphery (cell reads; conversions; row drivers, column
 * mux, shift-and-add, row-block accumulation), for energy, latency and area. Excluded: buffers, NoC, H-tree, LIF,
 * leakage (a macro's published figure has no global buffer, NoC or neuron module; see docs/validation.md).
 * No per-macro correction factors: what the engine predicts is what is compared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { flattenConfigObject } from '../src/hardware/configFile.js';
import { loadNetwork } from '../src/model/load.js';
import { evaluate } from '../src/sim/evaluate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PINNED_FILE = join(ROOT, 'test', 'validation', 'macros.pinned.json');

/** The components a macro's own figure covers (docs/validation.md "What is compared"). */
export const MACRO_COMPONENTS = ['crossbar', 'adc', 'periphery'] as const;
export type MacroComponent = (typeof MACRO_COMPONENTS)[number];

export interface PublishedFigure {
  readonly value: number;
  /** Paper, and table / figure / abstract where the number is printed. */
  readonly source: string;
}

export interface MacroSpec {
  /** Also the configuration file name: configs/macros/<name>.json. */
  readonly name: string;
  readonly title: string;
  /** Network JSON under configs/macros/networks/ (layer 'macro' is measured). */
  readonly network: string;
  readonly node_nm: number;
  readonly array: string;
  readonly bits: string;
  /** Silicon (measured) or a projection (cross-check only). */
  readonly kind: 'silicon' | 'projection';
  readonly published: { readonly topsPerW?: PublishedFigure; readonly topsPerMm2?: PublishedFigure };
}

const WAN = 'Wan et al., Nature 608 (2022), doi 10.1038/s41586-022-04992-8';
const WAN_FIG12 = `${WAN}, Fig. 12 c,d (1-bit input, 3-bit output, 4-bit weights; values as transcribed in CiMLoop, mit-emze/cimloop workspace/models/arch/1_macro/wan_nature_2022/_tests.py)`;
const HERMES = 'Khaddam-Aljameh et al., "HERMES-Core: a 1.59-TOPS/mm² PCM on 14-nm CMOS in-memory compute core using 300-ps/LSB linearized CCO-based ADCs", IEEE JSSC, 2022, abstract';
const HUNG = 'Hung et al., "A four-megabit compute-in-memory macro with eight-bit precision based on CMOS and resistive random-access memory for AI edge devices", Nature Electronics 4, 921 (2021), doi 10.1038/s41928-021-00676-9, abstract';

/**
 * The macros. NeuRRAM's TOPS/mm² is derived from published numbers only: 2.122 TOPS over 48 cores (Fig. 12 d) over
 * one core's area, 1270 µm² per neuron x 256 neurons = 28% of the core (Fig. 11 f, as CiMLoop transcribes it)
 * => 1.161 mm² per core => 0.0381 TOPS/mm².
 */
export const MACROS: readonly MacroSpec[] = [
  {
    name: 'neurram', title: 'NeuRRAM core (Wan 2022)', network: 'mvm-1b-128.json', node_nm: 130, array: '256x256 1T1R RRAM',
    bits: 'in 1, w 4 (diff.), out 3', kind: 'silicon',
    published: {
      topsPerW: { value: 43.07875866, source: WAN_FIG12 },
      topsPerMm2: { value: 2.12230988 / 48 / ((1270 * 256) / 0.28 * 1e-6), source: `${WAN_FIG12}; core area from Fig. 11 f (neurons 1270 µm² x 256 = 28%)` },
    },
  },
  {
    name: 'hermes', title: 'IBM HERMES core (Khaddam-Aljameh 2022)', network: 'mvm-8b-256.json', node_nm: 14, array: '256x256 PCM',
    bits: 'in 8, w analog, out 8 (CCO)', kind: 'silicon',
    published: {
      topsPerW: { value: 10.5, source: HERMES },
      topsPerMm2: { value: 1.59, source: HERMES },
    },
  },
  {
    name: 'hung-8b', title: 'TSMC/NTHU 4 Mb RRAM nvCIM, 8b x 8b (Hung 2021)', network: 'mvm-8b-64.json', node_nm: 22, array: 'binary 1T1R RRAM, 4 Mb',
    bits: 'in 8, w 8 (8 binary cells)', kind: 'silicon',
    published: { topsPerW: { value: 15.6, source: HUNG } },
  },
  {
    name: 'hung-1b', title: 'TSMC/NTHU 4 Mb RRAM nvCIM, 1b x 1b (Hung 2021)', network: 'mvm-1b-64.json', node_nm: 22, array: 'binary 1T1R RRAM, 4 Mb',
    bits: 'in 1, w 1', kind: 'silicon',
    published: { topsPerW: { value: 194.4, source: HUNG } },
  },
];

export interface MacroPrediction {
  readonly topsPerW: number;
  readonly topsPerMm2: number;
  /** Macro-level energy per operation (2 operations per MAC), fJ, per component and total. */
  readonly energyPerOp_fJ: Readonly<Record<MacroComponent | 'total', number>>;
  /** Macro-level area (mm²) and latency of one layer pass (ns), per component and total. */
  readonly area_mm2: Readonly<Record<MacroComponent | 'total', number>>;
  readonly latency_ns: Readonly<Record<MacroComponent | 'total', number>>;
  readonly ops: number;
}

export function macroConfigFile(name: string): string {
  return join(ROOT, 'configs', 'macros', `${name}.json`);
}

/** Evaluate one macro's configuration on its network and reduce the measured layer to macro-level figures. */
export function predictMacro(spec: MacroSpec): MacroPrediction {
  const raw: unknown = JSON.parse(readFileSync(macroConfigFile(spec.name), 'utf8'));
  const config = applyOverrides(defaultConfig(), flattenConfigObject(raw, ''));
  if (config.tech.node_nm !== spec.node_nm) throw new Error(`${spec.name}: configuration node ${config.tech.node_nm} nm, macro ${spec.node_nm} nm`);
  const evaluation = evaluate(loadNetwork(join(ROOT, 'configs', 'macros', 'networks', spec.network)), config);
  const layer = evaluation.layers.find((l) => l.name === 'macro');
  if (!layer) throw new Error(`${spec.network}: no layer named "macro"`);
  const b = layer.breakdown;
  const pick = (values: Readonly<Record<string, number>>, scale: number) => {
    const parts = Object.fromEntries(MACRO_COMPONENTS.map((c) => [c, values[c] * scale])) as Record<MacroComponent, number>;
    return { ...parts, total: MACRO_COMPONENTS.reduce((sum, c) => sum + parts[c], 0) };
  };
  const energyPerOp_fJ = pick(b.energy_pJ, 1000 / layer.ops);
  const area_mm2 = pick(b.area_mm2, 1);
  const latency_ns = pick(b.latency_ns, 1);
  return {
    topsPerW: 1000 / energyPerOp_fJ.total, // ops / pJ·1e-12 / 1e12 = 1000 / fJ per op
    topsPerMm2: layer.ops / latency_ns.total / 1000 / area_mm2.total, // ops/ns = 1e9 ops/s; / 1e12 -> TOPS
    energyPerOp_fJ, area_mm2, latency_ns, ops: layer.ops,
  };
}

export type Metric = 'topsPerW' | 'topsPerMm2';
export const METRICS_COMPARED: readonly Metric[] = ['topsPerW', 'topsPerMm2'];

export interface ComparisonRow {
  readonly macro: string;
  readonly metric: Metric;
  readonly published: number;
  readonly predicted: number;
  /** predicted / published - 1. */
  readonly error: number;
  /** max(predicted/published, published/predicted): how many times off, >= 1. */
  readonly factor: number;
}

export function compare(spec: MacroSpec, prediction: MacroPrediction): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const metric of METRICS_COMPARED) {
    const figure = spec.published[metric];
    if (!figure) continue;
    const predicted = prediction[metric];
    const ratio = predicted / figure.value;
    rows.push({ macro: spec.name, metric, published: figure.value, predicted, error: ratio - 1, factor: Math.max(ratio, 1 / ratio) });
  }
  return rows;
}

/** Pinned predictions: macro -> metric -> value (regenerated with UPDATE_MACROS=1). */
export type Pinned = Record<string, Record<Metric, number>>;

export function pinnedFromPredictions(predictions: ReadonlyMap<string, MacroPrediction>): Pinned {
  const out: Pinned = {};
  for (const [name, p] of predictions) out[name] = { topsPerW: p.topsPerW, topsPerMm2: p.topsPerMm2 };
  return out;
}

export function predictAll(): Map<string, MacroPrediction> {
  return new Map(MACROS.map((m) => [m.name, predictMacro(m)]));
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3);
}

function main(): void {
  const predictions = predictAll();
  const lines = ['| macro | node | array | bits | compared | published | ours | error | factor |', '|---|---|---|---|---|---|---|---|---|'];
  for (const spec of MACROS) {
    for (const row of compare(spec, predictions.get(spec.name)!)) {
      lines.push(`| ${spec.name} | ${spec.node_nm} nm | ${spec.array} | ${spec.bits} | ${row.metric === 'topsPerW' ? 'TOPS/W' : 'TOPS/mm²'} | ${fmt(row.published)} | `
        + `${fmt(row.predicted)} | ${row.error >= 0 ? '+' : ''}${(100 * row.error).toFixed(0)}% | ${row.factor.toFixed(2)}x |`);
    }
  }
  lines.push('', '| macro | fJ/op crossbar | adc | periphery | total | area mm² crossbar | adc | periphery | latency ns crossbar | adc | periphery |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, p] of predictions) {
    const e = p.energyPerOp_fJ;
    const a = p.area_mm2;
    const t = p.latency_ns;
    lines.push(`| ${name} | ${fmt(e.crossbar)} | ${fmt(e.adc)} | ${fmt(e.periphery)} | ${fmt(e.total)} | ${a.crossbar.toPrecision(3)} | ${a.adc.toPrecision(3)} | `
      + `${a.periphery.toPrecision(3)} | ${fmt(t.crossbar)} | ${fmt(t.adc)} | ${fmt(t.periphery)} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (process.env.UPDATE_MACROS === '1') {
    writeFileSync(PINNED_FILE, `${JSON.stringify(pinnedFromPredictions(predictions), null, 2)}\n`);
    process.stdout.write(`wrote ${PINNED_FILE}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
