/**
 * The ADC kind registry: kind name -> module. Adding a kind = one module + its import and one line in REGISTRY here; `adc.kind` validation,
 * `cosearch list parameters`, both engines and the accuracy caches read it from here.
 */
import { ConfigError } from '../../../core/errors.js';
import { FLASH } from './flash.js';
import { ADC_BITS_MAX, type AdcKindModule, type IgnoredAdcSetting } from './kind.js';
import { RAMP } from './ramp.js';
import { SAR } from './sar.js';
import { SENSEAMP } from './senseamp.js';

/** A registered kind: its module, and what the registry derives from it. */
export interface RegisteredAdcKind extends AdcKindModule {
  /**
   * adc.bits does not change what it computes or costs (so it must not split the accuracy caches): its
   * ignoredSettings name adc.bits at every resolution, 1 to ADC_BITS_MAX. Derived, so it is stated once, there.
   */
  readonly ignoresBits: boolean;
}

function registered(module: AdcKindModule): RegisteredAdcKind {
  const ignoresBits = Array.from({ length: ADC_BITS_MAX }, (_, i) => i + 1).every((bits) => module.ignoredSettings(bits).some((s) => s.path === 'adc.bits'));
  return { ...module, ignoresBits };
}

/**
 * The one table of kinds: a new kind is its import and one line here (`cco: registered(CCO),`). AdcKind, ADC_KINDS
 * (this order), validation and lookup all read it. (Until 2026-12-07 a second table, MODULES, listed the modules
 * again: QA extend defect 2.)
 */
const REGISTRY = {
  sar: registered(SAR),
  flash: registered(FLASH),
  senseamp: registered(SENSEAMP),
  ramp: registered(RAMP),
} as const satisfies Readonly<Record<string, RegisteredAdcKind>>;

export type AdcKind = keyof typeof REGISTRY;

export function isAdcKind(name: string): name is AdcKind {
  return Object.hasOwn(REGISTRY, name);
}

/** Every registered kind, in registry order. */
export const ADC_KINDS: readonly AdcKind[] = Object.keys(REGISTRY).filter(isAdcKind);

/** The module of a kind; a ConfigError naming the registered kinds for anything else. */
export function adcKind(name: string): RegisteredAdcKind {
  if (!isAdcKind(name)) throw new ConfigError(`adc.kind: got ${JSON.stringify(name)}, expected one of ${ADC_KINDS.join(', ')}`);
  return REGISTRY[name];
}

/**
 * A converter that resolves one bit per conversion (a sense amplifier, or a SAR, flash or ramp at adc.bits = 1): one
 * comparator decision against one reference, which binarises each partial sum. The ELA prices every such converter as
 * the sense amplifier's circuit (multiplexed.ts oneBitIsSenseAmp); the accuracy side notes and treats them alike
 * through this predicate (MAC error not applicable, weights trained for multi-bit sums off their point).
 */
export function isOneBitConverter(adc: { readonly kind: string; readonly bits: number }): boolean {
  return adcKind(adc.kind).outputBits(adc.bits) === 1;
}

/** The adc.* settings a layer's converter does not read (its kind's ignoredSettings at its adc.bits). */
export function ignoredAdcSettings(adc: { readonly kind: string; readonly bits: number }): readonly IgnoredAdcSetting[] {
  return adcKind(adc.kind).ignoredSettings(adc.bits);
}

/** A weight layer a value of an adc.* path may reach: its converter, and whether it holds a value of that path of its own. */
export interface SettingReader {
  readonly name: string;
  readonly adc: { readonly kind: string; readonly bits: number };
  /** The layer sets the path itself (a `layers.<key>.<path>`), so the value at stake does not reach it. */
  readonly ownValue?: boolean;
  /**
   * Where the value at stake sets the converter itself (adc.kind, adc.bits): the converter the layer has without it
   * (the global value, or the default). The value is unread only if that one ignores the path too: a layer's own 1-bit
   * flash beside a global sense amplifier is not "the same as without it".
   */
  readonly fallback?: { readonly kind: string; readonly bits: number };
}

/** A layer a value reaches whose converter ignores it, and why (its kind's ignoredSettings). */
export interface IgnoringReader {
  readonly name: string;
  readonly adc: { readonly kind: string; readonly bits: number };
  readonly why: string;
}

/**
 * The one rule for a value of an adc.* `path` that no converter reads: the layers it reaches (`layers` without a value
 * of their own) include none whose converter reads it, and some layer's converter ignores it (a layer of its own value
 * counts here: a value no layer sees is no converter's concern, and no layer reads it). Returns the layers it reaches,
 * each with why its converter ignores it, or undefined when some layer it reaches reads it (a layer-wise design with a
 * sense amplifier on fc1 and a SAR on fc2 reads a global adc.bits on fc2: QA recent defect 1) or no converter ignores it.
 * Read by the model note (src/sim/modelNotes.ts), a search's design key (src/sim/effectiveDesign.ts) and a space's
 * up-front line (src/app/adcSpaceNotes.ts), so the three say one thing.
 */
export function unreadSetting(path: string, layers: readonly SettingReader[]): IgnoringReader[] | undefined {
  const reached: IgnoringReader[] = [];
  let ignoredSomewhere = false;
  const ignores = (adc: SettingReader['adc']) => ignoredAdcSettings(adc).find((s) => s.path === path)?.why;
  for (const layer of layers) {
    const why = layer.fallback === undefined || ignores(layer.fallback) !== undefined ? ignores(layer.adc) : undefined;
    if (why !== undefined) ignoredSomewhere = true;
    if (layer.ownValue === true) continue;
    if (why === undefined) return undefined;
    reached.push({ name: layer.name, adc: layer.adc, why });
  }
  return ignoredSomewhere ? reached : undefined;
}

export { ADC_BITS_MAX, ADC_NOISE_ENERGY_PER_4POW_pJ, adcNoiseEnergy_pJ, blankConverterCost, conversionEnergy_pJ, convertersPerCrossbar } from './kind.js';
export type { AdcKindModule, ConverterCost, ConverterCostSlot, IgnoredAdcSetting } from './kind.js';
export { ADC_RANGE_MODES, digitizeColumn, digitizeColumns } from './transfer.js';
export type { AdcRangeMode, ColumnConverter, ConverterOptions, ConverterSettings, PerOutputReference } from './transfer.js';
export { SAR, FLASH, SENSEAMP, RAMP };
