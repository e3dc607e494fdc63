/** The one safe way to read a file the user names (docs/search.md#input-files): regular files, bounded size and nesting, no duplicate keys, no echo. */
export { MAX_NESTING, parseJsonStrict } from './json.js';
export { checkInputFile, formatBytes, INPUT_LIMITS_BYTES, ioReason, readInputText, type ReadInputOptions } from './read.js';
export { checkNesting, formatOf, parseDocument, readDocument, type DocumentFormat } from './structured.js';
export { checkOutputFile, checkOutputFolder } from './output.js';
export { decimalLiteral, decimalValue, describeRange, digitsHint, fitsRange, integerValue, parseIntegerText, parseNumberText, unsafeIntegerHint, type NumberRange } from './numbers.js';
