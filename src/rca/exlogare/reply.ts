// Exlogare's answer. The seed does not pin its shape, so: RCA-style fields (summary, root cause, suggestions…) when
// present, else the pretty-printed JSON; always sanitized, since the reply is text from a remote service, and
// bounded: nesting deeper than MAX_JSON_DEPTH becomes a marker (no recursion over its depth), and a huge reply is
// cut with a line saying so. Errors become one line with the service's own message (4xx), or a plain statement
// (HTML pages, redirects).
import { ApiError } from '../../api/errors.js';
import { oneLine, statusLabel } from '../../api/http-errors.js';
import type { HttpResponse } from '../../api/transport.js';
import { safeJson } from '../../text/safe-json.js';
import { sanitizeLines } from '../../text/sanitize.js';
import type { RcaRow } from '../render.js';

const FIELDS: { label: string; keys: string[] }[] = [
  { label: 'Summary', keys: ['summary', 'title', 'headline', 'overview', 'analysis', 'explanation'] },
  { label: 'Root cause', keys: ['root_cause', 'rootcause', 'root_causes', 'probable_cause', 'likely_cause', 'cause', 'causes', 'diagnosis'] },
  { label: 'Suggestions', keys: ['suggestions', 'suggested_fixes', 'fixes', 'fix', 'recommendations', 'remediation', 'next_steps', 'actions', 'solution', 'solutions'] },
  { label: 'Failing step', keys: ['failing_step', 'failed_step', 'step'] },
  { label: 'Category', keys: ['category', 'classification', 'type', 'error_type'] },
  { label: 'Confidence', keys: ['confidence', 'score'] },
  { label: 'Severity', keys: ['severity'] },
  { label: 'Link', keys: ['url', 'link', 'report_url', 'html_url', 'rca_url'] },
];
const CORE = new Set(['Summary', 'Root cause', 'Suggestions']);
const NESTS = ['rca', 'analysis', 'result', 'data', 'report'];

export interface ReplyView {
  /** 'rca' when RCA-style fields were found, 'json' for any other JSON, 'text' for a non-JSON body. */
  kind: 'rca' | 'json' | 'text' | 'empty';
  rows: RcaRow[];
}

/** `root_cause`, `rootCause`, `Root-Cause` are one key. */
const norm = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function lookup(o: Obj, keys: string[]): unknown {
  const byNorm = new Map(Object.keys(o).map((k) => [norm(k), k]));
  for (const want of keys) {
    const k = byNorm.get(norm(want));
    if (k !== undefined && o[k] !== null && o[k] !== undefined && o[k] !== '') return o[k];
  }
  return undefined;
}

/** Characters of one value that are read at all; rows of one value, and of the whole reply, that are shown. */
const MAX_VALUE_CHARS = 256 * 1024;
const MAX_VALUE_ROWS = 1000;
const MAX_REPLY_ROWS = 2000;
/** Items of a list (suggestions…) shown. */
const MAX_ITEMS = 100;

const more = (indent: string, what: string): RcaRow => ({ text: `${indent}… (${what} not shown)`, tone: 'muted' });

/** Reply lines: sanitized, no colour, each a row; a huge value is cut with a row saying so. */
function lines(text: string, indent = '  ', tone: RcaRow['tone'] = 'text'): RcaRow[] {
  const cut = text.length > MAX_VALUE_CHARS;
  const all = sanitizeLines(cut ? text.slice(0, MAX_VALUE_CHARS) : text, { keepColor: false, maxLineLength: 500 });
  const rows = all.slice(0, MAX_VALUE_ROWS).map((l) => ({ text: `${indent}${l}`, tone }));
  if (all.length > MAX_VALUE_ROWS) rows.push(more(indent, `${all.length - MAX_VALUE_ROWS} more lines${cut ? ' and the rest of this value' : ''}`));
  else if (cut) rows.push(more(indent, `the rest of this value, ${text.length - MAX_VALUE_CHARS} more characters,`));
  return rows;
}

/** JSON of a reply value for display: depth capped (iteratively), invisible characters escaped. */
const shown = (v: unknown, pretty = true): string => safeJson(v, pretty);

function capRows(rows: RcaRow[]): RcaRow[] {
  if (rows.length <= MAX_REPLY_ROWS) return rows;
  return [...rows.slice(0, MAX_REPLY_ROWS), more('  ', `${rows.length - MAX_REPLY_ROWS} more lines of the reply`)];
}

function itemText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObj(v)) {
    const main = lookup(v, ['title', 'summary', 'description', 'text', 'message', 'suggestion', 'fix', 'action', 'step', 'name']);
    const detail = lookup(v, ['description', 'details', 'detail', 'reason', 'command']);
    if (typeof main === 'string') return typeof detail === 'string' && detail !== main ? `${main}: ${detail}` : main;
  }
  return shown(v, false);
}

function valueRows(v: unknown): RcaRow[] {
  if (Array.isArray(v)) {
    const rows = v.slice(0, MAX_ITEMS).flatMap((item, i) => lines(itemText(item)).map((r, k) => (r.tone === 'muted' ? r : { ...r, text: k === 0 ? `  ${i + 1}. ${r.text.trimStart()}` : `     ${r.text.trimStart()}` })));
    if (v.length > MAX_ITEMS) rows.push(more('  ', `${v.length - MAX_ITEMS} more items`));
    return rows;
  }
  if (isObj(v)) return lines(shown(v));
  return lines(String(v));
}

