// vitest globalSetup: tests never read or fill the user's persistent caches (accuracy results, generated datasets).
// Unless COSEARCH_CACHE_DIR is set, every run gets a fresh folder, removed afterwards, whether it was started by
// `npm test` or by `npx vitest run <file>` (which wrote to ~/.cache/cosearch until 2026-12-04). Set here, before the
// test processes are forked, so each inherits it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  if (process.env.COSEARCH_CACHE_DIR) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-test-cache-'));
  process.env.COSEARCH_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
