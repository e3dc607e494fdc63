/**
 * The trends docs/simulator.md states, fuzzed (fast-check, fixed seed): for a random zoo network and random registry
 * configuration, two values of one parameter, every other value equal, must move a result the way the quoted line
 * says (or not at all). `arch.balance` is held off: its copies follow the latencies, so they change the hardware with
 * any parameter that moves a latency, and nothing else would be held equal. Per-layer overrides of the varied (or
 * held) parameter are dropped, so every layer sees the change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parameterSpec, type ParamValue } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, type Evaluation } from '../../src/sim/evaluate.js';
import { configOf, fuzzCase, relativeDifference, unlessRefused, valueOf, type FuzzCase } from './fuzzConfigs.js';

/** How a result moves from the lower value of the parameter to the higher (choices: from the first to the second). */
type Direction = 'up' | 'down' | 'same' | 'proportional';

interface Claim {
  /** The line of docs/simulator.md that states the trend (quoted). */
  readonly doc: string;
  readonly path: string;
  /** The two values compared (low, high); two draws of the parameter's values when not given. */
  readonly values?: readonly [ParamValue, ParamValue];
  /** Held at these values as well (besides arch.balance = off). */
  readonly hold?: Readonly<Record<string, ParamValue>>;
  readonly moves: Direction;
  /** The results compared, by name. */
  readonly results: Readonly<Record<string, (e: Evaluation) => number>>;
}

const dynamicEnergy = (e: Evaluation) => e.energy_pJ - e.breakdown.energy_pJ.leakage;
const slowest = (key: 'senseTime_ns' | 'readTime_ns') => (e: Evaluation) => Math.max(...e.layers.map((l) => l[key]));
const LAYER_DATAFLOW = { 'arch.dataflow': 'layer' };
/** A device that holds every bits-per-cell value (1-bit STT-MRAM and SRAM refuse most of them). */
const MULTILEVEL = { 'device.kind': 'rram' };

