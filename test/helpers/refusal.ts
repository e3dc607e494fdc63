/** The ConfigError message `run` throws; fails the test on any other error, and on a result. */
import { expect } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';

export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError, got a result');
}

/** The ConfigError message `run` rejects (or throws) with; fails the test on any other error, and on a result. */
export async function asyncRefusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError, got a result');
}
