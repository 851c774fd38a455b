// sleuth audit FILE...: read audit-log downloads (CSV) and S3 streams (JSON lines / arrays), filter,
// and print them as a table (marked events highlighted) or JSON. Streams: a million rows take a
// few MB, not the file's size. On a terminal with no filter it opens the audit pane instead.
import type { Command, Option } from 'commander';
import { actorLabel, byTime, detailsLine, entityLabel, eventTime, markLabel, markSeverity, readAudit, successLabel, summaryLine, type AuditEvent, type AuditFilter } from '../../audit/index.js';
import { fit } from '../../text/cell.js';
import { colorEnabled, palette, type Palette } from '../color.js';
import { parseTimeWindow } from '../../util/time.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';

export interface AuditFlags {
  action?: string[];
  actor?: string[];
  since?: string;
  until?: string;
  marked?: boolean;
  json?: boolean;
  sort?: boolean;
  /** commander: --tui → true, --no-tui → false. */
  tui?: boolean;
}

type Runner = (...args: never[]) => Promise<number>;

/** The same helpers register.ts gives every command family (see download.ts). */
export interface RegisterHelpers {
  run: (fn: Runner) => (...args: unknown[]) => Promise<void>;
  apiOptions: (cmd: Command) => Command;
  project: () => Option;
}

export function registerAudit(program: Command, io: Io, h: Pick<RegisterHelpers, 'run'>): void {
  const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
  program.command('audit')
    .argument('<files...>', 'audit-log CSV downloads or S3 streaming files (JSON lines / JSON arrays, .gz ok); a directory means every file in it')
    .description('review audit logs: who changed what, which contexts jobs read (marked events highlighted)')
    .option('--action <prefix>', 'only actions starting with this (`.` and `-` alike, e.g. context.secrets); repeatable', collect)
    .option('--actor <login>', 'only events by this actor (login, name or id); repeatable', collect)
    .option('--since <time>', 'only events at or after (ISO-8601, or an age like 6h, 2d)')
    .option('--until <time>', 'only events at or before')
    .option('--marked', 'only the events the incident guide calls out (secrets, env vars, settings, keys, config, logins, jobs)')
    .option('--sort', 'oldest first (holds the matching events in memory; default: file order)')
    .option('--json', 'print a JSON array of events (streamed)')
    .option('--tui', 'open the audit pane even with filters (they become its filter)')
    .option('--no-tui', 'print a table even on a terminal')
    .action(h.run((files: never, flags: never) => auditCommand(files, flags, io)));
}

export function filterFrom(flags: AuditFlags): AuditFilter {
  const { since, until } = parseTimeWindow(flags.since, flags.until);
  return {
    ...(flags.action?.length ? { actions: flags.action } : {}),
    ...(flags.actor?.length ? { actors: flags.actor } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(flags.marked ? { marked: true } : {}),
  };
}

/** The pane's filter line for the same flags: `action:… actor:… since:… is:marked`. */
export function queryFrom(flags: AuditFlags): string {
  return [
    ...(flags.action ?? []).map((a) => `action:${a}`),
    ...(flags.actor ?? []).map((a) => `actor:${a}`),
    ...(flags.since ? [`since:${flags.since}`] : []),
    ...(flags.until ? [`until:${flags.until}`] : []),
    ...(flags.marked ? ['is:marked'] : []),
  ].join(' ');
}

export async function auditCommand(files: string[], flags: AuditFlags, io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('which audit log? sleuth audit FILE... (CSV download or S3 JSON files)');
  const filter = filterFrom(flags);
  const filtered = Object.keys(filter).length > 0 || Boolean(flags.sort);
  const terminal = Boolean(io.out.isTTY && io.stdinIsTTY);
  if (flags.tui === true || (flags.tui !== false && terminal && !flags.json && !filtered)) {
    if (!terminal) throw new UsageError('the audit pane needs an interactive terminal; drop --tui to print a table');
    const { runAuditTui } = await import('../../tui/audit/run-audit-tui.js');
    return runAuditTui({ files, initialQuery: queryFrom(flags) });
  }

  const reader = readAudit(files, { filter });
  const p = palette(colorEnabled(io.out, io.env));
  // On a terminal a row fits its width; into a pipe or file the details are kept (up to 1,000 columns) for grep.
  const columns = io.out.isTTY && io.out.columns ? io.out.columns : fixed + 1 + 1000;
  let written = 0;
  const print = (e: AuditEvent) => {
    if (flags.json) io.out.write(`${written ? ',\n' : '[\n'}${safeJson(e, false)}`);
    else {
      if (written === 0) io.out.write(`${p.bold(headerLine(columns))}\n`);
      io.out.write(`${eventLine(e, columns, p)}\n`);
    }
    written++;
  };
  if (flags.sort) {
    const all: AuditEvent[] = [];
    for await (const b of reader.batches()) all.push(...b);
    all.sort(byTime).forEach(print);
  } else {
    for await (const b of reader.batches()) b.forEach(print);
  }
  if (flags.json) io.out.write(written ? '\n]\n' : '[]\n');
  else if (written === 0) io.out.write('no audit events match\n');
  io.err.write(`sleuth: ${summaryLine(reader.stats)}\n`);
  return 0;
}

const W = { time: 20, mark: 8, action: 26, actor: 14, target: 22, ok: 3 };
const fixed = W.time + W.mark + W.action + W.actor + W.target + W.ok + 6;
/** Below this many columns the TARGET and OK columns fold into DETAILS. */
const NARROW = 120;

function headerLine(columns: number): string {
  const cols = columns < NARROW
    ? [fit('TIME', W.time), fit('MARK', W.mark), fit('ACTION', W.action), fit('ACTOR', W.actor), 'DETAILS']
    : [fit('TIME', W.time), fit('MARK', W.mark), fit('ACTION', W.action), fit('ACTOR', W.actor), fit('TARGET', W.target), fit('OK', W.ok), 'DETAILS'];
  return cols.join(' ');
}

/** One event as a fixed-width row (streaming: widths cannot depend on rows not read yet). */
export function eventLine(e: AuditEvent, columns: number, p: Palette): string {
  const sev = markSeverity(e.mark);
  const tone = sev === 'high' ? p.red : sev === 'medium' ? p.yellow : sev === 'low' ? p.blue : (s: string) => s;
  const ok = successLabel(e);
  const lead = [
    fit(eventTime(e), W.time),
    tone(fit(markLabel(e), W.mark)),
    sev === 'high' ? p.bold(tone(fit(e.action, W.action))) : tone(fit(e.action, W.action)),
    fit(actorLabel(e), W.actor),
  ];
  if (columns < NARROW) {
    const used = W.time + W.mark + W.action + W.actor + 4;
    const details = [e.success === false ? 'FAILED' : '', detailsLine(e), e.target ? `target=${entityLabel(e.target)}` : ''].filter(Boolean).join(' ');
    return [...lead, fit(details, Math.max(20, columns - used - 1)).trimEnd()].join(' ');
  }
  return [
    ...lead,
    fit(entityLabel(e.target), W.target),
    ok === 'NO' ? p.red(fit(ok, W.ok)) : fit(ok, W.ok),
    fit(detailsLine(e), Math.max(20, columns - fixed - 1)).trimEnd(),
  ].join(' ');
}