const CLAIMS: readonly Claim[] = [
  {
    doc: '| `sar` | (3.751·b + 25.84 + ...) µW · (b+1)·1 ns + 0.145 aJ·4^b | (b+1) ns | 266 + 164·b µm² | (and flash, ramp: all grow with b)',
    path: 'adc.bits', moves: 'up', hold: LAYER_DATAFLOW,
    results: { 'ADC energy': (e) => e.breakdown.energy_pJ.adc, 'ADC area': (e) => e.breakdown.area_mm2.adc, 'ADC latency': (e) => e.breakdown.latency_ns.adc, adcBits: (e) => e.adcBits },
  },
  {
    doc: 'ADC-less mode (`adc.kind = senseamp`): one SA per column, no mux, whatever `adc.bits` says',
    path: 'adc.bits', moves: 'same', hold: { 'adc.kind': 'senseamp' },
    results: { energy: (e) => e.energy_pJ, latency: (e) => e.latency_ns, area: (e) => e.area_mm2 },
  },
  {
    doc: 'row blocks rb = ceil(rows/X), column blocks cb = ceil(columns/W); weight blocks = rb·cb; crossbars = blocks·arrays',
    path: 'crossbar.size', moves: 'down', results: { crossbars: (e) => e.crossbars },
  },
  {
    doc: 'Table II: device precision ↑ → ADC bits ↑, crossbars ↓',
    path: 'device.bitsPerCell', moves: 'down', hold: MULTILEVEL, results: { crossbars: (e) => e.crossbars, 'minus adcBits': (e) => -e.adcBits },
  },
  {
    doc: 'slices s = ceil(weightBits / bitsPerCell); weight columns = C_out·s',
    path: 'snn.weightBits', moves: 'up', results: { crossbars: (e) => e.crossbars },
  },
  {
    doc: 'higher R_on or more bits per cell shrink the LSB current and slow every read',
    path: 'device.bitsPerCell', moves: 'up', hold: MULTILEVEL, results: { 'slowest sensing': slowest('senseTime_ns') },
  },
  {
    doc: 'higher R_on ... slow every read; TOPS falls as R_on rises; R_on ↑ → NoC and buffer bandwidth ↓; precisions and crossbar counts do not move with R_on',
    path: 'device.rOn_ohm', moves: 'up',
    results: {
      'slowest sensing': slowest('senseTime_ns'), latency: (e) => e.latency_ns, 'minus TOPS': (e) => -e.tops,
      'minus NoC bandwidth': (e) => -e.nocBandwidth_Gbps, 'minus buffer bandwidth': (e) => -e.bufferBandwidth_Gbps,
    },
  },
  {
    doc: 'a higher read voltage speeds it up; read voltage ↑ → bandwidth ↑',
    path: 'device.readVoltage_V', moves: 'down',
    results: { 'slowest sensing': slowest('senseTime_ns'), latency: (e) => e.latency_ns, 'minus NoC bandwidth': (e) => -e.nocBandwidth_Gbps, 'minus buffer bandwidth': (e) => -e.bufferBandwidth_Gbps },
  },
  ...['device.rOn_ohm', 'device.onOffRatio', 'device.readVoltage_V'].map((path): Claim => ({
    doc: 'precisions and crossbar counts do not move with R_on, On/Off or V_r',
    path, moves: 'same', results: { crossbars: (e) => e.crossbars, adcBits: (e) => e.adcBits, accumulatorBits: (e) => e.accumulatorBits },
  })),
  {
    doc: 'Read energy of the array: V_r²·G_mean·t_sense per active cell (active cells per read = p·rows·columns); AER: a tensor at rate p costs T·(p·N + 1)·⌈log2 N⌉ bits',
    path: 'snn.spikeRate', moves: 'up', results: { 'dynamic energy': dynamicEnergy },
  },
  {
    // A hair below 1 some reads can still be all zero, at 1 none: the check must not vanish there.
    doc: 'the check costs one comparator bit per input bit (dense) or one "no event" flag per row-block read (AER) ..., on every read, also where none can be all zero',
    path: 'snn.spikeRate', values: [1 - Number.EPSILON / 2, 1], moves: 'up', hold: { 'adc.skipZeroReads': 'on' }, results: { 'dynamic energy': dynamicEnergy },
  },
  {
    doc: 'LIF updates stay dense: every neuron leaks every timestep, so the LIF module updates T x N neurons per layer whatever the activity',
    path: 'snn.spikeRate', moves: 'same', results: { 'LIF energy': (e) => e.breakdown.energy_pJ.lif },
  },
  {
    // Until 2026-12-07 the latency did not move with the rate (the delivery was not timed): this claim held it 'same'.
    doc: 'under AER the latency rises with the spike rate where the delivery binds, and never falls',
    path: 'snn.spikeRate', moves: 'up', results: { latency: (e) => e.latency_ns },
  },
  {
    doc: 'Skipping all-zero reads: **Latency does not change** ... Leakage (power x latency) does not change either.',
    path: 'adc.skipZeroReads', values: ['off', 'on'], moves: 'same', results: { latency: (e) => e.latency_ns, leakage: (e) => e.breakdown.energy_pJ.leakage },
  },
  {
    doc: 'energies ×1/f_E(node), areas ×1/f_A(node) from Stillmaker & Baas; cell area scales as F²',
    path: 'tech.node_nm', moves: 'up', results: { area: (e) => e.area_mm2 },
  },
  {
    doc: 'Sharing changes neither the conversions nor their energy, only how many converters exist and how long a read takes; (read time) times g when converters are shared per PE',
    path: 'adc.sharing', values: ['crossbar', 'pe'], moves: 'same', results: { 'ADC energy': (e) => e.breakdown.energy_pJ.adc },
  },
  {
    doc: '(read time) times g when converters are shared per PE',
    path: 'adc.sharing', values: ['crossbar', 'pe'], moves: 'up', results: { latency: (e) => e.latency_ns },
  },
  {
    doc: 'Read time t_read = max(t_sense + n·t_conv, clk), n = columnsPerAdc; W / columnsPerAdc converters per weight block',
    path: 'adc.columnsPerAdc', moves: 'up', results: { 'slowest read': slowest('readTime_ns'), 'minus ADC area': (e) => -e.breakdown.area_mm2.adc },
  },
  {
    doc: 'Dynamic energy and area are unchanged; leakage (power × time) follows the latency',
    path: 'arch.dataflow', values: ['layer', 'pipelined'], moves: 'same', results: { 'dynamic energy': dynamicEnergy, area: (e) => e.area_mm2 },
  },
  {
    // Not the whole latency: where the layers' drains exceed their stages the shared link makes the pipelined inference
    // the slower (VGG16, docs/simulator.md); the wait for it is NoC latency, and everything else overlaps.
    doc: 'The plain pipeline\'s time is shared out to layers and components in proportion to their serial latency; the wait for the link is NoC latency',
    path: 'arch.dataflow', values: ['layer', 'pipelined'], moves: 'down', results: { 'latency outside the NoC': (e) => e.latency_ns - e.breakdown.latency_ns.noc },
  },
  {
    doc: "'shared': all layers' PEs packed in order into ceil(ΣPEs/pesPerTile) tiles ('per-layer': ceil(PEs/pesPerTile) each)",
    path: 'arch.tilePacking', values: ['per-layer', 'shared'], moves: 'down', results: { tiles: (e) => e.tiles },
  },
  {
    doc: 'Never above unicast (m·h), equal for one receiver, h + m − 1 for m neighbours',
    path: 'arch.nocMulticast', values: ['unicast', 'tree'], moves: 'down', results: { 'NoC energy': (e) => e.breakdown.energy_pJ.noc, energy: (e) => e.energy_pJ },
  },
  {
    doc: 'The drain is many-to-one, no multicast: unchanged; so are tile-buffer writes',
    path: 'arch.nocMulticast', values: ['unicast', 'tree'], moves: 'same', results: { area: (e) => e.area_mm2 },
  },
  {
    // Until 2026-12-07 the latency did not move (the delivery was not timed): the claim above held it 'same'.
    doc: 'The latency never rises from unicast to a tree: a tree sends each input bit once through the global unit\'s outgoing channel',
    path: 'arch.nocMulticast', values: ['unicast', 'tree'], moves: 'down', results: { latency: (e) => e.latency_ns },
  },
  {
    doc: 'b·((g − 1) + h) bit-hops, never more than g·b·h, equal for g = 1 or h = 1',
    path: 'arch.psumReduction', values: ['global', 'chain'], moves: 'down', results: { 'NoC energy': (e) => e.breakdown.energy_pJ.noc },
  },
  {
    doc: "Partial-sum reduction (`arch.psumReduction`...): where an output's sums from the g = mean tiles of its column block are added",
    path: 'arch.psumReduction', values: ['global', 'chain'], moves: 'same', results: { area: (e) => e.area_mm2 },
  },
  {
    doc: 'r copies ... multiply its own hardware (area; its crossbars, PEs and tiles for leakage and the totals) by r',
    path: 'arch.replicate', moves: 'up', results: { area: (e) => e.area_mm2, crossbars: (e) => e.crossbars, pes: (e) => e.pes },
  },
  {
    doc: 'Energy and latency exactly linear in T',
    path: 'snn.timesteps', moves: 'proportional', hold: { ...LAYER_DATAFLOW, 'arch.timing': 'read-model' },
    results: { energy: (e) => e.energy_pJ, latency: (e) => e.latency_ns },
  },
];

