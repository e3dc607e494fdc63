import { fileURLToPath } from 'node:url';

/**
 * A worker thread's module next to `here` (the caller's import.meta.url): the compiled `<name>.js` in builds; from
 * sources (tsx, vitest) `<name>.ts`, with tsx loaded in the worker through its execArgv.
 */
export function workerFile(here: string, name: string): { filename: string; execArgv: string[] } {
  if (here.endsWith('.ts')) {
    const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv] : [...process.execArgv, '--import', 'tsx'];
    return { filename: fileURLToPath(new URL(`./${name}.ts`, here)), execArgv };
  }
  return { filename: fileURLToPath(new URL(`./${name}.js`, here)), execArgv: [] };
}
