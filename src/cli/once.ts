/**
 * Options that take one value: commander keeps the last of two silently (`train -a bptt -a sdfa` trained SDFA,
 * `evaluate --samples 100 --samples 200` used 200). `once(flag)` is such an option's parser: a second value is refused
 * in one line. Commander calls it for values on the command line only, never for a default; each parser belongs to
 * one registration of one command (register() makes them), as each CLI invocation builds its program afresh.
 */
import { ConfigError } from '../core/index.js';

export function once<T = string>(flag: string, parse?: (value: string) => T): (value: string) => T | string {
  let given: string | undefined;
  return (value) => {
    if (given !== undefined) throw new ConfigError(`${flag}: given twice (${given}, ${value}), expected once`);
    given = value;
    return parse ? parse(value) : value;
  };
}