export function describeReply(json: unknown): ReplyView {
  const candidates: Obj[] = [];
  if (isObj(json)) {
    candidates.push(json);
    for (const n of NESTS) {
      const inner = lookup(json, [n]);
      if (isObj(inner)) candidates.push(inner);
    }
  }
  for (const o of candidates) {
    const found = FIELDS.map((f) => ({ label: f.label, value: lookup(o, f.keys) })).filter((f) => f.value !== undefined && !(f.label === 'Summary' && isObj(f.value)));
    if (!found.some((f) => CORE.has(f.label))) continue;
    const rows: RcaRow[] = [];
    for (const f of found) {
      if (rows.length) rows.push({ text: '', tone: 'text' });
      rows.push({ text: f.label, tone: 'heading' }, ...valueRows(f.value));
    }
    return { kind: 'rca', rows: capRows(rows) };
  }
  if (json === null || json === undefined || (isObj(json) && Object.keys(json).length === 0)) return { kind: 'empty', rows: [{ text: '  (Exlogare answered with an empty JSON body)', tone: 'muted' }] };
  return { kind: 'json', rows: capRows(lines(shown(json))) };
}

const looksHtml = (body: Buffer): boolean => /^\s*<(!doctype|html|head|body|\?xml)/i.test(body.subarray(0, 512).toString('utf8'));

export function parseReplyBody(res: HttpResponse): { json: unknown; view: ReplyView } {
  const text = res.body.toString('utf8');
  if (text.trim() === '') return { json: null, view: { kind: 'empty', rows: [{ text: '  (Exlogare answered with an empty body)', tone: 'muted' }] } };
  try {
    const json = JSON.parse(text) as unknown;
    return { json, view: describeReply(json) };
  } catch {
    if (looksHtml(res.body)) throw new ApiError('malformed', `Exlogare answered ${statusLabel(res.status)} with an HTML page instead of JSON (a login page or a proxy in the way?); the log was delivered, but there is no RCA to show`, res.status);
    return { json: text, view: { kind: 'text', rows: capRows(lines(text)) } };
  }
}

/** Removes secrets (the Exlogare token) from server text; runs before any cut, so no prefix of a secret survives. */
export type Scrub = (text: string) => string;
const asIs: Scrub = (t) => t;

/**
 * A message in `v`: a string, a list of strings or `{msg}` objects (the first three), or one under message /
 * detail / msg a few levels down. A loop with a bound, not recursion: the body is the server's to nest.
 */
function pickMessage(v: unknown): string | null {
  for (let level = 0; level < 8; level++) {
    if (typeof v === 'string') return v || null;
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (const x of v.slice(0, 20)) {
        const m = typeof x === 'string' ? x : isObj(x) ? (x.msg ?? x.message ?? x.detail) : null;
        if (typeof m === 'string' && m) parts.push(m);
        if (parts.length === 3) break;
      }
      return parts.length ? parts.join('; ') : null;
    }
    if (!isObj(v)) return null;
    v = v.message ?? v.detail ?? v.msg;
  }
  return null;
}

/** The service's own message from an error body: message / error / detail / errors[] (FastAPI, Rails, Express). */
export function serviceMessage(body: Buffer, scrub: Scrub = asIs): string | null {
  const text = body.subarray(0, 64 * 1024).toString('utf8').trim();
  if (!text || looksHtml(body)) return null;
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return text.length <= 300 ? oneLine(text, 200, scrub) : null;
  }
  if (typeof j === 'string') return oneLine(j, 200, scrub);
  if (!isObj(j)) return null;
  const msg = pickMessage(j.message) ?? pickMessage(j.error) ?? pickMessage(j.detail) ?? pickMessage(j.errors);
  return msg ? oneLine(msg, 200, scrub) : null;
}

/** A non-2xx answer as one line. `where` is the destination (never carries the token); `scrub` removes the token. */
export function replyError(res: HttpResponse, where: string, scrub: Scrub = asIs): ApiError {
  const msg = serviceMessage(res.body, scrub);
  const quoted = msg ? `: ${msg}` : '';
  const html = looksHtml(res.body) ? ' with an HTML error page' : '';
  const s = res.status;
  if (s >= 300 && s < 400) {
    let to = 'another address';
    try {
      const loc = res.headers['location'];
      if (loc) to = new URL(loc, where).origin;
    } catch {
      to = 'an invalid address';
    }
    return new ApiError('refused', `Exlogare answered ${statusLabel(s)} redirecting to ${oneLine(to, 100, scrub)}; not followed (the token and the log never follow a redirect). If that address is Exlogare, set EXLOGARE_URL to it`, s);
  }
  if (s === 401) return new ApiError('auth', `Exlogare rejected the token (401${quoted}); check EXLOGARE_TOKEN`, s);
  if (s === 403) return new ApiError('forbidden', `Exlogare refused the request (403${quoted})`, s);
  if (s === 404) return new ApiError('not-found', `Exlogare has no ingest endpoint at ${where} (404${quoted}); check EXLOGARE_URL`, s);
  if (s === 413) return new ApiError('http', `Exlogare says the payload is too large (413${quoted})`, s);
  if (s === 429) {
    const ra = res.headers['retry-after'];
    return new ApiError('rate-limited', `Exlogare kept answering 429 (Too Many Requests) and retries ran out${ra ? ` (Retry-After: ${oneLine(ra, 40, scrub)})` : ''}${quoted}; try again later`, s);
  }
  if (s >= 500) return new ApiError('server', `Exlogare answered ${statusLabel(s)}${html}${quoted}; retries ran out, try again later`, s);
  if (s >= 400) return new ApiError('http', `Exlogare rejected the payload (${statusLabel(s)}${quoted})`, s);
  return new ApiError('http', `Exlogare answered ${statusLabel(s)}${html}${quoted}`, s);
}
