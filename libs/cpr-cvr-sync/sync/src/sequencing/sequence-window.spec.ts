import { EMPTY_WINDOW, admit, isReceived, normalise, openGaps, toRanges } from './sequence-window';

describe('sequence window', () => {
  it('advances over a stream that arrives in order', () => {
    const a = admit(EMPTY_WINDOW, [1, 2, 3]);
    expect(a).toEqual({ fresh: [1, 2, 3], duplicates: 0, window: { lastContiguous: 3, beyond: [] } });
    expect(openGaps(a.window)).toEqual([]);
  });

  it('skips what was received before, and a number repeated in one batch', () => {
    const w = admit(EMPTY_WINDOW, [1, 2, 3]).window;
    expect(admit(w, [2, 3, 4, 4])).toEqual({
      fresh: [4],
      duplicates: 3,
      window: { lastContiguous: 4, beyond: [] },
    });
    // A replay of the whole stream changes nothing.
    expect(admit(w, [1, 2, 3])).toEqual({ fresh: [], duplicates: 3, window: w });
  });

  it('records a gap when the sequence jumps, and closes it when the missing numbers come late', () => {
    const w1 = admit(EMPTY_WINDOW, [1, 2, 6, 7, 10]).window;
    expect(w1).toEqual({
      lastContiguous: 2,
      beyond: [
        { from: 6, to: 7 },
        { from: 10, to: 10 },
      ],
    });
    expect(openGaps(w1)).toEqual([
      { from: 3, to: 5 },
      { from: 8, to: 9 },
    ]);
    expect(isReceived(w1, 7)).toBe(true);
    expect(isReceived(w1, 8)).toBe(false);
    const w2 = admit(w1, [4]).window;
    expect(openGaps(w2)).toEqual([
      { from: 3, to: 3 },
      { from: 5, to: 5 },
      { from: 8, to: 9 },
    ]);
    const w3 = admit(w2, [9, 8, 5, 3]);
    expect(w3.fresh).toEqual([3, 5, 8, 9]);
    expect(w3.window).toEqual({ lastContiguous: 10, beyond: [] });
  });

  it('normalises overlapping and touching ranges', () => {
    expect(
      normalise(5, [
        { from: 9, to: 12 },
        { from: 3, to: 7 },
        { from: 13, to: 13 },
        { from: 20, to: 21 },
      ]),
    ).toEqual({
      lastContiguous: 7,
      beyond: [
        { from: 9, to: 13 },
        { from: 20, to: 21 },
      ],
    });
    expect(toRanges([1, 2, 3, 5, 7, 8])).toEqual([
      { from: 1, to: 3 },
      { from: 5, to: 5 },
      { from: 7, to: 8 },
    ]);
  });

  it('handles a large jump without materialising the missing numbers', () => {
    const w = admit({ lastContiguous: 6_000_000, beyond: [] }, [6_000_001, 900_000_000_000]).window;
    expect(openGaps(w)).toEqual([{ from: 6_000_002, to: 899_999_999_999 }]);
  });
});
