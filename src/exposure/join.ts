// context.secrets.accessed events → the jobs they were for. The payload's job_id is the v2 job id
// (exact). Events without one are matched by context and time: contexts are injected as the job is
// set up, so the event falls between the job being queued and shortly after it started.
import type { AuditEvent } from '../audit/index.js';
import type { Context } from '../api/types.js';
import type { Run } from './collect.js';
import type { AccessRecord, UnjoinedAccess } from './types.js';

const BEFORE_MS = 2 * 60_000;
const AFTER_MS = 5 * 60_000;

export interface Joined {
  byJob: Map<string, AccessRecord[]>;
  /** Contexts seen in access events: name → variable names (the payload's environment_variable_titles). */
  contextVars: Map<string, Set<string>>;
  unjoined: UnjoinedAccess[];
  byJobId: number;
  byTime: number;
  /** Events that were joined or fall in the window (the others are about other times). */
  considered: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

export function variablesOf(payload: Record<string, unknown> | null): string[] {
  const v = payload?.environment_variable_titles ?? payload?.environment_variables ?? payload?.variables;
  const list = Array.isArray(v) ? v.map(str) : typeof v === 'string' ? v.split(/[,\s]+/) : [];
  return list.filter((x): x is string => !!x && x.length <= 256);
}

export function contextOf(e: AuditEvent, contexts: Context[]): string | null {
  const p = e.payload ?? {};
  const byName = str(p.context_name) ?? (e.target?.type === 'context' ? e.target.name : null);
  if (byName) return byName;
  const id = str(p.context_id) ?? (e.target?.type === 'context' ? e.target.id : null);
  return contexts.find((c) => c.id === id)?.name ?? id;
}

export function joinAccesses(events: AuditEvent[], runs: Run[], contexts: Context[], window: { since?: string; until?: string }): Joined {
  const byId = new Map(runs.map((r) => [r.job.id, r]));
  const out: Joined = { byJob: new Map(), contextVars: new Map(), unjoined: [], byJobId: 0, byTime: 0, considered: 0 };
  const since = window.since ? Date.parse(window.since) : -Infinity;
  const until = window.until ? Date.parse(window.until) : Infinity;

  for (const e of events) {
    const context = contextOf(e, contexts);
    if (!context) continue;
    const vars = variablesOf(e.payload);
    const seen = out.contextVars.get(context) ?? new Set<string>();
    for (const v of vars) seen.add(v);
    out.contextVars.set(context, seen);
    const jobId = str(e.payload?.job_id);
    const t = e.occurred_at ? Date.parse(e.occurred_at) : NaN;
    const base = { context, at: e.occurred_at, variables: vars, event_id: e.id, actor: e.actor?.name ?? e.actor?.id ?? null, ip: e.request?.ip_address ?? null };

    let run: Run | undefined;
    let match: AccessRecord['match'] = 'job_id';
    let ambiguous = 0;
    if (jobId) run = byId.get(jobId);
    else if (!Number.isNaN(t)) {
      const fits = runs.filter((r) => ranWith(r, context) && inSetup(r, t));
      fits.sort((a, b) => Math.abs(startOf(a) - t) - Math.abs(startOf(b) - t));
      run = fits[0];
      match = 'time';
      ambiguous = Math.max(0, fits.length - 1);
    }
    if (run) {
      const list = out.byJob.get(run.job.id) ?? [];
      list.push({ ...base, match, ambiguous });
      out.byJob.set(run.job.id, list);
      if (match === 'job_id') out.byJobId++;
      else out.byTime++;
      out.considered++;
      continue;
    }
    // Only accesses inside the window are worth listing as unexplained.
    if (!Number.isNaN(t) && (t < since || t > until)) continue;
    out.considered++;
    out.unjoined.push({
      context: base.context,
      at: base.at,
      job_id: jobId,
      actor: base.actor,
      ip: base.ip,
      event_id: base.event_id,
      why: jobId ? 'its job_id is not a job in scope (another project, or outside the window)' : 'no job in scope ran with this context at that time',
    });
  }
  return out;
}

function ranWith(r: Run, context: string): boolean {
  // Without details the contexts are unknown: any such job could have been the one.
  return r.details === null || r.details.contexts.some((c) => c.name === context);
}

function startOf(r: Run): number {
  return Date.parse(r.details?.started_at ?? r.job.started_at ?? '') || 0;
}

function inSetup(r: Run, t: number): boolean {
  const started = startOf(r);
  const queued = Date.parse(r.details?.queued_at ?? r.details?.created_at ?? '') || started;
  return t >= Math.min(queued, started) - BEFORE_MS && t <= started + AFTER_MS;
}
