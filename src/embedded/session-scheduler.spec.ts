import { endsBatch } from './session-scheduler';

describe('endsBatch', () => {
  const msg = (type: string) => new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]);
  it('ends a batch on Sync, simple Query, Terminate and the startup message', () => {
    expect(endsBatch(msg('S'))).toBe(true);
    expect(endsBatch(msg('Q'))).toBe(true);
    expect(endsBatch(msg('X'))).toBe(true);
    expect(endsBatch(new Uint8Array([0, 0, 0, 40, 0, 3, 0, 0]))).toBe(true);
  });
  it('keeps Parse, Bind, Describe, Execute and Flush inside the batch', () => {
    for (const t of ['P', 'B', 'D', 'E', 'H']) expect(endsBatch(msg(t))).toBe(false);
  });
});
