/**
 * Options that mean nothing together (evaluate's accuracy options with --no-accuracy, train's device options without
 * --on-chip): refused in one line naming them, never silently ignored.
 */
import { ConfigError } from '../core/index.js';

/** The refusal of `flags` given as `got` (`--samples 20 with --no-accuracy`), `expected` what would be right. */
export function flagMixRefusal(flags: readonly string[], got: string, expected: string): ConfigError {
  return new ConfigError(`${flags.join('/')}: got ${got}, expected ${expected}`);
}
