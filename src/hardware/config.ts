/**
 * The hardware/algorithm configuration: the parameter registry (PARAMETERS, parameters.ts: the single place that
 * names every public parameter path with its type, unit, default, range and the engines it affects), defaults,
 * overrides (applyOverrides) and the check of a whole configuration (checkConfig); the per-layer view is layerView.ts.
 */
import { DEVICE_KINDS, DEVICE_PRESETS, type DeviceKind } from './devices.js';
import { ConfigError, describeValue } from '../core/errors.js';
import { PARAMETERS } from './parameters.js';
import { checkConsistency } from './consistency.js';
import { splitLayerPath } from '../util/layerKeys.js';
import { closestMatch } from '../core/suggest.js';

export * from './configTypes.js';
export { PARAMETERS } from './parameters.js';
export { layerHardware, layerOverride, layerOverrides, layerSpikeRate, layerValue, overridesByLayerName } from './layerView.js';
import type { HardwareConfig, ParameterSpec, ParamValue } from './configTypes.js';
import { BY_PATH, DEVICE_PRESET_FIELDS, PRESET_FIELD_BIT, badValue, checkedValue, parameterSpec, parseParameterValue, pathPlan, unknownParameter } from './parameterValues.js';
export { describeType, parameterSpec, parseFileValue, parseParameterValue, parseSetValue, refuseFileText, unknownParameter } from './parameterValues.js';
// The `layers.<key>.<path>` form is src/util/layerKeys.ts's (the search space reads it too).
export { splitLayerPath };

/**
 * SpikeSim's ELA accounting (Intelligent-Computing-Lab-Yale/SpikeSim, SNN_train_infer_quantization_ela/ela_spikesim.py)
 * as overrides of the Table III defaults, the configuration of the review's Fig. 7 LIF-area study: one crossbar per
 * weight block with a digital DIFF module (offset-diff) instead of differential pairs, each PE's
 * crossbars share one set of xbar/8 converters (time-multiplexed: the latency cost comes out of the read model),
 * no PE buffers, and a 1 KB tile buffer (0.7391 µm²/bit x 64 x 128 bits). Everything else stays physical and as
 * in Table III (4-bit cells, so 8-bit weights still take 2 slices; SpikeSim's script counts none). The same values
 * ship as configs/spikesim-ela.json for `--config`. docs/simulator.md §6 (Fig. 7) has the numbers.
 */
export const SPIKESIM_ELA_OVERRIDES: Readonly<Record<string, ParamValue>> = {
  // SpikeSim replaces the dual-crossbar approach with one crossbar and a digital DIFF module (review Sec. III).
  'crossbar.signedMapping': 'offset-diff',
  'adc.sharing': 'pe',
  'arch.buffer_KB.pe': 0,
  'arch.buffer_KB.tile': 1,
};


export function defaultConfig(): HardwareConfig {
  let tree: object = { layers: {} };
  for (const spec of PARAMETERS) tree = withPath(tree, spec.path.split('.'), 0, spec.default);
  if (!isHardwareConfig(tree)) throw new Error('the parameter registry does not fill every configuration field');
  return tree;
}

/**
 * Apply overrides (path -> raw value), validating each. `device.kind` is applied first and loads its preset,
 * so `{ 'device.kind': 'pcm', 'device.rOn_ohm': 1e5 }` keeps the explicit R_on; so does a device.kind applied on a
 * base whose R_on an earlier applyOverrides set (PRESET_FIELD_BIT). A base built otherwise (defaultConfig(), a
 * hand-made object) has no explicit fields: the preset replaces them.
 */
export function applyOverrides(base: HardwareConfig, overrides: Readonly<Record<string, unknown>>): HardwareConfig {
  // A base applyOverrides did not build (defaultConfig(), a hand-built object) is checked whole, then copied: the
  // result, trusted by the entry points (CheckedConfig), shares no object its caller could still change.
  if (!(base instanceof CheckedConfig)) {
    checkConfig(base);
    base = structuredClone(base);
  }
  // Copy on write: each object on an overridden path is copied once per call (not once per override), the
  // rest of `base` is shared; the result is the same tree, keys in the same order, as one copy per override.
  const explicitBefore = CheckedConfig.presetFieldsNamed(base);
  let explicit = explicitBefore;
  const root: HardwareConfig = new CheckedConfig(base);
  const copied: object[] = [root];
  // device.kind first: its preset is loaded, then the other overrides apply on top of it.
  if (Object.hasOwn(overrides, 'device.kind')) setValue(root, copied, pathPlan('device.kind').keys, applyDeviceKind(root, copied, overrides['device.kind'], explicitBefore));
  for (const path in overrides) {
    if (!Object.hasOwn(overrides, path) || path === 'device.kind') continue;
    const plan = pathPlan(path, { raw: overrides[path] });
    setValue(root, copied, plan.keys, checkedValue(path, plan.spec, overrides[path]));
    explicit |= plan.presetBit;
  }
  CheckedConfig.namePresetFields(root, explicit);
  checkConsistency(root);
  return root;
}

