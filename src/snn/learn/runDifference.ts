/**
 * Why a training run folder cannot be resumed by another run (session.ts): the first setting of the fingerprint
 * that differs, named as the command line sets it, in the style of search's resume refusal (settingDifference,
 * src/search/run/resume.ts): `epochs 1 but this run has 2 (-e 1 resumes it)`.
 */
import { DEFAULT_ONCHIP } from './onchip.js';

/** A fingerprint's path -> the setting's name, the flag that sets it, and the value an absent key stands for. */
interface Setting {
  readonly name: string;
  readonly flag?: string;
  readonly absent?: string;
}

const LEARNING_SETS = ['timesteps', 'batchSize', 'learningRate', 'seed', 'finalLearningRateFraction'];
const ONCHIP_SETS = ['weightRange', 'feedbackRange', 'verifyIterations'];

function setting(path: string): Setting {
  const [head, key, sub] = path.split('.');
  if (head === 'network' || head === 'dataset') return { name: head, flag: `--${head}` };
  if (head === 'trainSamples') return { name: 'training samples', flag: '--train-samples' };
  if (head === 'testSamples') return { name: 'test samples', flag: '--test-samples' };
  if (head === 'read') return { name: 'crossbar reads', absent: 'ideal (--ideal-reads)' };
  if (head === 'options') {
    if (key === 'epochs') return { name: 'epochs', flag: '-e' };
    if (key === 'algorithm') return { name: 'algorithm', flag: '--algorithm' };
    if (key === 'loss') return { name: 'loss', flag: '--loss', absent: 'cross-entropy' };
    if (key === 'detachReset') return { name: 'detach-reset', absent: 'false' };
    if (key === 'sizes') return { name: 'layer sizes' };
    if (LEARNING_SETS.includes(key)) return { name: `learning.${key}`, flag: `--set learning.${key}=` };
    return { name: key };
  }
  if (head === 'onChip') {
    if (key === 'device' && sub === 'name') return { name: 'device', flag: '--device' };
    if (key === 'device' && sub !== undefined) return { name: `device.${sub}`, flag: `--set device.${sub}=` };
    if (key === 'updateScheme') return { name: 'update scheme', flag: '--update-scheme', absent: DEFAULT_ONCHIP.updateScheme };
    if (key === 'writeScheme') return { name: 'write scheme', flag: '--write-scheme', absent: DEFAULT_ONCHIP.writeScheme };
    if (ONCHIP_SETS.includes(key)) return { name: `onchip.${key}`, flag: `--set onchip.${key}=` };
    return { name: `on-chip ${key}` };
  }
  return { name: path };
}

/** Leaves of a parsed fingerprint in key order (arrays and null are leaves), as [path, value]. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

function parse(print: unknown): Record<string, unknown> | undefined {
  if (typeof print !== 'string') return undefined;
  try {
    const v = JSON.parse(print) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `<setting> <old> but this run has <new> (<flag> <old> resumes it)` for the first differing setting of two
 * fingerprints (the folder's first); a generic line when the old one cannot be read or nothing named differs.
 */
export function fingerprintDifference(was: unknown, now: string): string {
  const old = parse(was);
  const cur = parse(now);
  if (!old || !cur) return 'its manifest has no readable fingerprint';
  if ((old.onChip === null) !== (cur.onChip === null)) {
    return old.onChip === null ? 'software training but this run trains on chip (drop --on-chip to resume it)' : 'on-chip training but this run trains in software (add --on-chip to resume it)';
  }
  const a = new Map(leaves(old));
  const b = new Map(leaves(cur));
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const s = setting(path);
    const show = (v: unknown): string => (v === undefined || (path === 'options.loss' && v === 'ce') ? (s.absent ?? 'none') : typeof v === 'string' ? v : JSON.stringify(v));
    const before = show(a.get(path));
    const after = show(b.get(path));
    if (before === after) continue;
    const hint = s.flag === undefined ? '' : ` (${s.flag}${s.flag.endsWith('=') ? '' : ' '}${before} resumes it${s.name === 'epochs' ? '; the learning-rate schedule spans the epochs, so more need a new folder' : ''})`;
    return `${s.name} ${before} but this run has ${after}${hint}`;
  }
  return 'the same settings in another form (the fingerprint changed between versions)';
}
