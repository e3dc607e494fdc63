/**
 * The actions the ELA engine counts (the Accelergy way: components with actions). Each layer first gets its action
 * counts (counts.ts), then a price per action from the component models (price.ts); energy = Σ count × price, per
 * component. Adding an energy action = one entry in INFERENCE_ACTIONS (or TRAINING_ACTIONS) + one count (or, for an
 * action that comes with every conversion, `perConversion` on its entry) + one price.
 *
 * Counts and prices are vectors indexed by ACTION.<name> (Float64Array: the engine runs tens of thousands of times
 * per second, so no per-layer maps or records in the hot path); actionRecord turns one into a typed record.
 */
export const COMPONENTS = ['crossbar', 'adc', 'periphery', 'buffer', 'lif', 'noc', 'htree', 'leakage'] as const;
export type Component = (typeof COMPONENTS)[number];
/** Index of each component in a per-component array (copy it into a module-local const in hot code: see ACTION). */
export const COMPONENT = { crossbar: 0, adc: 1, periphery: 2, buffer: 3, lif: 4, noc: 5, htree: 6, leakage: 7 } as const satisfies Record<Component, number>;

/**
 * An action every column conversion brings with it, wherever a conversion happens: the forward's (counts.ts
 * countWeightLayer), BPTT's transposed read and SDFA's feedback crossbars (src/sim/training) all add, through
 * countConversionActions (counts.ts), conversions x `times`: 'one' per conversion (its shift-and-add), 'muxed' one per
 * conversion of a multiplexed converter (its column switch: 0 without a mux), 'outputBits' one per output bit (the
 * H-tree). `verify`: also with the one conversion of a weight update's verify read (src/sim/training/writes.ts), for
 * an action of the conversion itself (a sample-and-hold); a verify read compares one cell at its write driver, so the
 * column switch, shift-and-add and H-tree of an MVM's read are not counted with it [assumption].
 */
export interface PerConversion {
  readonly times: 'one' | 'muxed' | 'outputBits';
  readonly verify: boolean;
}

interface ActionSpec {
  readonly name: string;
  readonly component: Component;
  readonly unit: string;
  /** Counted with every conversion (PerConversion); absent: counted by its own line in counts.ts. */
  readonly perConversion?: PerConversion;
}

/**
 * The actions of an inference: counted in counts.ts, priced in price.ts, summed by addInferenceEnergy. A new
 * inference action goes here (in TRAINING_ACTIONS it would be counted and priced but never billed).
 */
const INFERENCE_ACTIONS = [
  { name: 'cellRead', component: 'crossbar', unit: 'cell conducting for one read' },
  { name: 'conversion', component: 'adc', unit: 'column conversion' },
  { name: 'rowDrive', component: 'periphery', unit: 'word line driven in one crossbar' },
  { name: 'muxSelect', component: 'periphery', unit: 'column switched onto a converter', perConversion: { times: 'muxed', verify: false } },
  { name: 'shiftAdd', component: 'periphery', unit: 'converter output shifted and added', perConversion: { times: 'one', verify: false } },
  { name: 'accumulate', component: 'periphery', unit: 'partial-sum addition of accumulator width' },
  { name: 'diffSubtract', component: 'periphery', unit: 'DIFF subtraction of offset x input count, per output' },
  { name: 'popcountAdd', component: 'periphery', unit: '1-bit addition counting one input for DIFF' },
  { name: 'zeroCheck', component: 'periphery', unit: 'input bit (dense) or row-block flag (AER) checked for an all-zero read' },
  { name: 'spikeAdd', component: 'periphery', unit: 'pooling / residual addition on spikes' },
  { name: 'globalBufferReadBit', component: 'buffer', unit: 'bit read from the global buffer' },
  { name: 'globalBufferWriteBit', component: 'buffer', unit: 'bit written to the global buffer' },
  { name: 'tileBufferReadBit', component: 'buffer', unit: 'bit read from a tile buffer' },
  { name: 'tileBufferWriteBit', component: 'buffer', unit: 'bit written to a tile buffer' },
  { name: 'peBufferReadBit', component: 'buffer', unit: 'bit read from a PE buffer' },
  { name: 'peBufferWriteBit', component: 'buffer', unit: 'bit written to a PE buffer' },
  { name: 'lifUpdate', component: 'lif', unit: 'neuron update (read U_mem, integrate, leak, fire, write)' },
  { name: 'nocBitHop', component: 'noc', unit: 'bit crossing one router' },
  { name: 'htreeBit', component: 'htree', unit: 'bit crossing one tile side of H-tree', perConversion: { times: 'outputBits', verify: false } },
] as const satisfies readonly ActionSpec[];

