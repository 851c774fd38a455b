// rca: a local failure summary of a job (nothing leaves the machine), and `--send` to Exlogare with guard-rails:
// redaction by the secret scanner, a 10 MiB cap keeping the tail, a confirmation showing size, redactions and
// destination, a record of every send (the evidence folder, else the state directory), and a sanitized reply.
// The send itself goes through the RCA service (src/rca/send-service.ts), as the TUI's does.
import type { RegisterHelpers } from './download.js';
import os from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { requireExlogareToken } from '../../rca/exlogare/config.js';
import type { PreparedSend } from '../../rca/exlogare/prepare.js';
import type { ExlogareTransportTuning } from '../../rca/exlogare/transport.js';
import type { RecordPlace } from '../../rca/record-place.js';
import type { Redactor } from '../../rca/redaction.js';
import { summaryRows, type RcaRow } from '../../rca/render.js';
import { humanBytes } from '../../rca/send-facts.js';
import { RcaSendService } from '../../rca/send-service.js';
import { ON_FAIL_SNIPPET } from '../../rca/snippet.js';
import { collectJob } from '../../rca/summary.js';
import { LiveSource } from '../../source/live-source.js';
import type { InvestigationSource } from '../../source/source.js';
import { colorEnabled, palette, type Palette } from '../color.js';
import { intArg, openSession, requireProject, stderrEvents, VERSION, type ApiFlags } from '../context.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';

