// RawRow → AuditEvent. CSV cells are strings (blobs hold JSON text); streamed objects hold real
// JSON. Every value is untrusted: wrong types become null, a blob that is not JSON is kept as text
// and flagged, and keys such as `__proto__` cannot reach an object's prototype.
import { markOf } from './actions.js';
import { ENTITY_FIELDS, type BlobField, type RawRow } from './fields.js';
import type { AuditEntity, AuditEvent, AuditRequest } from './types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return null;
}

/** Own-property write that a hostile key (`__proto__`) cannot turn into a prototype change. */
function put(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

type Blob = { obj: Obj | null; text: string | null; bad: boolean };

/** A blob cell: a JSON object (streamed), JSON text (CSV), or something else. */
function readBlob(v: unknown): Blob {
  if (v === undefined || v === null) return { obj: null, text: null, bad: false };
  if (isObj(v)) return { obj: v, text: null, bad: false };
  if (typeof v !== 'string') return { obj: null, text: JSON.stringify(v) ?? null, bad: true };
  const t = v.trim();
  if (t === '' || t === 'null' || t === '{}') return { obj: t === '{}' ? {} : null, text: null, bad: false };
  if (t.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (isObj(parsed)) return { obj: parsed, text: null, bad: false };
    } catch {
      // fall through: kept as text
    }
  }
  return { obj: null, text: v, bad: true };
}

export interface Normalized {
  event: AuditEvent;
  /** Reasons this row is flagged (counted in the stats), e.g. "payload is not JSON". */
  flags: string[];
}

/** The time a row carries (its time column, else `common_fields.timestamp`), parsed. */
export function rowTime(row: RawRow): { iso: string | null; bad?: string } {
  if (row.time !== undefined) return parseAuditTime(row.time);
  const fromBlob = (v: unknown): unknown => {
    if (isObj(v)) return v.timestamp;
    if (typeof v === 'string' && v.includes('timestamp')) return readBlob(v).obj?.timestamp;
    return undefined;
  };
  return parseAuditTime(fromBlob(row.blobs.common_fields) ?? row.flats.common_fields?.timestamp);
}

