import { describe, expect, it } from 'vitest';
import { folderWorthSharing, PARALLEL_MIN_DOCS, wantsSecondThread } from '../../src/search/threads.js';

// The one place that decides whether a search gets a second thread (README, Subcommands: 4 cores or more share a
// big folder with a second thread; on two it would only compete for memory bandwidth).
describe('wantsSecondThread', () => {
  it('an exact search on 4 cores or more gets one; on 2 it does not', () => {
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 4 })).toBe(true);
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 16 })).toBe(true);
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 2 })).toBe(false);
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 3 })).toBe(false);
  });

  it('regex and fuzzy searches never share, whatever the cores or the caller says', () => {
    for (const mode of ['regex', 'fuzzy'] as const) {
      expect(wantsSecondThread({ mode, interactive: false, cores: 16 })).toBe(false);
      expect(wantsSecondThread({ mode, interactive: false, cores: 16, forced: true })).toBe(false);
    }
  });

  it('a UI that wants the event loop back stays on one thread', () => {
    expect(wantsSecondThread({ mode: 'exact', interactive: true, cores: 16 })).toBe(false);
  });

  it("the caller's own choice wins over the cores rule", () => {
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 2, forced: true })).toBe(true);
    expect(wantsSecondThread({ mode: 'exact', interactive: false, cores: 16, forced: false })).toBe(false);
  });

  it('only a folder of enough files is shared', () => {
    expect(folderWorthSharing(PARALLEL_MIN_DOCS - 1)).toBe(false);
    expect(folderWorthSharing(PARALLEL_MIN_DOCS)).toBe(true);
  });
});