export interface RcaFlags extends ApiFlags {
  project?: string;
  json?: boolean;
  /** Read the job from an evidence folder (no CircleCI token, no network for the summary). */
  dir?: string;
  /** Evidence folder to record sends in (default: the --dir folder, else sleuth's state directory). */
  out?: string;
  send?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

export interface RcaDeps {
  /** Asks on the terminal; resolves to the answer typed. Default: a readline prompt on stdin/stderr. */
  ask?: (question: string) => Promise<string>;
  /** Retry timing of the Exlogare client (tests make it fast). */
  exlogare?: ExlogareTransportTuning;
  /** The shape-based redaction pass; default the secret scanner (src/scan). */
  redactor?: Redactor;
  now?: () => Date;
}

/** What register.ts lends a command family (the same helpers `registerDownload` takes). */
export type RcaRegisterHelpers = RegisterHelpers;

/** `sleuth rca JOB` and `sleuth rca snippet`. `deps` is for tests (prompt, retry timing). */
export function registerRca(program: Command, io: Io, h: RcaRegisterHelpers, deps: RcaDeps = {}): void {
  const rca = h
    .apiOptions(program.command('rca').argument('<job-number>').description('why a job failed: failing steps, exit codes, first error lines; --send posts the failed log to Exlogare'))
    .addOption(h.project())
    .option('--json', 'print JSON for scripts')
    .option('--dir <dir>', 'read the job from an evidence folder (no CircleCI token, no network) and record sends there')
    .option('--out <dir>', 'evidence folder to record sends in (rca-sends.jsonl); default: the --dir folder, else the state directory')
    .option('--send', "send the failed step's log to Exlogare ($EXLOGARE_URL, token from $EXLOGARE_TOKEN): secrets redacted, 10 MiB cap, asks first")
    .option('--yes', 'with --send: do not ask')
    .option('--dry-run', 'print the payload --send would post, and send nothing')
    .action(h.run((n: never, flags: never) => rcaCommand(n, flags, io, deps)));
  rca
    .command('snippet')
    .description('print the CircleCI `when: on_fail` step that sends a failed log to Exlogare')
    .action(h.run(() => rcaSnippetCommand(io)));
}

export async function rcaSnippetCommand(io: Io): Promise<number> {
  io.out.write(ON_FAIL_SNIPPET);
  return 0;
}

export async function rcaCommand(num: string, flags: RcaFlags, io: Io, deps: RcaDeps = {}): Promise<number> {
  const n = intArg(num, 'job number');
  const sending = Boolean(flags.send || flags.dryRun);
  if (flags.yes && !flags.send) throw new UsageError('--yes goes with --send');
  if (flags.json && flags.dryRun) throw new UsageError('--dry-run already prints the payload as JSON; drop --json');

  // Everything that can refuse a send does so before anything is read.
  let service: RcaSendService | null = null;
  let place: RecordPlace | null = null;
  if (sending) {
    service = new RcaSendService({
      env: io.env,
      home: io.home ?? os.homedir(),
      tool: `circle-sleuth/${VERSION}`,
      ...(deps.redactor ? { scanner: deps.redactor } : {}),
      ...(deps.exlogare ? { tuning: deps.exlogare } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      onEvent: (e) => {
        if (e.type === 'retry' && io.err.isTTY) io.err.write(`sleuth: Exlogare: ${e.reason}; retrying in ${(e.waitMs / 1000).toFixed(1)}s\n`);
      },
    });
    // --out, else the folder read with --dir, else (live, no folder) sleuth's state directory.
    const chosen = flags.out ?? flags.dir;
    place = await service.placeFor({ evidence: chosen === undefined ? null : resolve(io.cwd, chosen), job: n });
    if (!flags.dryRun) {
      requireExlogareToken(service.cfg);
      if (!flags.yes && !io.stdinIsTTY) throw new UsageError('--send asks before sending, and stdin is not a terminal: pass --yes to send without asking, or --dry-run to see the payload');
      await service.ready(place);
    }
  }
  try {
    return await run(n, flags, io, deps, service && place ? { service, place } : null);
  } catch (e) {
    // No token reaches a message (main() only scrubs the CircleCI token of its own session).
    if (e instanceof Error && service) e.message = service.scrub(e.message);
    throw e;
  }
}

async function run(n: number, flags: RcaFlags, io: Io, deps: RcaDeps, sending: { service: RcaSendService; place: RecordPlace } | null): Promise<number> {
  const opened = await openSource(flags, io);
  try {
    const collected = await collectJob(opened.source, n);
    const p = palette(colorEnabled(io.out, io.env));
    if (!sending) {
      io.out.write(flags.json ? `${safeJson(collected.summary)}\n` : paintRows(summaryRows(collected.summary), p));
      return 0;
    }
    const { service } = sending;
    const plan = service.prepare(collected, sending.place);
    const prepared = plan.prepared;
    if (flags.dryRun) {
      io.out.write(`${safeJson(prepared.payload)}\n`);
      const then = service.cfg.token ? `; a send would be recorded in ${service.shownPath(plan.recordFile)}` : ' (EXLOGARE_TOKEN is not set: a real send would refuse)';
      io.err.write(`sleuth: dry run: ${describeSend(prepared)}; nothing was sent${then}\n`);
      return 0;
    }
    if (!flags.json) io.out.write(paintRows(summaryRows(collected.summary), p));
    if (!flags.yes) {
      io.err.write(`\n${service.facts(plan, collected).map((f) => `  ${f.label.padEnd(12)} ${f.value}`).join('\n')}\n`);
      const answer = await (deps.ask ?? askOnTerminal)('Send this to Exlogare? [y/N] ');
      if (!/^\s*y(es)?\s*$/i.test(answer)) {
        io.err.write('sleuth: not sent\n');
        return 1;
      }
    }
    const out = await service.send(plan);
    if (out.recordError) io.err.write(`sleuth: warning: the send was not recorded: ${out.recordError}\n`);
    if (flags.json) {
      io.out.write(`${safeJson({ destination: prepared.destination, http_status: out.status, bytes: prepared.bytes, sha256: prepared.sha256, redactions: prepared.redactions, truncated: prepared.truncated, record: out.recordPath, reply: out.ok ? out.json : null, error: out.error?.message ?? null })}\n`);
    } else if (out.status !== null) {
      io.err.write(`sleuth: sent ${describeSend(prepared)} → ${out.status}${out.recordPath ? `; recorded in ${service.shownPath(out.recordPath)}` : ''}\n`);
      if (out.view) io.out.write(`\n${paintRows([{ text: 'Exlogare RCA', tone: 'title' }, ...out.view.rows], p)}`);
    }
    if (out.error) throw out.error;
    return 0;
  } finally {
    await opened.close();
  }
}

function describeSend(p: PreparedSend): string {
  return `${humanBytes(p.bytes)} (log ${humanBytes(p.logBytes)}${p.truncated ? ', truncated to the tail' : ''}) to ${p.destination}, ${p.redactions} secret${p.redactions === 1 ? '' : 's'} redacted`;
}

async function openSource(flags: RcaFlags, io: Io): Promise<{ source: InvestigationSource; kind: 'live' | 'offline'; close(): Promise<void> }> {
  if (flags.dir !== undefined) {
    const { OfflineSource } = await import('../../source/offline-source.js');
    const source = await OfflineSource.open(flags.dir, { cwd: io.cwd });
    return { source, kind: 'offline', close: async () => {} };
  }
  const slug = requireProject(flags.project, io);
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  return { source: new LiveSource(s.client, slug), kind: 'live', close: () => s.close() };
}

const TONES: Record<RcaRow['tone'], keyof Palette | null> = { title: 'bold', heading: 'bold', error: 'red', warn: 'yellow', muted: 'gray', ok: 'green', text: null };

/** Rows are already sanitized; only our own SGR is added, and only when colour is on. */
function paintRows(rows: RcaRow[], p: Palette): string {
  return rows.map((r) => `${TONES[r.tone] ? p[TONES[r.tone]!](r.text) : r.text}\n`).join('');
}

/** A line typed on the terminal; Ctrl-C or Ctrl-D answer "no". */
async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const stop = new AbortController();
  rl.on('SIGINT', () => stop.abort());
  rl.on('close', () => stop.abort());
  try {
    return await rl.question(question, { signal: stop.signal });
  } catch {
    process.stderr.write('\n');
    return '';
  } finally {
    rl.close();
  }
}
