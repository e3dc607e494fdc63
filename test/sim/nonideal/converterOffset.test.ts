/**
 * Converter offsets (src/sim/nonideal/converterOffset.ts, docs/nonidealities.md "Converter offset"): a static
 * input-referred offset per converter, drawn once per chip from the seed. Hand-sized columns on an ideal device
 * (no wires, noise, programming error or drift), so every column value is the exact integer sum of its weights.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, layerHardware } from '../../../src/hardware/config.js';
import { columnConverter, digitizeColumn } from '../../../src/sim/nonideal/adc.js';
import { cellLevels } from '../../../src/sim/nonideal/device.js';
import { programLayer } from '../../../src/sim/nonideal/layer.js';
import { normalsOnce } from '../../../src/sim/nonideal/normalMemo.js';

const IDEAL = { 'snn.weightBits': 4, 'device.bitsPerCell': 4, 'crossbar.rWire_ohm': 0, 'device.readNoiseSigma': 0, 'device.programmingSpread': 0,
  'crossbar.signedMapping': 'differential-pair', 'crossbar.size': 64 };
const OUTPUTS = 40;
const INPUTS = 3;
// Weights -7..7 (max |w| 7: scale 1, q = w); each output's column value with every input on is its row sum, -9..9.
const W = Float32Array.from({ length: OUTPUTS * INPUTS }, (_, i) => ((i * 7 + Math.floor(i / 5)) % 15) - 7);
W[0] = 7;
const sums = Array.from({ length: OUTPUTS }, (_, o) => W[o * INPUTS] + W[o * INPUTS + 1] + W[o * INPUTS + 2]);
const ONES = new Float32Array(INPUTS).fill(1);

function run(overrides: Record<string, string | number>, seed = 'chip'): { y: number[]; hw: ReturnType<typeof layerHardware> } {
  const config = applyOverrides(defaultConfig(), { ...IDEAL, ...overrides });
  const hw = layerHardware(config, { index: 0, name: 'l' });
  const layer = programLayer(W, INPUTS, OUTPUTS, hw, config, seed, { directInput: false });
  const y = new Float32Array(OUTPUTS);
  layer.mvm(ONES, y);
  return { y: Array.from(y, (v) => v / layer.outputScale), hw };
}

/** One cell level's read current (µA): V_read * ΔG of the layer's cells. */
function levelCurrent_uA(hw: ReturnType<typeof layerHardware>): number {
  return hw.device.readVoltage_V * cellLevels(hw.device).deltaG_S * 1e6;
}

describe('sense-amplifier offset (adc.senseOffsetSigma_uA)', () => {
  it('flips exactly the bits whose |I+ - I-| is below the drawn offset of the opposite sign', () => {
    const ideal = run({ 'adc.kind': 'senseamp' });
    expect(ideal.y).toEqual(sums.map((v) => (v > 0 ? 1 : 0)));
    const sigma_uA = 0.8;
    const { y, hw } = run({ 'adc.kind': 'senseamp', 'adc.senseOffsetSigma_uA': sigma_uA });
    // One sense amplifier per column (64 per crossbar): normal c of the band's stream, in cell levels.
    const z = normalsOnce('chip:converter-offset:0', 64);
    const offset = sums.map((_, c) => (sigma_uA / levelCurrent_uA(hw)) * z[c]);
    expect(y).toEqual(sums.map((v, c) => (v + offset[c] > 0 ? 1 : 0)));
    const flipped = sums.map((v, c) => (y[c] !== ideal.y[c] ? c : -1)).filter((c) => c >= 0);
    expect(flipped.length).toBeGreaterThan(3);
    for (const c of flipped) expect(Math.abs(sums[c])).toBeLessThan(Math.abs(offset[c]));
  });

  it('a larger σ flips a superset of the bits (same draws, scaled): the error grows monotonically', () => {
    const ideal = run({ 'adc.kind': 'senseamp' }).y;
    let before = new Set<number>();
    const counts: number[] = [];
    for (const s of [0.1, 0.3, 0.8, 2, 5]) {
      const y = run({ 'adc.kind': 'senseamp', 'adc.senseOffsetSigma_uA': s }).y;
      const now = new Set(y.flatMap((v, c) => (v !== ideal[c] ? [c] : [])));
      for (const c of before) expect(now.has(c)).toBe(true);
      counts.push(now.size);
      before = now;
    }
    expect(counts[counts.length - 1]).toBeGreaterThan(counts[0]);
  });

  it('is drawn once per chip from the seed: the same seed reproduces it, another seed draws other offsets', () => {
    const on = { 'adc.kind': 'senseamp', 'adc.senseOffsetSigma_uA': 0.8 };
    expect(run(on, 'chip').y).toEqual(run(on, 'chip').y);
    expect(run(on, 'other').y).not.toEqual(run(on, 'chip').y);
  });
});

describe('multi-bit converter offset (adc.offsetSigma_lsb)', () => {
  it('one draw per converter of adc.columnsPerAdc columns, in LSB, added before rounding', () => {
    const sigma = 0.7;
    const { y } = run({ 'adc.kind': 'sar', 'adc.bits': 5, 'adc.columnsPerAdc': 8, 'adc.offsetSigma_lsb': sigma });
    const conv = columnConverter({ ...defaultConfig().adc, kind: 'sar', bits: 5 }, INPUTS, 4, { bipolar: true });
    const z = normalsOnce('chip:converter-offset:0', 8); // 64 columns per crossbar / 8 per converter
    expect(y).toEqual(sums.map((v, c) => digitizeColumn(conv, v + sigma * conv.lsb * z[Math.floor(c / 8)])));
    expect(y).not.toEqual(sums);
  });

  it('the sense-amplifier σ does not move a multi-bit converter, nor the LSB σ a sense amplifier', () => {
    expect(run({ 'adc.kind': 'sar', 'adc.senseOffsetSigma_uA': 5 }).y).toEqual(sums);
    expect(run({ 'adc.kind': 'senseamp', 'adc.offsetSigma_lsb': 2 }).y).toEqual(sums.map((v) => (v > 0 ? 1 : 0)));
  });
});
