/**
 * vega and vega-lite, in one module that render.ts imports on demand. The bundle (scripts/bundle.mjs) inlines both
 * packages into this module's lazy chunk: one file instead of some 270 package modules that node would otherwise
 * resolve, read and link one by one on the first plot (docs/performance.md, "After the search: the report").
 */
export { parse, View, Warn } from 'vega';
export { compile } from 'vega-lite';
