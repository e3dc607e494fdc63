/** How the space parser collects mistakes: every one on its own line, so one run shows them all. */
import { ConfigError } from '../../core/index.js';

/** Most problems the message lists; the rest are counted (`... and N more`). `problems` keeps them all. */
export const MAX_LISTED_PROBLEMS = 20;

/** Most problems kept (in `problems`); beyond it they are only counted (`omitted`), so a huge bad file stays cheap. */
export const MAX_KEPT_PROBLEMS = 1000;

/**
 * A space with one or more mistakes; `problems` holds one line per mistake (at most MAX_KEPT_PROBLEMS, the rest
 * counted in `omitted`); `message` lists the first MAX_LISTED_PROBLEMS, then `... and N more`.
 */
export class SpaceError extends ConfigError {
  constructor(readonly problems: readonly string[], readonly omitted = 0) {
    const more = problems.length - MAX_LISTED_PROBLEMS + omitted;
    super(more <= 0 ? problems.join('\n') : `${problems.slice(0, MAX_LISTED_PROBLEMS).join('\n')}\n... and ${more} more`);
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
