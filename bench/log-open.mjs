#!/usr/bin/env node
// Opening a 300,000-line (~20 MB) step log in the log pane's data layer: index build, the work behind `G`
// (last line + one page of sanitize), the first search (builds the stripped search copy) and a repeated search,
// plus memory growth against the log size. Prints one JSON line; goals are ratios to budget (open 1000 ms, keys 100 ms).
// Run after `npm run build`:  node --expose-gc bench/log-open.mjs
const { LogBuffer } = await import('../dist/log/log-buffer.js');
const { sanitize } = await import('../dist/text/sanitize.js');

const LINES = 300_000;
const PAGE = 50;
const COLS = 120;
const NEEDLE_LINE = 271_828;
const NEEDLE = 'NEEDLE-4f1c2e settlement mismatch';
const BUDGET = { open: 1000, key: 100 };

const gc = () => globalThis.gc?.();
const mem = () => {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss }; // external includes ArrayBuffers (the line index)
};
const time = (fn) => {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
};
const round = (n) => Math.round(n * 100) / 100;

// A CI-like log: clock times, workers, ~25% lines with a non-ASCII tick, ~2% coloured, some errors, one needle.
function buildLog() {
  const parts = new Array(LINES);
  const times = [];
  let offset = 0;
  let ms = Date.parse('2026-11-20T12:00:00Z');
  for (let i = 0; i < LINES; i++) {
    ms += 1 + (i % 9);
    const clock = new Date(ms).toISOString().slice(11, 23);
    let line;
    if (i + 1 === NEEDLE_LINE) line = `  ${NEEDLE}`;
    else if (i % 5000 === 0) line = `--- suite ${i / 5000 + 1}/60: integration/ledger.spec.ts ---`;
    else if (i % 700 === 3) line = `${clock} [w${i % 8}] \x1b[31mERROR\x1b[0m upstream timeout after 30000ms calling risk-scorer`;
    else if (i % 50 === 7) line = `${clock} [w${i % 8}] \x1b[33mWARN\x1b[0m  pool exhausted, waiting for connection (db=payments_it)`;
    else if (i % 4 === 1) line = `  ✓ ledger › settled batch #${(i * 7919) % 99_999} (${i % 400} ms)`;
    else line = `${clock} [w${i % 8}] INFO  payouts - queued payout ${10_000 + ((i * 31) % 89_999)} for merchant m_${(i * 13) % 9973} in ${i % 90}ms`;
    parts[i] = line;
    if (i % 64 === 0) times.push({ offset, time: new Date(ms).toISOString() });
    offset += line.length + 1;
  }
  return { text: parts.join('\n') + '\n', times };
}

const before = mem();
const { text, times } = buildLog();
const bytes = Buffer.byteLength(text, 'utf8');

const withText = mem();
const open = time(() => new LogBuffer(text, times));
let buffer = open.value;
const opened = mem();

// `G`: the last line, then the page the pane renders (sanitize at render time, one row per line).
const bottom = time(() => buffer.line(buffer.lineCount - 1));
const page = time(() => {
  const top = buffer.lineCount - PAGE;
  let width = 0;
  for (let i = top; i < buffer.lineCount; i++) width += sanitize(buffer.line(i), { maxLineLength: COLS }).length;
  return width;
});

// First search on a buffer whose search copy isn't built yet (`/` pressed right after opening): builds it at once,
// in a cold process (nothing JIT-compiled yet), the worst case.
const firstSearch = time(() => buffer.find(NEEDLE.toLowerCase(), -1, 1));
if (firstSearch.value !== NEEDLE_LINE - 1) throw new Error(`needle found on line ${firstSearch.value}`);
const folded = mem();
const repeatSearch = time(() => buffer.find(NEEDLE.toLowerCase(), firstSearch.value, 1));
const backwardSearch = time(() => buffer.find('needle-4f1c2e', 0, -1));
const count = time(() => buffer.matchStats('needle-4f1c2e'));
const errors = time(() => buffer.errorLines().length);
const nextError = time(() => buffer.nextError(buffer.lineCount - 1, 1));
// A capital letter makes the search exact: the same copy finds candidates, each line is checked.
const firstCaseSearch = time(() => buffer.find('NEEDLE-4f1c2e', 0, 1));
const repeatCaseSearch = time(() => buffer.find('NEEDLE-4f1c2e', 0, 1));
const both = mem();

const lineCount = buffer.lineCount;
// Drop the first buffer so its copies don't add GC work to the slices timed below.
buffer = null;
gc();

// The pane prepares search in ~12 ms idle slices after opening; the longest slice is the worst key delay meanwhile.
let slices = 0;
let longestSlice = 0;
const prep = time(() => {
  const b = new LogBuffer(text, times);
  for (;;) {
    const t = performance.now();
    const done = b.prepareSearch(12);
    longestSlice = Math.max(longestSlice, performance.now() - t);
    slices++;
    if (done) return b.find(NEEDLE.toLowerCase(), -1, 1);
  }
});
if (prep.value !== NEEDLE_LINE - 1) throw new Error(`needle found on line ${prep.value} after prepared search`);

const mb = (n) => round(n / 1e6);
const perByte = (n) => round(n / bytes);
const result = {
  lines: lineCount,
  chars: text.length,
  mb: mb(bytes),
  openMs: round(open.ms),
  bottomLineMs: round(bottom.ms),
  pageSanitizeMs: round(page.ms),
  gKeyMs: round(bottom.ms + page.ms),
  searchPrepMs: round(prep.ms),
  searchPrepSlices: slices,
  searchPrepLongestSliceMs: round(longestSlice),
  firstSearchUnpreparedMs: round(firstSearch.ms),
  repeatSearchMs: round(repeatSearch.ms),
  backwardSearchMs: round(backwardSearch.ms),
  matchCountMs: round(count.ms),
  errorScanMs: round(errors.ms),
  errorLines: errors.value,
  nextErrorMs: round(nextError.ms),
  firstCaseSensitiveSearchMs: round(firstCaseSearch.ms),
  repeatCaseSensitiveSearchMs: round(repeatCaseSearch.ms),
  ratio: {
    open: round(open.ms / BUDGET.open),
    gKey: round((bottom.ms + page.ms) / BUDGET.key),
    prepSlice: round(longestSlice / BUDGET.key),
    firstSearchUnprepared: round(firstSearch.ms / BUDGET.key),
    repeatSearch: round(repeatSearch.ms / BUDGET.key),
    firstCaseSensitiveSearch: round(firstCaseSearch.ms / BUDGET.key),
  },
  memory: {
    gcExposed: typeof globalThis.gc === 'function',
    // The log text itself (V8 keeps it as UTF-16 once it holds a non-Latin-1 character).
    textMb: mb(withText.heap - before.heap),
    indexMb: mb(opened.heap - withText.heap),
    foldedCopyMb: mb(folded.heap - opened.heap),
    exactSearchExtraMb: mb(both.heap - folded.heap),
    growthPerLogByte: { opened: perByte(opened.heap - withText.heap), searched: perByte(folded.heap - withText.heap), caseSearched: perByte(both.heap - withText.heap) },
    rssGrowthMb: mb(both.rss - before.rss),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
