// One send: POST the prepared body, record it, read the answer. Called by the RCA service (send-service.ts).
import { ApiError } from '../../api/errors.js';
import { appendSendRecord, type SendRecord } from '../send-record.js';
import type { ExlogareConfig } from './config.js';
import type { PreparedSend } from './prepare.js';
import { parseReplyBody, replyError, type ReplyView } from './reply.js';
import type { PostTransport } from './transport.js';

export interface SendOptions {
  transport: PostTransport;
  cfg: ExlogareConfig;
  /** Folder to record the send in (send-service.ts picks it: evidence folder, else the state directory); null: no record. */
  recordDir: string | null;
  /** `circle-sleuth/0.1.0`, kept in the record. */
  tool: string;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface SendOutcome {
  /** True when Exlogare accepted the log and answered with something to show. */
  ok: boolean;
  status: number | null;
  /** The parsed reply (JSON value, or the text of a non-JSON body). */
  json: unknown;
  view: ReplyView | null;
  /** One line, never carrying the token, when ok is false. */
  error: ApiError | null;
  record: SendRecord | null;
  recordPath: string | null;
  /** Why the record could not be written (the send itself still happened). */
  recordError: string | null;
}

export async function sendPrepared(p: PreparedSend, o: SendOptions): Promise<SendOutcome> {
  const scrub = (e: unknown): ApiError => {
    const err = e instanceof ApiError ? e : new ApiError('network', e instanceof Error ? e.message : String(e));
    return new ApiError(err.kind, o.transport.redact(err.message), err.status);
  };
  const outcome: SendOutcome = { ok: false, status: null, json: null, view: null, error: null, record: null, recordPath: null, recordError: null };
  let res;
  try {
    res = await o.transport.post(o.cfg.path, p.body, 'application/json', o.signal);
  } catch (e) {
    outcome.error = scrub(e);
    // 'refused' means we stopped before sending (e.g. unverified TLS): nothing left the machine.
    if (outcome.error.kind !== 'refused') await record(p, o, null, 'no-answer', outcome);
    return outcome;
  }
  outcome.status = res.status;
  const delivered = res.status >= 200 && res.status < 300;
  await record(p, o, res.status, delivered ? 'delivered' : 'rejected', outcome);
  if (!delivered) {
    // The token is scrubbed from the service's message before it is cut to one line, then once more in the whole.
    outcome.error = scrub(replyError(res, o.cfg.destination, (t) => o.transport.redact(t)));
    return outcome;
  }
  try {
    const r = parseReplyBody(res);
    outcome.json = r.json;
    outcome.view = r.view;
    outcome.ok = true;
  } catch (e) {
    outcome.error = scrub(e);
  }
  return outcome;
}

async function record(p: PreparedSend, o: SendOptions, status: number | null, result: SendRecord['outcome'], out: SendOutcome): Promise<void> {
  const rec: SendRecord = {
    time: (o.now?.() ?? new Date()).toISOString(),
    destination: p.destination,
    project_slug: p.payload.project_slug,
    job_number: p.payload.job_number,
    bytes: p.bytes,
    sha256: p.sha256,
    redactions: p.redactions,
    log_bytes: p.logBytes,
    truncated: p.truncated,
    http_status: status,
    outcome: result,
    tool: o.tool,
  };
  out.record = rec;
  if (!o.recordDir) return;
  try {
    out.recordPath = await appendSendRecord(o.recordDir, rec);
  } catch (e) {
    out.recordError = e instanceof Error ? e.message : String(e);
  }
}