/** On-chip training actions: counted and priced in src/sim/training, zero in an inference (docs/training-cost.md). */
const TRAINING_ACTIONS = [
  { name: 'writePulse', component: 'crossbar', unit: 'programming pulse on one cell: V_w²·Ḡ·t_w + C_line·V_w²' },
  { name: 'verifyRead', component: 'crossbar', unit: 'verify read of one cell after a pulse (cell read + one conversion)' },
  { name: 'transposedCellRead', component: 'crossbar', unit: 'cell conducting for one transposed (column-driven) read' },
  { name: 'transposedConversion', component: 'adc', unit: 'row-side conversion of a transposed read' },
  { name: 'feedbackCellRead', component: 'crossbar', unit: "cell of SDFA's feedback crossbar conducting for one read" },
  { name: 'feedbackConversion', component: 'adc', unit: "column conversion of SDFA's feedback crossbar" },
  { name: 'feedbackMac', component: 'periphery', unit: 'digital multiply-add of an error by a feedback weight' },
  { name: 'feedbackReadBit', component: 'buffer', unit: 'bit of B read from the feedback SRAM' },
  { name: 'prngBit', component: 'periphery', unit: 'pseudo-random bit generated (one LFSR register bit)' },
  { name: 'errorMac', component: 'periphery', unit: 'digital multiply-add of error width (surrogate x error, temporal recursion)' },
  { name: 'gradientAdd', component: 'periphery', unit: 'addition into one weight-gradient accumulator' },
  { name: 'gradientBit', component: 'buffer', unit: 'bit read or written in the weight-gradient SRAM' },
  { name: 'stateWriteBit', component: 'buffer', unit: 'bit of a stored spike or membrane potential written' },
  { name: 'stateReadBit', component: 'buffer', unit: 'bit of a stored spike or membrane potential read back' },
] as const satisfies readonly ActionSpec[];

/** Every action: its name, the component whose energy it is, and what one action is; the inference ones first. */
export const ACTIONS = [...INFERENCE_ACTIONS, ...TRAINING_ACTIONS] as const;

export type Action = (typeof ACTIONS)[number]['name'];
export const ACTION_COUNT = ACTIONS.length;

/**
 * Index of each action in a count or price vector. Hot code copies it into a module-local const (`const A = ACTION`):
 * under tsx (tests, benches, dev workers) every access to an imported binding is a getter call.
 */
export const ACTION: Readonly<Record<Action, number>> = complete(Object.fromEntries(ACTIONS.map((a, i) => [a.name, i])));

/** An action counted with every conversion: its index in the vectors and how many per conversion. */
export interface ConversionAction extends PerConversion {
  readonly action: number;
}

/**
 * The actions declared `perConversion` (in ACTIONS order): the one list every counter of conversions reads
 * (countConversionActions in counts.ts), so an action declared there is counted with the forward's, the transposed
 * read's, the feedback crossbars' and (`verify`) the verify reads' conversions alike.
 */
export const PER_CONVERSION_ACTIONS: readonly ConversionAction[] = ACTIONS.flatMap((a, action) => ('perConversion' in a ? [{ action, ...a.perConversion }] : []));