export function normalizeRow(row: RawRow, file: string, line: number, time = rowTime(row)): Normalized {
  const flags: string[] = [];
  const problems: string[] = [];
  const unparsed: Record<string, string> = {};
  const blob = (f: BlobField): Obj | null => {
    const b = readBlob(row.blobs[f]);
    if (b.bad && b.text !== null) {
      // A bare word in an entity column is a name (`actor` = "alice"); anything else is a broken blob.
      if ((ENTITY_FIELDS as readonly string[]).includes(f) && !/^\s*[[{"]/.test(b.text) && b.text.length <= 200) return { name: b.text };
      put(unparsed, f, b.text);
      problems.push(`${f} is not valid JSON (kept as text)`);
      flags.push(`${/^[aeiou]/.test(f) ? 'an' : 'a'} ${f} cell that is not JSON (row kept)`);
    }
    return b.obj;
  };

  const entities = {} as Record<(typeof ENTITY_FIELDS)[number], AuditEntity | null>;
  for (const f of ENTITY_FIELDS) entities[f] = entity(blob(f), row.flats[f]);

  let payload = blob('payload');
  const flatPayload = row.flats.payload;
  if (flatPayload) {
    payload = payload ? { ...payload } : {};
    for (const [k, v] of Object.entries(flatPayload)) if (!(k in payload)) put(payload, k, v);
  }

  const metadata: Record<string, string> = {};
  const meta = blob('metadata');
  for (const src of [meta, row.flats.metadata]) {
    if (!src) continue;
    for (const [k, v] of Object.entries(src)) if (!(k in metadata)) put(metadata, k, scalar(v) ?? JSON.stringify(v));
  }

  const common = blob('common_fields') ?? {};
  const flatCommon = row.flats.common_fields ?? {};
  const request = requestOf(blob('request'), row.flats.request, scalar(common.source_ip) ?? scalar(flatCommon.source_ip));

  if (time.bad) {
    problems.push(`occurred_at is not a time: ${time.bad.slice(0, 80)}`);
    flags.push('an unreadable occurred_at (row kept)');
  }

  const action = scalar(row.action) ?? '';
  const event: AuditEvent = {
    id: scalar(row.id),
    action,
    mark: markOf(action),
    occurred_at: time.iso,
    actor: entities.actor,
    target: entities.target,
    scope: entities.scope,
    organization: entities.organization,
    account: entities.account,
    payload,
    metadata,
    success: parseSuccess(row.success ?? common.outcome ?? flatCommon.outcome),
    request,
    version: parseVersion(row.version),
    source: { file, line },
  };
  if (row.extra) event.extra = row.extra;
  if (Object.keys(unparsed).length) event.unparsed = unparsed;
  if (problems.length) event.problems = problems;
  return { event, flags };
}

function entity(o: Obj | null, flat: Record<string, unknown> | undefined): AuditEntity | null {
  if (!o && !flat) return null;
  const e: AuditEntity = { id: null, type: null, name: null };
  const extra: Obj = {};
  for (const src of [o, flat]) {
    if (!src) continue;
    for (const [k, v] of Object.entries(src)) {
      if (k === 'id' || k === 'type' || k === 'name') {
        if (e[k] === null) e[k] = scalar(v);
      } else if (!(k in extra)) put(extra, k, v);
    }
  }
  // Some exports call the user's handle `login`.
  if (e.name === null && typeof extra.login === 'string') e.name = extra.login;
  if (Object.keys(extra).length) e.extra = extra;
  return e.id === null && e.type === null && e.name === null && !e.extra ? null : e;
}

function requestOf(o: Obj | null, flat: Record<string, unknown> | undefined, sourceIp: string | null): AuditRequest | null {
  const get = (...keys: string[]) => {
    for (const src of [o, flat]) for (const k of keys) if (src && scalar(src[k])) return scalar(src[k]);
    return null;
  };
  const r: AuditRequest = { id: get('id'), ip_address: get('ip_address', 'ip', 'source_ip') ?? sourceIp, client_trace_id: get('client_trace_id') };
  return r.id === null && r.ip_address === null && r.client_trace_id === null ? null : r;
}

export function parseSuccess(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = scalar(v)?.trim().toLowerCase();
  if (!s) return null;
  if (['true', 't', '1', 'yes', 'success', 'succeeded'].includes(s)) return true;
  if (['false', 'f', '0', 'no', 'failure', 'failed'].includes(s)) return false;
  return null;
}

function parseVersion(v: unknown): number | null {
  const s = scalar(v);
  if (s === null || !/^\d{1,6}$/.test(s.trim())) return null;
  return Number(s);
}

/**
 * `occurred_at`: ISO-8601 "with up to nine digits of fractional precision", or what a spreadsheet
 * made of it (`2026-11-19 10:00:05`), or epoch seconds/milliseconds. A time without a zone is UTC
 * (CircleCI writes UTC). Result: ISO with milliseconds, or `bad` with the text.
 */
export function parseAuditTime(v: unknown): { iso: string | null; bad?: string } {
  if (v === undefined || v === null || v === '') return { iso: null };
  if (typeof v === 'number') return epoch(v);
  const s = scalar(v)?.trim() ?? '';
  if (s === '') return { iso: null };
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return epoch(Number(s));
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, date, clock, zone] = m;
    const frac = clock?.replace(',', '.').replace(/(\.\d{3})\d+$/, '$1');
    const z = !zone || /^(z|utc)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const t = Date.parse(`${date}T${frac ?? '00:00'}${z}`);
    if (!Number.isNaN(t)) return { iso: new Date(t).toISOString() };
  }
  return { iso: null, bad: s };
}

function epoch(n: number): { iso: string | null; bad?: string } {
  const ms = n >= 1e12 ? n : n * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? { iso: null, bad: String(n) } : { iso: d.toISOString() };
}
