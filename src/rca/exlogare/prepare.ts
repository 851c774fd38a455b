// From a collected job to the exact bytes that would be sent: the failed output(s), stripped of escape sequences,
// secrets redacted, capped at 10 MiB keeping the tail; the seed's fields around it. Pure: nothing is sent here.
// The log starts with a short context header (which step failed, its exit code and the command it ran: an RCA
// needs the command, and no peer tool sends it), marked `[circle-sleuth]` so it cannot pass for output.
import { createHash } from 'node:crypto';
import { stripAnsi } from '../../text/sanitize.js';
import { FailError } from '../../util/errors.js';
import { clip } from '../excerpt.js';
import type { Redactor } from '../redaction.js';
import type { CollectedJob, FailedOutput } from '../types.js';
import { capLog, EXLOGARE_LOG_LIMIT, exlogareStatus, pretrim, type ExlogarePayload } from './payload.js';

export interface PrepareOptions {
  redact: Redactor;
  /** Where it would go (shown in the prompt, kept in the record). */
  destination: string;
  /** Cap on the log in UTF-8 bytes (tests lower it). */
  limit?: number;
}

export interface PreparedSend {
  payload: ExlogarePayload;
  /** The JSON body, byte for byte. */
  body: Buffer;
  sha256: string;
  bytes: number;
  logBytes: number;
  redactions: number;
  truncated: boolean;
  droppedLines: number;
  destination: string;
  /** The outputs the log was made from. */
  parts: { step: number; name: string; node: number; exit_code: number | null }[];
}

/**
 * The pre-trim keeps twice the limit (stripping colour codes can halve a log) plus more than any one secret spans
 * (a PEM block), so a secret cut by the pre-trim is never inside the part that is finally sent.
 */
const PRETRIM_SLACK = 1024 * 1024;

/** Lines of a step's command worth sending (the shebang is noise). */
const MAX_COMMAND_LINES = 20;

/** A name on one line of the header. */
const one = (s: string | null): string => clip((s ?? '').replace(/[\r\n]+/g, ' '), 200);

function contextHeader(job: CollectedJob): string {
  const j = job.summary.job;
  const lines = [`[circle-sleuth] job ${j.number} "${one(j.name)}" (${one(j.status)}): the failed step's output follows, escape sequences stripped, secrets redacted`];
  for (const o of job.outputs) {
    lines.push(`[circle-sleuth] step ${o.step} "${one(o.name)}"${j.parallelism > 1 ? ` node ${o.node}` : ''}${o.exit_code === null ? '' : ` exited ${o.exit_code}`}${o.command ? '; it ran:' : ''}`);
    const cmd = (o.command ?? '').replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#!'));
    for (const l of cmd.slice(0, MAX_COMMAND_LINES)) lines.push(`[circle-sleuth] $ ${clip(l, 500)}`);
    if (cmd.length > MAX_COMMAND_LINES) lines.push(`[circle-sleuth] $ … (${cmd.length - MAX_COMMAND_LINES} more lines)`);
  }
  return `${stripAnsi(lines.join('\n'))}\n`;
}

function joinOutputs(outputs: FailedOutput[]): string {
  if (outputs.length === 1) return outputs[0]!.text;
  return outputs
    .map((o) => {
      const head = `===== step ${o.step} "${o.name}" node ${o.node}${o.exit_code === null ? '' : ` (exit ${o.exit_code})`} =====\n`;
      return head + (o.text.endsWith('\n') || o.text === '' ? o.text : `${o.text}\n`);
    })
    .join('');
}

export function prepareSend(job: CollectedJob, opts: PrepareOptions): PreparedSend {
  const limit = opts.limit ?? EXLOGARE_LOG_LIMIT;
  const j = job.summary.job;
  const outputs = job.outputs;
  if (job.summary.failing.length === 0) throw new FailError(`job ${j.number} has no failed step: there is no failure log to send`);
  if (outputs.length === 0) throw new FailError(`the failed step of job ${j.number} printed nothing (or its output could not be read): there is no log to send`);
  const missing = [!j.project_slug && 'project_slug', !j.workflow_id && 'workflow_id', !j.name && 'job_name'].filter(Boolean);
  if (missing.length) throw new FailError(`job ${j.number} lacks ${missing.join(', ')}, which Exlogare requires; nothing was sent`);

  const header = opts.redact(contextHeader(job));
  const room = limit - Buffer.byteLength(header.text, 'utf8');
  const trimmed = pretrim(joinOutputs(outputs), 2 * room + PRETRIM_SLACK);
  const red = opts.redact(stripAnsi(trimmed.text));
  let redactions = header.count + red.count;
  const capped = capLog(red.text, room, { lines: trimmed.lines, bytes: trimmed.bytes });
  const log = header.text + capped.log;
  const field = (v: string | null): string | undefined => {
    if (v === null || v === '') return undefined;
    const r = opts.redact(v);
    redactions += r.count;
    return r.text;
  };

  const payload: ExlogarePayload = {
    project_slug: j.project_slug!,
    workflow_id: j.workflow_id!,
    job_name: field(j.name) ?? j.name!,
    job_number: j.number,
    status: exlogareStatus(j.status),
    log,
  };
  const optional: [keyof ExlogarePayload, string | undefined][] = [
    ['branch', field(j.branch)],
    ['commit_sha', j.commit_sha ?? undefined],
    ['pipeline_url', j.web_url ?? undefined],
    ['workflow_name', field(j.workflow_name)],
  ];
  for (const [k, v] of optional) if (v) (payload as unknown as Record<string, unknown>)[k] = v;

  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  return {
    payload,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    logBytes: Buffer.byteLength(log, 'utf8'),
    redactions,
    truncated: capped.truncated,
    droppedLines: capped.droppedLines,
    destination: opts.destination,
    parts: outputs.map((o) => ({ step: o.step, name: o.name, node: o.node, exit_code: o.exit_code })),
  };
}
