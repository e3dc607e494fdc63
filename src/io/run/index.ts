/** A run folder: its file names and atomic writes, the CSV writer and reader, the evaluations log and the manifest schema. */
export * from './files.js';
export * from './outputFile.js';
export * from './csv.js';
export * from './numberText.js';
export * from './log.js';
export * from './integrity.js';
export * from './manifest.js';
export * from './overrides.js';
export * from './lock.js';
export * from './csvParse.js';
export * from './csvStream.js';
export * from './cells.js';
export * from './runNumbers.js';
