/** One malformed input: files written to a fresh folder ($D in args), the command, the field the one-line message names. */
export interface CorpusCase {
  readonly id: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  /** Text the error output must contain (the field, as printed). */
  readonly field: string;
  /** Text the output must not contain (another file's content). */
  readonly absent?: string;
}
