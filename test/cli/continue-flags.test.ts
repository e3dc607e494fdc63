/** The `continue with:` line of an interrupted search repeats the flags the run needs to resume as it ran. */
import { describe, expect, it } from 'vitest';
import { continueFlags } from '../../src/cli/commands/search.js';

describe('continueFlags', () => {
  it('keeps a distributed run on its workers (the URL without its password), and --no-cache', () => {
    // Until 2026-12-05 the line left out --backend: following it resumed on this machine's cores, unannounced.
    expect(continueFlags({ backend: 'redis://:s3cret@10.0.0.5:6390/2', backendPasswordFile: 'pw.txt', backendChunk: 4, cache: false }))
      .toBe(' --no-cache --backend redis://10.0.0.5:6390/2 --backend-password-file pw.txt --backend-chunk 4');
    expect(continueFlags({ workers: 2 })).toBe(' --workers 2');
  });
});
