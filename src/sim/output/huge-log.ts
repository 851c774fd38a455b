import { between, pick, seededRandom } from '../ids.js';
import { SIM_HUGE_LOG } from '../story.js';
import { linesToMessages, serializeOutput } from './messages.js';

// The nightly integration suite's ~20 MB output (300k+ lines). Built on first request and
// kept for the life of the process: it is deterministic, so every simulator shares it.

const SERVICES = ['ledger', 'cards', 'refunds', 'payouts', 'risk', 'webhooks', 'fx', 'checkout'] as const;
const ACTIONS = ['settled batch', 'authorized charge', 'captured charge', 'queued payout', 'scored txn', 'delivered event', 'priced quote', 'closed session'] as const;
const WARNINGS = [
  'WARN  pool exhausted, waiting for connection (db=payments_it)',
  'WARN  retrying webhook delivery after 502 from sandbox',
  'WARN  slow query 1240ms: SELECT * FROM ledger_entries WHERE batch_id = $1',
  'WARN  clock skew of 310ms detected against sandbox gateway',
] as const;
const ERRORS = [
  'ERROR settlement mismatch for batch, expected 1999 got 2000 (retrying)',
  'ERROR upstream timeout after 30000ms calling risk-scorer',
  'ERROR idempotency key reused with different payload',
  'ERROR connection reset by peer (sandbox-gateway:8443)',
] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** HH:MM:SS.mmm (UTC) without allocating a Date per line: this runs 300k times. */
function clockTime(ms: number): string {
  const d = ms % 86_400_000;
  return `${pad(Math.floor(d / 3_600_000), 2)}:${pad(Math.floor(d / 60_000) % 60, 2)}:${pad(Math.floor(d / 1000) % 60, 2)}.${pad(d % 1000, 3)}`;
}

function hugeLogLines(startMs: number): string[] {
  const r = seededRandom(0x5080);
  const lines: string[] = new Array<string>(SIM_HUGE_LOG.lines);
  let t = startMs;
  for (let i = 1; i <= SIM_HUGE_LOG.lines; i++) {
    t += between(r(), 1, 9);
    let line: string;
    if (i === SIM_HUGE_LOG.needleLine) {
      line = SIM_HUGE_LOG.needle;
    } else if (i % 5000 === 1) {
      line = `--- suite ${Math.ceil(i / 5000)}/${Math.ceil(SIM_HUGE_LOG.lines / 5000)}: integration/${pick(SERVICES, r())}.spec.ts ---`;
    } else {
      const roll = r();
      // Clock time only, like most test runners print it.
      const stamp = clockTime(t);
      const worker = `w${between(r(), 1, 8)}`;
      if (roll < 0.0015) line = `${stamp} [${worker}] ${pick(ERRORS, r())}`;
      else if (roll < 0.006) line = `${stamp} [${worker}] ${pick(WARNINGS, r())}`;
      else if (roll < 0.25) line = `  ✓ ${pick(SERVICES, r())} › ${pick(ACTIONS, r())} #${between(r(), 1, 99999)} (${between(r(), 1, 400)} ms)`;
      else
        line = `${stamp} [${worker}] INFO  ${pick(SERVICES, r())} - ${pick(ACTIONS, r())} ${between(r(), 10000, 99999)} in ${between(r(), 1, 90)}ms`;
    }
    lines[i - 1] = line;
  }
  return lines;
}

/** ~20 MB per world: kept for the fixed story and the demo's (a world relative to now), not more. */
const cached = new Map<number, Buffer>();

export function hugeLogBody(startMs: number, endMs: number): Buffer {
  let body = cached.get(startMs);
  if (!body) {
    const lines = hugeLogLines(startMs).map((text) => ({ text, type: 'out' as const }));
    body = serializeOutput(linesToMessages(lines, { startMs, endMs, seed: 0x899 }));
    if (cached.size >= 2) cached.clear();
    cached.set(startMs, body);
  }
  return body;
}