/** Component index (into COMPONENTS) of each action, by action index. */
export const ACTION_COMPONENT: Int32Array = Int32Array.from(ACTIONS, (a) => COMPONENTS.indexOf(a.component));

/** Counts or prices, one value per action (ACTION.<name> indexes it). */
export type ActionVector = Float64Array;

export function actionVector(): ActionVector {
  return new Float64Array(ACTION_COUNT);
}

/** A vector as a typed record (for tests, reports and debugging; not for the hot path). */
export function actionRecord(v: ActionVector): Record<Action, number> {
  const out: Partial<Record<Action, number>> = {};
  for (let i = 0; i < ACTION_COUNT; i++) out[ACTIONS[i].name] = v[i];
  return complete(out);
}

function hasEveryAction(r: Partial<Record<string, number>>): r is Record<Action, number> {
  return ACTIONS.every((a) => typeof r[a.name] === 'number');
}

/** The record itself once it has a number for every action (it always does: both callers fill it from ACTIONS). */
function complete(r: Partial<Record<string, number>>): Record<Action, number> {
  if (!hasEveryAction(r)) throw new Error('an action record misses an action');
  return r;
}

/**
 * Actions an inference counts: ACTIONS' first INFERENCE_ACTION_COUNT entries. The inference counters and pricers
 * (counts.ts, price.ts) leave the training entries at 0, so their products add nothing.
 */
export const INFERENCE_ACTION_COUNT = INFERENCE_ACTIONS.length;

const A = ACTION;
const C = COMPONENT;

/**
 * energy[c] += Σ over the inference actions of component c of counts × prices (pJ), each component's terms added in
 * action order: the same doubles as `for (a < INFERENCE_ACTION_COUNT) energy[ACTION_COMPONENT[a]] += counts[a] *
 * prices[a]`, and as the sum over every action while the training entries are 0 (adding 0·0 to a sum that started at
 * +0 leaves it unchanged). Written out term by term: it runs for every layer of every evaluation, and the loop (an
 * indexed component per action, the sum through the array) took ~3x as long, ~6% of evaluateTotals (2026-12-06,
 * docs/performance.md). A new inference action needs its term here: test/sim/ela-actions-energy.test.ts fails until
 * it has one.
 */
export function addInferenceEnergy(counts: ActionVector, prices: ActionVector, energy: number[]): void {
  const n = counts;
  const p = prices;
  energy[C.crossbar] += n[A.cellRead] * p[A.cellRead];
  energy[C.adc] += n[A.conversion] * p[A.conversion];
  energy[C.periphery] = energy[C.periphery] + n[A.rowDrive] * p[A.rowDrive] + n[A.muxSelect] * p[A.muxSelect] + n[A.shiftAdd] * p[A.shiftAdd]
    + n[A.accumulate] * p[A.accumulate] + n[A.diffSubtract] * p[A.diffSubtract] + n[A.popcountAdd] * p[A.popcountAdd]
    + n[A.zeroCheck] * p[A.zeroCheck] + n[A.spikeAdd] * p[A.spikeAdd];
  energy[C.buffer] = energy[C.buffer] + n[A.globalBufferReadBit] * p[A.globalBufferReadBit] + n[A.globalBufferWriteBit] * p[A.globalBufferWriteBit]
    + n[A.tileBufferReadBit] * p[A.tileBufferReadBit] + n[A.tileBufferWriteBit] * p[A.tileBufferWriteBit]
    + n[A.peBufferReadBit] * p[A.peBufferReadBit] + n[A.peBufferWriteBit] * p[A.peBufferWriteBit];
  energy[C.lif] += n[A.lifUpdate] * p[A.lifUpdate];
  energy[C.noc] += n[A.nocBitHop] * p[A.nocBitHop];
  energy[C.htree] += n[A.htreeBit] * p[A.htreeBit];
}