/**
 * `base` (a configuration applyOverrides built) with its top-level `sections[i]` replaced by `objects[i]` (sections
 * applyOverrides built on it) and the preset fields of `presetBits` (presetBit) named too, its consistency checked:
 * what applyOverrides gives for the overrides that built those sections (overridesApplier.ts).
 */
export function configWithSections(base: HardwareConfig, sections: readonly string[], objects: readonly object[], presetBits: number): HardwareConfig {
  return CheckedConfig.withSections(base, sections, objects, presetBits);
}

/** The top-level section a global override path sets and its preset bit (PRESET_FIELD_BIT); throws as applyOverrides for an unknown path. */
export function overridePath(path: string): { readonly section: string; readonly perLayer: boolean; readonly presetBit: number } {
  const plan = pathPlan(path);
  return { section: plan.keys[0], perLayer: plan.perLayer, presetBit: plan.presetBit };
}

/**
 * What applyOverrides returns: a configuration built from a checked base with checked values, which checkedConfig
 * trusts, so a search's millions of evaluations pay one instanceof (a WeakSet of them cost ~0.2 us per
 * applyOverrides and more in garbage collection: ~15% of a search's evaluation). A copy (`{ ...config }`,
 * structuredClone) is a plain object, checked again. Immutable by type (readonly): a variant is made with
 * applyOverrides, never by changing one in place (a changed one would not be checked again). Sections in
 * defaultConfig()'s order.
 */
class CheckedConfig implements HardwareConfig {
  readonly layers: HardwareConfig['layers'];
  readonly device: HardwareConfig['device'];
  readonly crossbar: HardwareConfig['crossbar'];
  readonly adc: HardwareConfig['adc'];
  readonly arch: HardwareConfig['arch'];
  readonly snn: HardwareConfig['snn'];
  readonly tech: HardwareConfig['tech'];
  readonly accuracy: HardwareConfig['accuracy'];
  readonly training: HardwareConfig['training'];
  /** PRESET_FIELD_BIT of the device fields overrides named in this configuration's chain (private: not a setting). */
  #presetFieldsNamed = 0;
  static presetFieldsNamed(config: HardwareConfig): number {
    return config instanceof CheckedConfig ? config.#presetFieldsNamed : 0;
  }
  static namePresetFields(config: HardwareConfig, bits: number): void {
    if (config instanceof CheckedConfig) config.#presetFieldsNamed = bits;
  }
  /**
   * `base` with `sections[i]` replaced by `objects[i]` (sections applyOverrides built on `base`) and `presetBits` more
   * preset fields named, its consistency checked: what applyOverrides gives for the overrides that built them.
   */
  static withSections(base: HardwareConfig, sections: readonly string[], objects: readonly object[], presetBits: number): HardwareConfig {
    const config = new CheckedConfig(base);
    for (let i = 0; i < sections.length; i++) Reflect.set(config, sections[i], objects[i]);
    config.#presetFieldsNamed = CheckedConfig.presetFieldsNamed(base) | presetBits;
    checkConsistency(config);
    return config;
  }
  constructor(base: HardwareConfig) {
    this.layers = base.layers;
    this.device = base.device;
    this.crossbar = base.crossbar;
    this.adc = base.adc;
    this.arch = base.arch;
    this.snn = base.snn;
    this.tech = base.tech;
    this.accuracy = base.accuracy;
    this.training = base.training;
  }
}

/**
 * Refuses anything but a complete, valid HardwareConfig with one ConfigError naming the path, the value and what was
 * expected (`adc.bits: got "6", expected an integer in [1, 12] (bit)`): every registry path present with a value of
 * its type and range (numbers as numbers: "6" is refused), no unknown field, per-layer overrides of per-layer
 * parameters only, and the device's bits per cell. For a configuration built by hand (defaultConfig() is valid).
 */
