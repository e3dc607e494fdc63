import type { HardwareConfig } from './configTypes.js';

/** One clock period in ns: 1000 / arch.clock_MHz (1 MHz = 1000 ns per cycle). */
export function clockPeriod_ns(config: Pick<HardwareConfig, 'arch'>): number {
  return 1000 / config.arch.clock_MHz;
}
