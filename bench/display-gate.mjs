#!/usr/bin/env node
// The cost of the display gate (issue 11): every string the TUI shows passes SafeText, which sanitizes it. Renders
// the real ListView (45 jobs at 80x24, the cursor walking the list) and the real LogView (paging through a
// 300,000-line log) frame by frame, against the anchor: the same views as they were before the gate, drawing with
// Ink's Text directly. Goal: within 5% of the anchor (ratio <= 1.05). Rounds alternate gated / anchor; medians.
// Run after `npm run build`:  node bench/display-gate.mjs
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { createElement as h } from 'react';
import { rng } from './lib/search-loggen.mjs';

const { ListView } = await import('../dist/tui/list/ListView.js');
const { LogView } = await import('../dist/tui/log/LogView.js');
const { layoutColumns } = await import('../dist/tui/list/columns.js');
const { layoutRows } = await import('../dist/tui/log/log-layout.js');
const { LogBuffer } = await import('../dist/log/log-buffer.js');
const { fit } = await import('../dist/text/cell.js');

const ROUNDS = 15;
const FRAMES = 120;
const round = (n) => Math.round(n * 1000) / 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- the anchor: the two views as they drew before the gate (Ink's Text, strings straight from the layout) ----
function RawListView({ title, cols, items, keyOf, cursor, top, height, active, emptyText }) {
  const visible = items.slice(top, top + height);
  const more = items.length > top + height;
  return h(Box, { flexDirection: 'column' },
    h(Text, { bold: active, wrap: 'truncate-end' }, title, h(Text, { color: 'gray' }, items.length ? ` ${cursor + 1}/${items.length}${more ? ' ↓' : ''}` : '')),
    h(Text, { color: 'gray', wrap: 'truncate-end' }, cols.map((c) => fit(c.title, c.w, c.align)).join(' ')),
    visible.length === 0 ? h(Text, { color: 'gray' }, emptyText) : null,
    ...visible.map((item, i) => {
      const selected = top + i === cursor;
      return h(Text, { key: keyOf(item), inverse: selected && active, underline: selected && !active, wrap: 'truncate-end' },
        ...cols.map((c, ci) => h(Text, { key: ci }, fit(c.get(item), c.w, c.align), ci < cols.length - 1 ? ' ' : '')));
    }));
}

// As LogView.tsx was at 770c393: a row component per line, its text in an element of its own.
function RawLogRowView({ row }) {
  return h(Text, { wrap: 'truncate-end' }, h(Text, { color: row.error ? 'red' : 'gray' }, row.gutter), h(Text, { inverse: row.marked }, row.text || ' '));
}

function RawLogView({ width, rows, title, lines, status }) {
  return h(Box, { flexDirection: 'column', width, height: rows + 2 },
    h(Text, { bold: true, wrap: 'truncate-end' }, title),
    h(Box, { flexDirection: 'column', height: rows, overflow: 'hidden' }, ...lines.map((row) => h(RawLogRowView, { key: row.key, row }))),
    h(Box, { height: 1, overflow: 'hidden' }, h(Text, { color: 'gray', wrap: 'truncate-end' }, status)));
}

// ---- data shaped like the simulator's 45-job workflow and a long CI log ----
const r = rng(7);
const NAMES = ['build', 'lint', 'unit-test', 'integration-test', 'deploy-staging', 'e2e · chrome', 'publish…', 'docker-build'];
const jobs = Array.from({ length: 45 }, (_, i) => ({
  id: `job-${i}`,
  name: `${NAMES[i % NAMES.length]}-${i}`,
  status: ['success', 'failed', 'running', 'canceled'][Math.floor(r() * 4)],
  number: 5000 + i,
  executor: i % 3 ? 'docker cimg/node:20.19' : 'machine ubuntu-2204:2024.05.1',
  duration: `${Math.floor(r() * 30)}m ${Math.floor(r() * 60)}s`,
  contexts: i % 5 === 0 ? 'aws-prod, npm-publish' : '—',
}));
const jobCols = [
  { title: 'job', get: (j) => j.name, flex: 2, min: 12, priority: 9 },
  { title: 'status', get: (j) => j.status, width: 9, priority: 9 },
  { title: '#', get: (j) => String(j.number), width: 6, align: 'right', priority: 8 },
  { title: 'executor', get: (j) => j.executor, flex: 1, min: 10, priority: 4 },
  { title: 'took', get: (j) => j.duration, width: 8, align: 'right', priority: 6 },
  { title: 'contexts', get: (j) => j.contexts, flex: 1, min: 8, priority: 3 },
];
const cols = layoutColumns(jobCols, 80);
const LIST_ROWS = 20;

const LOG_LINES = 300_000;
const parts = new Array(LOG_LINES);
for (let i = 0; i < LOG_LINES; i++) {
  parts[i] = i % 4 === 1
    ? `  \x1b[32m✓\x1b[39m ledger › settled batch #${(i * 7919) % 99_999} (${i % 400} ms)`
    : `12:00:${String(i % 60).padStart(2, '0')}.${i % 1000} [w${i % 8}] INFO payouts - queued payout ${10_000 + ((i * 31) % 89_999)} for merchant m_${(i * 13) % 9973}`;
}
const buffer = new LogBuffer(parts.join('\n') + '\n', []);
const LOG_ROWS = 21;
const logOpts = { width: 80, rows: LOG_ROWS, wrap: false, timestamps: false };
const gutterW = String(LOG_LINES).length + 1;

function listProps(frame) {
  const cursor = frame % jobs.length;
  const top = Math.max(0, Math.min(cursor - LIST_ROWS + 1, jobs.length - LIST_ROWS));
  return { title: 'Jobs of build-test', cols, items: jobs, keyOf: (j) => j.id, cursor, top: Math.max(0, top), height: LIST_ROWS, active: true, emptyText: 'no jobs' };
}

function logProps(frame, gated) {
  const top = (frame * LOG_ROWS * 997) % (LOG_LINES - LOG_ROWS);
  const lines = layoutRows(buffer, top, logOpts).map((row) => ({
    key: row.key,
    gutter: `${String(row.line + 1).padStart(gutterW - 1)} `,
    text: gated ? row.text : row.text.text,
    marked: false,
    error: false,
  }));
  return { width: 80, rows: LOG_ROWS, title: 'Run tests · job 5015 step 104', note: null, lines, message: null, status: `line ${top + 1} of ${LOG_LINES}`, prompt: null };
}

/** ms per frame: mount once, then FRAMES re-renders with new props (each one a full Ink frame). */
function timeFrames(view, propsOf) {
  const app = render(h(view, propsOf(0)));
  const t = performance.now();
  for (let f = 1; f <= FRAMES; f++) app.rerender(h(view, propsOf(f)));
  const ms = (performance.now() - t) / FRAMES;
  if (!(app.lastFrame() ?? '').length) throw new Error('nothing was drawn');
  app.unmount();
  return ms;
}

const cases = {
  list: { gated: () => timeFrames(ListView, listProps), anchor: () => timeFrames(RawListView, listProps) },
  log: { gated: () => timeFrames(LogView, (f) => logProps(f, true)), anchor: () => timeFrames(RawLogView, (f) => logProps(f, false)) },
};
const result = {};
for (const [name, c] of Object.entries(cases)) {
  c.gated();
  c.anchor(); // warm both paths before measuring
  const gated = [];
  const anchor = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2) {
      anchor.push(c.anchor());
      gated.push(c.gated());
    } else {
      gated.push(c.gated());
      anchor.push(c.anchor());
    }
  }
  result[name] = { gatedMsPerFrame: round(median(gated)), anchorMsPerFrame: round(median(anchor)), ratio: round(median(gated) / median(anchor)) };
}
process.stdout.write(`${JSON.stringify({ frames: FRAMES, rounds: ROUNDS, goal: 'ratio <= 1.05', ...result })}\n`);