export function checkConfig(config: unknown): asserts config is HardwareConfig {
  if (!isObject(config)) throw new ConfigError(`config: got ${describeValue(config)}, expected a HardwareConfig object (defaultConfig(), applyOverrides)`);
  // Flat walks over precomputed paths, no string built unless one is refused: ~1 us for a configuration without layers.
  const nodes: object[] = [config];
  for (const { path, parent, key, fields } of SECTIONS) {
    const value: unknown = Reflect.get(nodes[parent], key);
    if (!isObject(value)) throw new ConfigError(`${path}: got ${describeValue(value)}, expected an object of the ${path}.* parameters`);
    nodes.push(value);
    for (const field in value) if (!fields.has(field)) unknownField(`${path}.${field}`, Reflect.get(value, field));
  }
  for (const field in config) if (!ROOT_FIELDS.has(field)) unknownField(field, Reflect.get(config, field));
  for (const { spec, section, key } of FIELDS) strictValue(spec.path, spec, Reflect.get(nodes[section], key));
  const layers: unknown = Reflect.get(config, 'layers');
  if (!isObject(layers)) throw new ConfigError(`layers: got ${describeValue(layers)}, expected an object of per-layer overrides ({} for none)`);
  for (const [key, values] of Object.entries(layers)) {
    if (!isObject(values)) throw new ConfigError(`layers.${key}: got ${describeValue(values)}, expected an object of parameter path -> value`);
    for (const [path, raw] of Object.entries(values)) strictValue(`layers.${key}.${path}`, parameterSpec(`layers.${key}.${path}`, { raw }), raw);
  }
  checkConsistency(config as HardwareConfig);
}

/** checkConfig unless applyOverrides built `config`: what the library's entry points (evaluate, ...) call first. */
export function checkedConfig(config: HardwareConfig): void {
  if (!isCheckedConfig(config)) checkConfig(config);
}

/** Whether applyOverrides built `config` (so nothing in it changes: a check of it holds for good). */
export function isCheckedConfig(config: HardwareConfig): boolean {
  return config instanceof CheckedConfig;
}

/**
 * The configuration's shape as the registry's paths make it: its sections (objects: `device`, `arch.buffer_KB`; each
 * after its parent, nodes[parent] in checkConfig, 0 = the root) with their fields, and each parameter's section.
 */
const SECTIONS: { path: string; parent: number; key: string; fields: Set<string> }[] = [];
const FIELDS: { spec: ParameterSpec; section: number; key: string }[] = [];
const ROOT_FIELDS = new Set(['layers']);
for (const spec of PARAMETERS) {
  const keys = spec.path.split('.');
  let node = 0; // index in nodes: 0 = the root
  for (let i = 0; i < keys.length - 1; i++) {
    const path = keys.slice(0, i + 1).join('.');
    let at = SECTIONS.findIndex((s) => s.path === path);
    if (at < 0) {
      at = SECTIONS.push({ path, parent: node, key: keys[i], fields: new Set() }) - 1;
      if (node === 0) ROOT_FIELDS.add(keys[i]);
      else SECTIONS[node - 1].fields.add(keys[i]);
    }
    node = at + 1;
  }
  SECTIONS[node - 1].fields.add(keys[keys.length - 1]);
  FIELDS.push({ spec, section: node, key: keys[keys.length - 1] });
}

function unknownField(path: string, value: unknown): never {
  const match = closestMatch(splitLayerPath(path)?.path ?? path, BY_PATH.keys());
  const hint = match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
  throw new ConfigError(`${path}: got ${describeValue(value)}, expected no such field (unknown parameter${hint}; see \`cosearch list parameters\`)`);
}

/** checkedValue without its conversion: a number parameter's value must be a number already. */
function strictValue(path: string, spec: ParameterSpec, raw: unknown): void {
  if (spec.type.kind !== 'choice' && typeof raw !== 'number') badValue(path, spec, raw);
  checkedValue(path, spec, raw);
}

