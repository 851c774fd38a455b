#!/usr/bin/env node
// Keystroke latency for a burst: 20 `j`s written in one read (a paste, a batched SSH link), timed from the write
// to the first frame Ink writes that shows the cursor 20 rows down; then 20 `k`s back, several times. On the
// simulator's 45-job workflow (jobs pane) and its ~20 MB, 314,159-line log (log pane), through App + LiveSource
// as the TUI runs, with Ink's real frame throttle (not debug mode). Goal: the last frame within 100 ms of the burst.
// Prints one JSON line. Run after `npx tsc -p tsconfig.build.json`:  node bench/keys-burst.mjs
// (NODE_ENV=production node bench/keys-burst.mjs for React's production build.)
import { EventEmitter } from 'node:events';

// Ink prints only its last frame when CI is set (read at import): the bench wants every frame, as a terminal gets.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const { createElement } = await import('react');
const { render } = await import('ink');
const { App } = await import('../dist/tui/App.js');
const { LiveSource } = await import('../dist/source/live-source.js');
const { CircleCiClient } = await import('../dist/api/client.js');
const { Transport } = await import('../dist/api/transport.js');
const { resolveDeepLink } = await import('../dist/source/deep-link.js');
const { stackFor } = await import('../dist/tui/state/stack.js');
const { startSimulator } = await import('../dist/sim/index.js');
const { SIM_HUGE_LOG, SIM_MATRIX, SIM_PROJECT, simWorkflowId } = await import('../dist/sim/story.js');

const BUDGET_MS = 100;
const BURST = 20;
const ROUNDS = 5;
const TOKEN = 'CCIPAT_benchTokenValue1234567890_0123456789abcdef0123456789abcdef01234567';
const round = (n) => Math.round(n * 100) / 100;

/** A terminal Ink can draw on: 80x24, every write kept with its time. */
class Screen extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  writes = [];
  write(s) {
    this.writes.push({ at: performance.now(), text: String(s) });
    return true;
  }
}

/** A keyboard: each write is one read of the terminal, as Ink reads it. */
class Keyboard extends EventEmitter {
  isTTY = true;
  queue = [];
  write(s) {
    this.queue.push(s);
    this.emit('readable');
  }
  read() {
    return this.queue.shift() ?? null;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

async function until(screen, test, what, timeoutMs = 60_000) {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const hit = screen.writes.find((w) => test(w.text));
    if (hit) return hit;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; writes:\n${JSON.stringify(screen.writes.map((w) => w.text)).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** ROUNDS bursts down and back up; each timed from the write to the first frame that shows where it ends. */
async function bursts(screen, keyboard, shows) {
  const times = [];
  const routeTimes = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const [keys, where] of [['j'.repeat(BURST), BURST + 1], ['k'.repeat(BURST), 1]]) {
      await new Promise((r) => setTimeout(r, 60)); // past Ink's frame throttle, as between two bursts
      screen.writes = [];
      const t0 = performance.now();
      keyboard.write(keys);
      routeTimes.push(performance.now() - t0);
      const frame = await until(screen, (text) => shows(text, where), `row ${where}`);
      times.push(frame.at - t0);
    }
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: round(times[Math.floor(times.length / 2)]),
    worstMs: round(times.at(-1)),
    // The part spent routing keys and rendering React (before Ink's throttled write).
    worstRouteMs: round(Math.max(...routeTimes)),
    bursts: times.length,
  };
}

async function mounted(source, link, ready) {
  const screen = new Screen();
  const keyboard = new Keyboard();
  const initialStack = stackFor(await resolveDeepLink(source, link));
  const app = render(createElement(App, { source, initialStack, size: { columns: 80, rows: 24 } }), {
    stdout: screen,
    stdin: keyboard,
    stderr: new Screen(),
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const opened = performance.now();
  await until(screen, ready, 'the pane');
  return { screen, keyboard, app, openMs: performance.now() - opened };
}

const sim = await startSimulator();
const transport = new Transport({ host: sim.apiUrl, token: TOKEN, baseDelayMs: 5, maxDelayMs: 20 });
const source = new LiveSource(new CircleCiClient(transport, null), SIM_PROJECT);
try {
  const jobs = await mounted(source, { workflow: simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow) }, (t) => t.includes(`1/${SIM_MATRIX.jobCount}`));
  const jobsFigures = await bursts(jobs.screen, jobs.keyboard, (t, row) => t.includes(` ${row}/${SIM_MATRIX.jobCount}`));
  jobs.app.unmount();

  const log = await mounted(source, { job: SIM_HUGE_LOG.job, step: String(SIM_HUGE_LOG.step) }, (t) => t.includes(`line 1/${SIM_HUGE_LOG.lines}`));
  const logFigures = await bursts(log.screen, log.keyboard, (t, line) => t.includes(`line ${line}/${SIM_HUGE_LOG.lines}`));
  log.app.unmount();

  const result = {
    burst: BURST,
    // React's build as `sleuth` runs it (bin/sleuth.js sets no NODE_ENV: the development build, several times slower).
    react: process.env.NODE_ENV === 'production' ? 'production' : 'development',
    jobs45: jobsFigures,
    log300k: { ...logFigures, lines: SIM_HUGE_LOG.lines, openMs: round(log.openMs) },
    // Against the 100 ms goal: the typical burst (median) and the slowest of the rounds.
    ratio: {
      jobs45: round(jobsFigures.medianMs / BUDGET_MS),
      jobs45Worst: round(jobsFigures.worstMs / BUDGET_MS),
      log300k: round(logFigures.medianMs / BUDGET_MS),
      log300kWorst: round(logFigures.worstMs / BUDGET_MS),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await transport.close?.();
  await sim.close();
}
process.exit(0);
