/** The count progress bar (cosearch evaluate's accuracy samples): drawn on a terminal only. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCountProgress } from '../../../src/io/countProgress.js';

/** A writable that says it is a terminal (what cli-progress needs of one), collecting what is drawn. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = Object.assign(new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } }), {
    isTTY, columns: 120,
    cursorTo: () => true, clearLine: () => true, moveCursor: () => true, clearScreenDown: () => true, getWindowSize: () => [120, 40],
  });
  // @ts-expect-error -- a Writable with the terminal methods cli-progress calls, not a full tty.WriteStream
  const tty: NodeJS.WriteStream = stream;
  return { stream: tty, text: () => text };
}

describe('createCountProgress', () => {
  it('draws samples done of the total on a terminal', () => {
    const { stream, text } = fakeStream(true);
    const bar = createCountProgress({ label: 'accuracy', unit: 'samples', total: 60, stream });
    bar.update(30);
    bar.stop();
    expect(text()).toContain('accuracy');
    expect(text()).toContain('30/60 samples');
    expect(text()).toContain('ETA');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { stream, text } = fakeStream(false);
    const bar = createCountProgress({ label: 'accuracy', unit: 'samples', total: 60, stream });
    bar.update(30);
    bar.stop();
    expect(text()).toBe('');
  });
});
