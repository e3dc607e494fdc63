/** What every layer may use: the user-mistake error type and typo suggestions. */
export { ConfigError, describeValue, syntaxErrorSummary } from './errors.js';
export { closestMatch, didYouMean, withinOneEdit } from './suggest.js';
