/** How the space parser collects mistakes: every one on its own line, so one run shows them all. */
import { ConfigError } from '../../core/index.js';

/** A space with one or more mistakes; `problems` holds one line per mistake (also joined in `message`). */
export class SpaceError extends ConfigError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SpaceError';
  }
}

/** Record `<field>: got <found>, expected <expected>`. */
export type Fail = (field: string, found: unknown, expected: string) => void;
/** Record `<field>: <message>`. */
export type Note = (field: string, message: string) => void;

/** The message of a caught error (what a context or a strategy check threw). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