/** Relative tolerance: rounding only (the same sums in another order). */
const ROUNDING = 1e-12;

function moved(direction: Direction, lo: number, hi: number, values: readonly [ParamValue, ParamValue]): boolean {
  const slack = ROUNDING * Math.max(Math.abs(lo), Math.abs(hi));
  switch (direction) {
    case 'up': return hi >= lo - slack;
    case 'down': return hi <= lo + slack;
    case 'same': return relativeDifference(lo, hi) <= ROUNDING;
    case 'proportional': return relativeDifference(lo / Number(values[0]), hi / Number(values[1])) <= 1e-9;
  }
}

/** The case's evaluation with `path` set to `value`, or undefined when refused (one line naming the field). */
function evaluatedAt(c: FuzzCase, path: string, value: ParamValue): Evaluation | undefined {
  const config = configOf({ network: c.network, overrides: { ...c.overrides, [path]: value } });
  return config && unlessRefused(() => evaluate(zooNetwork(c.network), config));
}

/** The case without per-layer overrides of `paths` (every layer must see the varied value, and the held ones). */
function withoutLayerOverridesOf(c: FuzzCase, paths: readonly string[]): FuzzCase {
  const overrides = Object.fromEntries(Object.entries(c.overrides).filter(([p]) => !(p.startsWith('layers.') && paths.some((q) => p.endsWith(`.${q}`)))));
  return { network: c.network, overrides };
}

const byValue = (a: ParamValue, b: ParamValue) => Number(a) - Number(b);

/** Checks a claim on `runs` random cases; returns how many were evaluated at both values (not refused). */
function checkClaim(claim: Claim, runs: number, seed: number): number {
  const hold = { 'arch.balance': 'off', ...claim.hold };
  const values = claim.values ? fc.constant(claim.values) : fc.tuple(valueOf(parameterSpec(claim.path)), valueOf(parameterSpec(claim.path)))
    .map(([a, b]): readonly [ParamValue, ParamValue] => (byValue(a, b) <= 0 ? [a, b] : [b, a]));
  let compared = 0;
  fc.assert(fc.property(fuzzCase(['ela'], undefined, hold), values, (drawn, pair) => {
    const c = withoutLayerOverridesOf(drawn, [claim.path, ...Object.keys(hold)]);
    const lo = evaluatedAt(c, claim.path, pair[0]);
    const hi = evaluatedAt(c, claim.path, pair[1]);
    // A refused case is skipped and another drawn (fast-check's precondition), so the claim is checked on `runs`
    // evaluated cases however many of the random ones the configuration check refuses.
    fc.pre(lo !== undefined && hi !== undefined);
    compared++;
    for (const [name, of] of Object.entries(claim.results)) {
      expect(moved(claim.moves, of(lo), of(hi), pair), `${name}: ${of(lo)} at ${claim.path}=${pair[0]}, ${of(hi)} at ${pair[1]} (${claim.moves})`).toBe(true);
    }
  }), { numRuns: runs, seed });
  return compared;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

describe('the trends docs/simulator.md states hold on random configurations (fast-check)', () => {
  for (const claim of CLAIMS) {
    const direction = claim.moves === 'same' ? 'leaves unchanged' : claim.moves === 'proportional' ? 'scales in proportion' : `moves ${claim.moves}`;
    it(`${claim.path} ${direction}: ${Object.keys(claim.results).join(', ')} ("${claim.doc}")`, () => {
      // Every run is a case evaluated at both values (refused draws are skipped, fast-check fails past its skip limit).
      expect(checkClaim(claim, RUNS, 20261205)).toBe(RUNS);
    });
  }
});
