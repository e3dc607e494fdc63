/**
 * Device presets. Selecting `device.kind` loads these values as the defaults of the device.* parameters;
 * explicit overrides still win. Numbers from ../shared/circuits.md §2.5 (sources cited per field).
 */

export const DEVICE_KINDS = ['rram', 'pcm', 'fefet', 'sttmram', 'sram'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface DevicePreset {
  readonly rOn_ohm: number;
  readonly onOffRatio: number;
  readonly readNoiseSigma: number;
  readonly driftNu: number;
  /** Most bits one cell can hold reliably. */
  readonly maxBitsPerCell: number;
  /** Cell footprint including its access device, in F² (feature size squared). */
  readonly cellArea_F2: number;
  readonly source: string;
}

export const DEVICE_PRESETS: Readonly<Record<DeviceKind, DevicePreset>> = {
  // SpikeSim / review Table III: R_on 20 kΩ, On/Off 10, σ 0.1 (review Sec. IV C 3); 1T1R 48F² (NeuroSim V1.4 Param.cpp).
  // RRAM power-law drift ν = 0.005 is an [inference] (circuits.md §2.4: "no power-law drift" in AIHWKit RRAM).
  rram: { rOn_ohm: 20e3, onOffRatio: 10, readNoiseSigma: 0.1, driftNu: 0.005, maxBitsPerCell: 8, cellArea_F2: 48,
    source: 'review Table III; NeuroSim V1.4 Param.cpp (48F² 1T1R)' },
  // PCM (Joshi, Nat. Commun. 2020, via CrossSim PCM_Joshi.py): 0.25–25 µS window => R_on 40 kΩ, On/Off 100;
  // 1/f read noise ≈ 3.7% at G_max (AIHWKit noise/pcm.py); drift ν ≈ 0.05 (AIHWKit PCM mean).
  pcm: { rOn_ohm: 40e3, onOffRatio: 100, readNoiseSigma: 0.037, driftNu: 0.05, maxBitsPerCell: 8, cellArea_F2: 48,
    source: 'Joshi 2020 (CrossSim PCM_Joshi.py); AIHWKit noise/pcm.py' },
  // FeFET (MLP_NeuroSim_V3.0 Cell.cpp): 39.7 nS–1.79 µS => R_on 559 kΩ, On/Off 45; noise 'low' -> 1% and ν 0.01 are [inference].
  fefet: { rOn_ohm: 1 / 1.79e-6, onOffRatio: 45, readNoiseSigma: 0.01, driftNu: 0.01, maxBitsPerCell: 6, cellArea_F2: 48,
    source: 'MLP_NeuroSim_V3.0 Cell.cpp; review Sec. V C' },
  // STT-MRAM (MLP_NeuroSim_V3.0 Cell.cpp): 8 kΩ / 24 kΩ, binary; noise 1% is [inference].
  sttmram: { rOn_ohm: 8e3, onOffRatio: 3, readNoiseSigma: 0.01, driftNu: 0, maxBitsPerCell: 1, cellArea_F2: 48,
    source: 'MLP_NeuroSim_V3.0 Cell.cpp' },
  // 8T SRAM compute cell: binary, no drift or read noise; 280F² (NeuroSim). Read-port on-resistance ≈ 10 kΩ and
  // On/Off 1e3 are [inference] for a 65 nm read stack.
  sram: { rOn_ohm: 10e3, onOffRatio: 1e3, readNoiseSigma: 0, driftNu: 0, maxBitsPerCell: 1, cellArea_F2: 280,
    source: 'NeuroSim V1.4 (280F² SRAM cell); read stack [inference]' },
};
