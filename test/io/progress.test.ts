import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/io/progress.js';

function fakeStream() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress without a terminal', () => {
  it('prints a plain line at once, holds updates that follow within 2 s and prints the last one on stop', () => {
    const { lines, stream } = fakeStream();
    const progress = createProgress({ total: 100, stream });
    progress.update({ generation: 0, evaluations: 20, failed: 1, hypervolume: 12.345678 });
    progress.update({ generation: 1, evaluations: 40, failed: 1, hypervolume: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^search: generation 0, 20\/100 evaluations \(1 failed\), [\d.]+\/s, ETA \d+ s, hypervolume 12\.346\n$/);
    progress.stop();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^search: generation 1, 40\/100 evaluations \(1 failed\), [\d.]+\/s, ETA \d+ s, hypervolume -\n$/);
    progress.stop();
    expect(lines).toHaveLength(2);
  });

  it('leaves out the total and ETA when the run has none', () => {
    const { lines, stream } = fakeStream();
    createProgress({ total: undefined, stream }).update({ generation: 3, evaluations: 7, failed: 0, hypervolume: 1 });
    expect(lines[0]).toMatch(/^search: generation 3, 7 evaluations \(0 failed\), [\d.]+\/s, hypervolume 1\.0000\n$/);
  });
});
