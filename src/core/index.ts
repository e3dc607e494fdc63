/** What every layer may use: the user-mistake error type and typo suggestions. */
export { ConfigError, describeValue, syntaxErrorSummary } from './errors.js';
export { abbreviated, closestMatch, didYouMean, didYouMeanKey, didYouMeanName, pickChoice, prefixOf, withinOneEdit } from './suggest.js';
export { checkInputFile, checkNesting, formatBytes, formatOf, INPUT_LIMITS_BYTES, ioReason, MAX_NESTING, parseDocument, parseJsonStrict, readDocument, readInputText } from './input/index.js';
export { checkOutputFile, checkOutputFolder } from './input/index.js';
export { decimalLiteral, decimalValue, describeRange, digitsHint, fitsRange, integerValue, parseIntegerText, parseNumberText, unsafeIntegerHint, type NumberRange } from './input/index.js';
export type { DocumentFormat, ReadInputOptions } from './input/index.js';
export { codeRoot, packageRoot } from './packageRoot.js';
export { cacheRoot } from './cacheRoot.js';
export { ceilLog2 } from './ceilLog2.js';
export { counted } from './counted.js';
export { refuseUnknownKeys, refuseUnknownNestedKeys, unknownKeyMessage } from './knownKeys.js';
