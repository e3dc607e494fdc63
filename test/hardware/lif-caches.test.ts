import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, LIF_CACHES } from '../../src/hardware/config.js';
import { FEFET_UMEM_WRITE_SIGMA_FRACTION } from '../../src/hardware/devices.js';
import { LIF_CACHE_KINDS, lifCost } from '../../src/hardware/components/lif.js';
import { BITS_PER_KB } from '../../src/hardware/components/sram.js';
import { sramLeakage_W } from '../../src/hardware/components/sramLeakage.js';
import { membraneOf } from '../../src/sim/accuracy.js';
import { chipLeakage_W } from '../../src/sim/ela/chip.js';

describe('the U_mem cache kinds: one record per snn.lifCache value, read by the ELA and the accuracy engine', () => {
  it('every kind has a record; SRAM is the 1x reference, FeFET the review ratios, non-volatile and analog', () => {
    expect(Object.keys(LIF_CACHE_KINDS)).toEqual([...LIF_CACHES]);
    expect(LIF_CACHE_KINDS.sram).toEqual({ writeEnergyFactor: 1, areaFactor: 1, sramLeakage: true, analog: false });
    expect(LIF_CACHE_KINDS.fefet).toEqual({ writeEnergyFactor: 3, areaFactor: 1 / 7, sramLeakage: false, analog: true });
  });
  for (const kind of LIF_CACHES) {
    const record = LIF_CACHE_KINDS[kind];
    it(`${kind}: lifCost's area, the chip's leakage and the accuracy engine's cache model follow its record`, () => {
      expect(lifCost(512, 16, kind).cacheArea_um2).toBeCloseTo(lifCost(512, 16, 'sram').cacheArea_um2 * record.areaFactor, 9);
      const config = applyOverrides(defaultConfig(), { 'snn.lifCache': kind });
      const cacheKB = (1000 * config.snn.membraneBits) / BITS_PER_KB;
      const bufferKB = config.arch.buffer_KB.global + 2 * config.arch.buffer_KB.pe + config.arch.buffer_KB.tile;
      expect(chipLeakage_W(config, 2, 1, 1000)).toBeCloseTo(sramLeakage_W(bufferKB + (record.sramLeakage ? cacheKB : 0), config.tech.node_nm), 15);
      expect(membraneOf(config, 1).cache !== undefined).toBe(record.analog);
    });
  }
});

describe("the FeFET U_mem cache's write spread comes from the FeFET preset (docs/sources.md#umem-cache)", () => {
  it('default snn.lifCacheWriteSigma = 0.5% of the window per pulse x sqrt(16 of the 32 states) = 0.020', () => {
    expect(defaultConfig().snn.lifCacheWriteSigma).toBeCloseTo(0.005 * Math.sqrt(16), 15);
    expect(FEFET_UMEM_WRITE_SIGMA_FRACTION).toBeCloseTo(0.02, 15);
  });
});
