import { describe, expect, it, vi } from 'vitest';

// The direct input's width has one source, src/snn/coding.ts: narrowed to 6 planes there, the ELA engine's input
// cycles and the crossbar model's input codes must follow (they kept their own copies of 8 bits before).
vi.mock('../../src/snn/coding.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/snn/coding.js')>();
  const codes = 2 ** 6 - 1;
  return {
    ...original,
    DIRECT_INPUT_PLANES: 6,
    DIRECT_INPUT_CODES: codes,
    directInputCode: (x: number): number => (x <= 0 ? 0 : x >= 1 ? codes : Math.round(x * codes)),
  };
});

const { defaultConfig } = await import('../../src/hardware/config.js');
const { resolveNetwork } = await import('../../src/model/index.js');
const { inputPlanes, mapLayer } = await import('../../src/sim/mapping.js');
const { quantizeDirectInput } = await import('../../src/sim/nonideal/device.js');

const net = resolveNetwork({
  name: 'direct',
  input: { channels: 16, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc1', outFeatures: 8 }, { kind: 'linear', name: 'fc2', outFeatures: 4 }],
});

describe('direct input width: one source (src/snn/coding.ts)', () => {
  it('the ELA engine counts the planes coding.ts declares for the direct-coded layer (6 here), 1 for spikes', () => {
    expect(net.layers[0].directInput).toBe(true);
    expect(inputPlanes(net.layers[0])).toBe(6);
    expect(mapLayer(net.layers[0], 4, 64, defaultConfig(), 'offset-diff').inputCycles).toBe(6);
    expect(inputPlanes(net.layers[1])).toBe(1);
  });

  it('the crossbar model quantises direct inputs to coding.ts codes (0..63 here)', () => {
    const out = new Int32Array(4);
    quantizeDirectInput(Float32Array.from([-1, 0.5, 1, 2]), out);
    expect(Array.from(out)).toEqual([0, 32, 63, 63]);
  });
});
