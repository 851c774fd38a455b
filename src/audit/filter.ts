// Which events to keep. The cheap part (action, time) runs on the raw row before its JSON blobs
// are parsed, so `--action context.secrets` over a million rows parses only the rows it keeps.
import { actionMatches, markOf, markSeverity } from './actions.js';
import type { RawRow } from './fields.js';
import { scalar } from './normalize.js';
import type { AuditEvent } from './types.js';

export interface AuditFilter {
  /** Action prefixes (any of them), `.` and `-` alike. */
  actions?: string[];
  /** Actor login/name or id (any of them), case-insensitive, whole value. */
  actors?: string[];
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
  /** Only the seeds' notable events; 'high' leaves out job lifecycle and logins. */
  marked?: boolean | 'high';
  /** Words that must all appear (case-insensitive) somewhere in the event. */
  text?: string;
}

export interface CompiledFilter {
  /** False: drop the row without parsing it. */
  row(row: RawRow): boolean;
  /** Window check on the parsed time: 'in', 'out', or 'untimed' (window set, no time). */
  time(iso: string | null): 'in' | 'out' | 'untimed';
  event(e: AuditEvent): boolean;
  /** Every check on an already-read event (the TUI filters events it holds). */
  all(e: AuditEvent): boolean;
  readonly hasWindow: boolean;
}

export function compileFilter(f: AuditFilter = {}): CompiledFilter {
  const actions = (f.actions ?? []).filter((a) => a.trim() !== '');
  const actors = (f.actors ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean);
  const since = f.since ? Date.parse(f.since) : null;
  const until = f.until ? Date.parse(f.until) : null;
  const words = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const hasWindow = since !== null || until !== null;
  const c: CompiledFilter = {
    hasWindow,
    all(e) {
      if (actions.length && !actions.some((p) => actionMatches(e.action, p))) return false;
      if (f.marked) {
        const sev = markSeverity(e.mark);
        if (sev === null || (f.marked === 'high' && sev !== 'high')) return false;
      }
      return c.time(e.occurred_at) === 'in' && c.event(e);
    },
    row(row) {
      if (actions.length === 0 && !f.marked) return true;
      const action = scalar(row.action) ?? '';
      if (actions.length && !actions.some((p) => actionMatches(action, p))) return false;
      if (f.marked) {
        const sev = markSeverity(markOf(action));
        if (sev === null || (f.marked === 'high' && sev !== 'high')) return false;
      }
      return true;
    },
    time(iso) {
      if (!hasWindow) return 'in';
      if (iso === null) return 'untimed';
      const t = Date.parse(iso);
      if (since !== null && t < since) return 'out';
      if (until !== null && t > until) return 'out';
      return 'in';
    },
    event(e) {
      if (actors.length && !actorMatches(e, actors)) return false;
      if (words.length) {
        const hay = haystack(e);
        if (!words.every((w) => hay.includes(w))) return false;
      }
      return true;
    },
  };
  return c;
}

function actorMatches(e: AuditEvent, wanted: string[]): boolean {
  const a = e.actor;
  if (!a) return false;
  const names = [a.id, a.name, typeof a.extra?.login === 'string' ? a.extra.login : null].filter((x): x is string => x !== null).map((x) => x.toLowerCase());
  return wanted.some((w) => names.includes(w));
}

const hays = new WeakMap<AuditEvent, string>();

/** Everything a person might search for in an event, lowercased (computed once per event). */
export function haystack(e: AuditEvent): string {
  let h = hays.get(e);
  if (h === undefined) {
    const ent = (x: AuditEvent['actor']) => (x ? `${x.id ?? ''} ${x.name ?? ''} ${x.type ?? ''}` : '');
    h = [
      e.action, e.id ?? '', ent(e.actor), ent(e.target), ent(e.scope), ent(e.organization),
      e.request?.ip_address ?? '', e.payload ? JSON.stringify(e.payload) : '', Object.values(e.unparsed ?? {}).join(' '),
    ].join(' ').toLowerCase();
    hays.set(e, h);
  }
  return h;
}

/**
 * The TUI's one-line filter: `action:context.secrets actor:mallory-dev since:2026-11-19 until:…`
 * plus free words. Repeated keys add alternatives (`action:a action:b`). Unknown `key:` words are
 * plain words. Times go through `parseTime` (ISO or an age like 6h).
 */
export function parseQuery(q: string, parseTime: (s: string) => string): { filter: AuditFilter; error: string | null } {
  const filter: AuditFilter = {};
  const words: string[] = [];
  let error: string | null = null;
  for (const tok of q.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(action|a|actor|by|since|from|until|to|is):(.*)$/i.exec(tok);
    if (!m) {
      words.push(tok);
      continue;
    }
    const key = m[1]!.toLowerCase();
    const val = m[2]!;
    if (!val) continue;
    if (key === 'action' || key === 'a') (filter.actions ??= []).push(val);
    else if (key === 'actor' || key === 'by') (filter.actors ??= []).push(val);
    else if (key === 'is') {
      if (/^marked$/i.test(val)) filter.marked = true;
      else words.push(tok);
    } else {
      try {
        const t = parseTime(val);
        if (key === 'since' || key === 'from') filter.since = t;
        else filter.until = t;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
  }
  if (words.length) filter.text = words.join(' ');
  return { filter, error };
}
