import { describe, expect, it } from 'vitest';
import { progressBar } from '../../cli/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    s: {
      isTTY,
      columns: 80,
      write: (x: string) => written.push(x),
    } as unknown as NodeJS.WriteStream,
  };
}

describe('progressBar', () => {
  it('draws a bar with the percentage and the stage on a terminal, and clears it when done', () => {
    const { written, s } = stream(true);
    const bar = progressBar(s);
    bar.update(0.5, 'Writing Customers…');
    bar.done();
    expect(written[0]).toBe(
      `\r[${'█'.repeat(12)}${'░'.repeat(12)}]  50 % Writing Customers…\x1b[K`,
    );
    expect(written[1]).toBe('\r\x1b[K');
  });

  it('writes nothing when stderr is not a terminal (pipes, CI logs)', () => {
    const { written, s } = stream(false);
    const bar = progressBar(s);
    bar.update(0.5, 'x');
    bar.done();
    expect(written).toEqual([]);
  });
});
