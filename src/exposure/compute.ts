// The exposure map: project env vars (every job of the project can read them), the contexts each
// job ran with and their variables, and the audit log's context reads joined to the jobs.
import { isApiError } from '../api/errors.js';
import type { Context, ContextEnvVar, ProjectEnvVar } from '../api/types.js';
import { readAudit, summaryLine, type AuditEvent } from '../audit/index.js';
import { branchOf, collectRuns, mapLimit, type Run } from './collect.js';
import { joinAccesses } from './join.js';
import type { ContextInfo, ExposureApi, ExposureReport, ExposureScope, JobExposure, JobRef, SecretExposure } from './types.js';

export interface ExposureInput {
  api: ExposureApi;
  project: string;
  window?: { since?: string; until?: string };
  scope?: ExposureScope;
  /** Audit-log files or directories (CSV or JSON); their context.secrets.accessed events are joined to jobs. */
  auditFiles?: string[];
  concurrency?: number;
  onProgress?: (message: string) => void;
  now?: () => Date;
}

export const DEFAULT_WINDOW_DAYS = 7;

/** A window with no start covers the last 7 days: a project's whole history is rarely meant (and slow to list). */
export function effectiveWindow(window: { since?: string; until?: string }, scope: ExposureScope, now = Date.now()): { since?: string; until?: string } {
  if (scope.kind !== 'window' || window.since) return window;
  return { ...window, since: new Date(now - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString() };
}

/** Placeholder name for a context whose variables could not be listed. */
export const UNLISTED = '(variables not listed)';

export async function computeExposure(input: ExposureInput): Promise<ExposureReport> {
  const { api, project: slug } = input;
  const window = input.window ?? {};
  const scope = input.scope ?? { kind: 'window' };
  const warnings: string[] = [];
  const progress = input.onProgress ?? (() => {});
  const concurrency = input.concurrency ?? 8;

  progress(`reading project ${slug}…`);
  const project = await api.project(slug);
  const envVarsP = api.projectEnvVars(slug).catch((e: unknown) => {
    warnings.push(`project env vars could not be listed (${message(e)}): jobs may have read more than shown`);
    return [] as ProjectEnvVar[];
  });
  const owner = project.organization_id ? { id: project.organization_id } : project.organization_slug ? { slug: project.organization_slug } : null;
  const contextsP: Promise<Context[] | null> = owner
    ? api.contexts(owner).catch((e: unknown) => {
        warnings.push(`the organization's contexts could not be listed (${message(e)})`);
        return null;
      })
    : Promise.resolve(null);
  const [envVars, orgContexts, collected] = await Promise.all([
    envVarsP,
    contextsP,
    collectRuns(api, slug, scope, window, { concurrency, progress, warn: (m) => warnings.push(m) }),
  ]);
  const runs = collected.runs;
  const noDetails = runs.filter((r) => r.details === null);
  if (noDetails.length) warnings.push(`${noDetails.length} job${noDetails.length === 1 ? '' : 's'} without readable details (contexts unknown), e.g. ${noDetails[0]!.job.job_number}: ${noDetails[0]!.detailsError}`);

  // Audit log: only the context reads matter here.
  let audit: ExposureReport['audit'] = null;
  let joined: ReturnType<typeof joinAccesses> | null = null;
  if (input.auditFiles?.length) {
    progress('reading the audit log…');
    const reader = readAudit(input.auditFiles, { filter: { actions: ['context.secrets.accessed'] } });
    const events: AuditEvent[] = [];
    for await (const b of reader.batches()) events.push(...b);
    joined = joinAccesses(events, runs, orgContexts ?? [], window);
    // "Unexplained" only means something for a whole window: for given jobs or one pipeline,
    // the other reads simply belong to jobs outside the scope.
    if (scope.kind !== 'window') {
      joined.unjoined = [];
      joined.considered = joined.byJobId + joined.byTime;
    }
    audit = {
      files: input.auditFiles,
      summary: summaryLine(reader.stats),
      accessed_events: joined.considered,
      joined_by_job_id: joined.byJobId,
      joined_by_time: joined.byTime,
      unjoined: joined.unjoined,
    };
  }

  // Contexts each job ran with: job details, plus what the audit log shows it read.
  const jobContexts = new Map<string, string[]>();
  for (const r of runs) {
    const names = new Set((r.details?.contexts ?? []).map((c) => c.name));
    for (const a of joined?.byJob.get(r.job.id) ?? []) names.add(a.context);
    jobContexts.set(r.job.id, [...names].sort());
  }
  const used = [...new Set([...jobContexts.values()].flat())].sort();

  progress(used.length ? `listing the variables of ${used.length} context${used.length === 1 ? '' : 's'}…` : 'building the map…');
  const contexts: ContextInfo[] = [];
  const contextVars = new Map<string, ContextEnvVar[] | null>();
  await mapLimit(used, concurrency, async (name) => {
    const ctx = orgContexts?.find((c) => c.name === name) ?? null;
    const fromAudit = [...(joined?.contextVars.get(name) ?? [])].sort();
    let vars: ContextEnvVar[] | null = null;
    let note: string | undefined;
    if (ctx) {
      try {
        vars = await api.contextEnvVars(ctx.id);
      } catch (e) {
        if (isApiError(e) && ['auth', 'network', 'timeout', 'server'].includes(e.kind)) throw e;
        note = `variables could not be listed (${message(e)})`;
      }
    } else note = orgContexts ? 'not among the contexts this token can see in the organization' : 'contexts could not be listed';
    if (vars === null && fromAudit.length) {
      vars = fromAudit.map((variable) => ({ variable, context_id: ctx?.id ?? '', created_at: null, updated_at: null, truncated_value: null }));
      note = `${note}; names taken from the audit log`;
    }
    contextVars.set(name, vars);
    contexts.push({ name, id: ctx?.id ?? null, variables: vars ? vars.map((v) => v.variable) : null, source: vars === null ? 'unknown' : ctx && !note ? 'api' : 'audit', ...(note ? { note } : {}) });
  });
  contexts.sort((a, b) => a.name.localeCompare(b.name));
  for (const c of contexts) if (c.variables === null) warnings.push(`context ${c.name}: ${c.note ?? 'variables unknown'}; rotate everything in it`);

  const ref = (r: Run): JobRef => ({
    number: r.job.job_number!,
    name: r.job.name,
    pipeline_number: r.pipeline.number,
    actor: r.pipeline.trigger.actor.login || null,
    branch: branchOf(r.pipeline),
  });
  const newestFirst = [...runs].sort((a, b) => (b.job.started_at ?? '').localeCompare(a.job.started_at ?? '') || (b.job.job_number ?? 0) - (a.job.job_number ?? 0));

  const defaultBranch = project.vcs_info?.default_branch ?? null;
  // 2: the audit log shows it reading a context; 1: a branch other than the default; 0: routine.
  const interest = new Map(runs.map((r) => {
    const read = (joined?.byJob.get(r.job.id)?.length ?? 0) > 0;
    const branch = branchOf(r.pipeline);
    return [r.job.id, read ? 2 : defaultBranch !== null && branch !== null && branch !== defaultBranch ? 1 : 0] as const;
  }));
  const notable = { has: (id: string) => (interest.get(id) ?? 0) > 0 };

  // Per job.
  const jobs: JobExposure[] = newestFirst.map((r) => {
    const ctxs = jobContexts.get(r.job.id) ?? [];
    const ctxVarNames = new Map<string, string>();
    const secrets: JobExposure['secrets'] = [];
    for (const c of ctxs) {
      const vars = contextVars.get(c);
      if (!vars) secrets.push({ name: UNLISTED, kind: 'context', context: c });
      else for (const v of vars) {
        secrets.push({ name: v.variable, kind: 'context', context: c });
        ctxVarNames.set(v.variable, c);
      }
    }
    const projectSecrets = envVars.map((v) => {
      const by = ctxVarNames.get(v.name);
      return { name: v.name, kind: 'project' as const, context: null, ...(by ? { shadowed_by: by } : {}) };
    });
    const all = [...projectSecrets, ...secrets];
    const accesses = joined?.byJob.get(r.job.id) ?? [];
    return {
      ...ref(r),
      id: r.job.id,
      status: r.job.status,
      workflow: { id: r.workflow.id, name: r.workflow.name },
      started_at: r.job.started_at,
      stopped_at: r.job.stopped_at,
      contexts: ctxs,
      details: r.details !== null,
      notable: notable.has(r.job.id),
      secrets: all,
      accesses,
      summary: summarize(all, r.details !== null),
    };
  });

  // Per secret. Each secret's jobs: those the audit log shows reading it, then notable ones (any
  // context read on record, or a branch other than the default), then the rest, newest first.
  const secrets: SecretExposure[] = [];
  const accessedCtx = (r: Run, c: string) => (joined?.byJob.get(r.job.id) ?? []).some((a) => a.context === c);
  const byInterest = [...newestFirst].sort((a, b) => (interest.get(b.job.id) ?? 0) - (interest.get(a.job.id) ?? 0));
  for (const v of envVars) {
    const list = byInterest.map((r) => ({ ...ref(r), accessed: false }));
    secrets.push({ kind: 'project', context: null, name: v.name, context_id: null, last4: last4Of(v.value), created_at: normTime(v.created_at), updated_at: null, jobs: list, job_count: list.length, accessed_count: 0 });
  }
  for (const c of used) {
    const readers = byInterest.filter((r) => (jobContexts.get(r.job.id) ?? []).includes(c));
    // Jobs the audit log shows reading the context come first.
    const list = readers.map((r) => ({ ...ref(r), accessed: accessedCtx(r, c) })).sort((a, b) => Number(b.accessed) - Number(a.accessed));
    const accessed = list.filter((j) => j.accessed).length;
    const info = contexts.find((x) => x.name === c);
    const vars = contextVars.get(c);
    const rows = vars ? vars.map((v) => ({ name: v.variable, last4: v.truncated_value ? v.truncated_value.slice(-4) : null, created_at: normTime(v.created_at), updated_at: normTime(v.updated_at) })) : [{ name: UNLISTED, last4: null, created_at: null, updated_at: null }];
    for (const row of rows) secrets.push({ kind: 'context', context: c, context_id: info?.id ?? null, ...row, jobs: list, job_count: list.length, accessed_count: accessed });
  }
  secrets.sort((a, b) => b.job_count - a.job_count || b.accessed_count - a.accessed_count || (a.kind === b.kind ? 0 : a.kind === 'context' ? -1 : 1) || (a.context ?? '').localeCompare(b.context ?? '') || a.name.localeCompare(b.name));

  return {
    project: { slug, organization: { id: project.organization_id, slug: project.organization_slug, name: project.organization_name } },
    window: { since: window.since ?? null, until: window.until ?? null },
    scope,
    generated_at: (input.now?.() ?? new Date()).toISOString(),
    pipelines: collected.pipelines,
    jobs,
    secrets,
    contexts,
    audit,
    warnings,
  };
}

function summarize(secrets: JobExposure['secrets'], details: boolean): string {
  const names = secrets.map((s) => `${s.name} (${s.kind === 'project' ? 'project' : `context ${s.context}`}${s.shadowed_by ? `, shadowed by context ${s.shadowed_by}` : ''})`);
  const text = names.length ? `could read ${names.join(', ')}` : 'could read no stored secrets';
  return details ? text : `${text}; its contexts are unknown (no job details)`;
}

/** CircleCI masks values as `xxxx` + the last four characters. */
export function last4Of(masked: string | null): string | null {
  if (!masked) return null;
  const m = /^(?:x{4}|\*{4}|•{4})(.{1,4})$/u.exec(masked);
  if (m) return m[1]!;
  return masked.length <= 4 ? masked : masked.slice(-4);
}

/** `2024-11-02T09:15:44+0000` (after the client stripped `#joda/inst `) → ISO UTC; other text kept. */
export function normTime(t: string | null): string | null {
  if (!t) return null;
  const ms = Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
