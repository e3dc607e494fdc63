/** `cosearch cache info|clear`: the persistent evaluation cache (docs/cache.md). */
import type { Command } from 'commander';
import { ConfigError } from '../../core/index.js';
import { cacheSettings, EvaluationStore } from '../../io/cache/index.js';

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

export function register(program: Command): void {
  const cache = program
    .command('cache')
    .description('The persistent cache of accuracy and MAC-error results (COSEARCH_CACHE_DIR, COSEARCH_CACHE_MAX_MB)');
  cache
    .command('info')
    .description('where the cache is, its entries, its size and its limit')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const info = await new EvaluationStore(cacheSettings()).info();
      // A store no entry of which can be read is not counted (QA runs defect 3): one line, what, where and the fix; exit 1.
      if (info.damaged !== undefined) throw new ConfigError(`cache info: the cache in ${info.dir} is damaged: ${info.damaged}; empty it with: cosearch cache clear`);
      process.stdout.write(options.json ? `${JSON.stringify(info, null, 2)}\n`
        : `cache:   ${info.dir}\nentries: ${info.entries}\nsize:    ${mb(info.bytes)} (limit ${mb(info.maxBytes)}; oldest entries are removed beyond it)\n`);
    });
  cache
    .command('clear')
    .description('remove every cached result')
    .action(async () => {
      const store = new EvaluationStore(cacheSettings());
      const before = await store.info();
      await store.clear().catch((error: unknown) => {
        // A file-system refusal (a read-only or foreign cache folder) is the user's to fix, not a bug: one line, exit 1.
        if (!(error instanceof Error && 'code' in error && typeof error.code === 'string')) throw error;
        throw new ConfigError(`cache clear: cannot remove the entries in ${before.dir} (${error.message})`);
      });
      process.stdout.write(`cache cleared: ${before.entries} entries, ${mb(before.bytes)} (${before.dir})\n`);
    });
}