/** Validates a device.kind value and loads its preset into `root`; returns the value. */
/** Loads the preset of `raw` into root.device, except the fields an earlier override named (`explicit`). */
function applyDeviceKind(root: HardwareConfig, copied: object[], raw: unknown, explicit: number): ParamValue {
  const value = parseParameterValue('device.kind', raw);
  if (!isDeviceKind(value)) return value;
  const preset = DEVICE_PRESETS[value];
  const set = (field: string, v: ParamValue): void => {
    if ((explicit & (PRESET_FIELD_BIT.get(`device.${field}`) ?? 0)) === 0) setValue(root, copied, ['device', field], v);
  };
  for (const field of DEVICE_PRESET_FIELDS) set(field, preset[field]);
  set('writePulse_ns', preset.write.pulse_ns);
  set('writeVoltage_V', preset.write.voltage_V);
  set('resetPulse_ns', preset.write.resetPulse_ns);
  set('resetVoltage_V', preset.write.resetVoltage_V);
  set('pulseLevels', preset.write.pulseLevels);
  set('endurance_cycles', preset.write.endurance_cycles);
  // The kind's own default when no override named it, so a preset alone never lands outside its realistic range. An
  // explicit bitsPerCell above the device's maximum is left for checkConsistency to refuse, not lowered.
  set('bitsPerCell', preset.defaultBitsPerCell);
  return value;
}

/**
 * Sets keys = value under `root`, copying each object on the way that this call has not copied yet (`copied`). Own
 * properties only: a layer key may be any name, and assigning `layers.__proto__` would replace the prototype of
 * `layers` (the override silently lost) instead of adding the key.
 */
function setValue(root: object, copied: object[], keys: readonly string[], value: ParamValue): void {
  let node: object = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const child: unknown = Object.hasOwn(node, keys[i]) ? Reflect.get(node, keys[i]) : undefined;
    let next: object;
    if (isObject(child) && copied.includes(child)) next = child;
    else {
      next = isObject(child) ? copyOwn(child) : {};
      copied.push(next);
      setOwn(node, keys[i], next);
    }
    node = next;
  }
  setOwn(node, keys[keys.length - 1], value);
}

/**
 * A shallow copy of `child`'s own enumerable properties. Object.assign onto `{}` adds them one by one along the
 * shape every such copy takes, so each copy of a section has one shape from the first call on; a spread (`{ ...child }`)
 * gave the first copy made at this site a shape of its own (V8's clone cache not yet filled), and an engine run
 * optimised on the others threw its code away when it met that first configuration again (the ELA bench's 2-s window
 * opens on it: docs/performance.md, "One shape for every configuration"). An own `__proto__` key (a layer may be named
 * so) is copied by the spread, as before: Object.assign would set the copy's prototype with it instead.
 */
function copyOwn(child: object): object {
  return Object.hasOwn(child, '__proto__') ? { ...child } : Object.assign({}, child);
}

function setOwn(node: object, key: string, value: unknown): void {
  // Only `__proto__` is an accessor every object inherits; any other key assigns an own data property, and plain
  // assignment keeps the search's hot path as fast as before (defineProperty on every set cost ~7% of the worker path).
  if (key === '__proto__') Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
  else Reflect.set(node, key, value);
}

export function getPath(config: HardwareConfig, path: string): ParamValue {
  const value = valueAt(config, path);
  if (!isParamValue(value)) throw unknownParameter(path);
  return value;
}

function valueAt(root: object, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) node = isObject(node) ? Reflect.get(node, key) : undefined;
  return node;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isParamValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string';
}

function isDeviceKind(value: ParamValue): value is DeviceKind {
  return DEVICE_KINDS.some((kind) => kind === value);
}

/** Every registry path holds a value of its type, and `layers` is an object: the shape of a HardwareConfig. */
function isHardwareConfig(tree: object): tree is HardwareConfig {
  return isObject(Reflect.get(tree, 'layers')) && PARAMETERS.every((spec) => {
    const value = valueAt(tree, spec.path);
    return spec.type.kind === 'choice' ? typeof value === 'string' : typeof value === 'number';
  });
}

/** A copy of `node` with keys[i..] set to `value` (creating missing levels); the rest shared. */
function withPath<T extends object>(node: T, keys: readonly string[], i: number, value: ParamValue): T {
  const key = keys[i];
  if (i === keys.length - 1) return { ...node, [key]: value };
  const child: unknown = Reflect.get(node, key);
  return { ...node, [key]: withPath(isObject(child) ? child : {}, keys, i + 1, value) };
}
