/** One malformed input: files written to a fresh folder ($D in args), the command, the field the one-line message names. */
export interface CorpusCase {
  readonly id: string;
  readonly files?: Readonly<Record<string, string>>;
  /** Files written as these bytes (binary content). */
  readonly bytes?: Readonly<Record<string, readonly number[]>>;
  /** Named pipes created in the folder (a reader must refuse them, not block). */
  readonly fifos?: readonly string[];
  /** Sparse files of this size in bytes (no disk used): for size limits. */
  readonly sparse?: Readonly<Record<string, number>>;
  readonly args: readonly string[];
  /** Text the error output must contain (the field, as printed). */
  readonly field: string;
  /** The command must leave the folder as it found it (a refused output path writes nothing). */
  readonly writesNothing?: true;
  /** Text the output must not contain (another file's content). */
  readonly absent?: string;
}
