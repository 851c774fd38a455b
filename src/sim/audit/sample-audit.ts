// A sample audit log that matches the simulator's story, for the demo and the tests. CircleCI has
// no audit-log API, so the simulator does not serve one: it writes the file an admin would have
// downloaded (CSV, JSON blobs in cells) or streamed to S3 (JSON lines / a JSON array).
//
// The story, around pipeline 896 (mallory-dev, feature/coverage-upload, 2026-11-19 10:00Z in the fixed world;
// `anchorMs` moves every time with the world's):
//   09:13  user.logged_in            mallory-dev from 198.51.100.66 (the team logs in from 192.0.2.x)
//   09:22  project.settings.update   forks-receive-secret-env-vars false → true
//   09:29  checkout-key.create       a deploy key with write access
//   09:36  project.env_var.create    COVERAGE_UPLOAD_URL (deleted again at 13:00: project.env_var.delete)
//   10:0x  context.secrets.accessed  job 5015 (test) reads aws-prod and npm-publish, payload job_id = the job's v2 id
// plus the deploy job 5199 reading aws-prod (with job_id) and slack-notify (an older payload without
// job_id: joined by time), daily logins, and workflow.job.start/finish for every job that ran.
// One workflow.job.finish row is written twice: real downloads contain duplicates.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { stableUuid } from '../ids.js';
import { SIM_ANCHOR_MS, SIM_MALICIOUS, SIM_ORG, SIM_ORG_ID, SIM_PROJECT, SIM_PROJECT_ID, SIM_RUNNING, simContextId, simUserId } from '../story.js';
import { hostileAuditEvents } from '../hostile/hostile-audit.js';
import { wireBytes } from '../hostile/payloads.js';
import { HOUR, iso, MINUTE } from '../time.js';
import { CONTEXTS } from '../world/credentials.js';
import { getWorld, pipelineCreatedMs } from '../world/build-world.js';
import type { Entity, SampleAuditEvent } from './audit-event.js';
import type { SimJob } from '../world/model.js';

export type { SampleAuditEvent } from './audit-event.js';

export type SampleAuditFormat = 'csv' | 'csv-flat' | 'jsonl' | 'json-array';

export interface SampleAuditOptions {
  /** The hostile world's audit log: names and free-text cells carry the terminal-attack corpus. */
  hostile?: boolean;
  /** The world's anchor (SimOptions.anchorMs; default the fixed SIM_ANCHOR_MS): the log's times follow it. */
  anchorMs?: number;
}

export const SAMPLE_AUDIT = Object.freeze({
  malloryIp: '198.51.100.66',
  teamIps: Object.freeze(['192.0.2.10', '192.0.2.11', '192.0.2.12']),
  createdVar: 'COVERAGE_UPLOAD_URL',
  setting: 'forks-receive-secret-env-vars',
  /** Deploy job's slack-notify access carries no job_id (joined by time). */
  jobIdLessAccess: { job: SIM_RUNNING.job, context: 'slack-notify' },
});

const ORG: Entity = { id: SIM_ORG_ID, type: 'organization', name: SIM_ORG };
const ACCOUNT: Entity = { id: SIM_ORG_ID, type: 'account', name: SIM_ORG };
const PROJECT: Entity = { id: SIM_PROJECT_ID, type: 'project', name: SIM_PROJECT };

const user = (login: string): Entity => ({ id: simUserId(login), type: login === 'acme-scheduler' ? 'system' : 'user', name: login });

function event(label: string, action: string, ms: number, actor: Entity, target: Entity, payload: Record<string, unknown>, ip: string, scope: Entity = ORG): SampleAuditEvent {
  return {
    id: stableUuid(`audit:${label}`),
    version: 1,
    action,
    actor,
    target,
    scope,
    organization: ORG,
    account: ACCOUNT,
    payload,
    metadata: {},
    success: true,
    request: { id: stableUuid(`audit-request:${label}`), ip_address: ip, client_trace_id: null },
    occurred_at: iso(ms),
  };
}

function contextAccess(job: SimJob, context: string, withJobId: boolean, ip: string): SampleAuditEvent {
  const ctx = CONTEXTS.find((c) => c.name === context);
  const payload: Record<string, unknown> = {
    context_name: context,
    context_id: simContextId(context),
    environment_variable_titles: (ctx?.vars ?? []).map((v) => v.variable).join(','),
  };
  if (withJobId) Object.assign(payload, { job_id: job.id, job_name: job.name, workflow_id: job.workflow.id, pipeline_number: job.pipeline.number });
  // Contexts are resolved as the job is set up: just before it starts.
  const at = (job.startedMs ?? job.queuedMs) - 1_500;
  return event(`access:${job.number}:${context}`, 'context.secrets.accessed', at, user(job.pipeline.trigger.login), { id: simContextId(context), type: 'context', name: context }, payload, ip);
}

/** Every event of the sample, oldest first (the duplicate row is added by the writers). */
export function sampleAuditEvents(opts: SampleAuditOptions = {}): SampleAuditEvent[] {
  const anchorMs = opts.anchorMs ?? SIM_ANCHOR_MS;
  return opts.hostile ? hostileAuditEvents(storyAuditEvents(anchorMs), anchorMs) : storyAuditEvents(anchorMs);
}

function storyAuditEvents(anchorMs: number): SampleAuditEvent[] {
  const w = getWorld(anchorMs);
  const out: SampleAuditEvent[] = [];
  const mallory = user(SIM_MALICIOUS.actor);
  const t896 = pipelineCreatedMs(SIM_MALICIOUS.pipeline, anchorMs);
  const teamIp = (login: string) => SAMPLE_AUDIT.teamIps[login === 'alice' ? 0 : login === 'bob' ? 1 : 2]!;

  // Daily logins of the team, at 08:5x each day the story covers.
  const first = pipelineCreatedMs(w.pipelines.at(-1)!.number, anchorMs);
  for (let day = Math.floor(first / (24 * HOUR)) * 24 * HOUR; day < pipelineCreatedMs(w.pipelines[0]!.number, anchorMs); day += 24 * HOUR) {
    for (const [i, login] of ['alice', 'bob'].entries()) {
      const at = day + 8 * HOUR + 52 * MINUTE + i * 3 * MINUTE;
      out.push(event(`login:${login}:${at}`, 'user.logged_in', at, user(login), user(login), { method: 'github-oauth' }, teamIp(login)));
    }
  }

  // The intrusion before pipeline 896.
  out.push(event('mallory:login', 'user.logged_in', t896 - 47 * MINUTE, mallory, mallory, { method: 'github-oauth' }, SAMPLE_AUDIT.malloryIp));
  out.push(event('mallory:settings', 'project.settings.update', t896 - 38 * MINUTE, mallory, PROJECT,
    { project_slug: SIM_PROJECT, setting: SAMPLE_AUDIT.setting, old_value: false, new_value: true }, SAMPLE_AUDIT.malloryIp, PROJECT));
  out.push(event('mallory:checkout-key', 'checkout-key.create', t896 - 31 * MINUTE, mallory, PROJECT,
    { project_slug: SIM_PROJECT, type: 'deploy-key', read_only: false, fingerprint: 'SHA256:q2Cw8s1X3YfUuUb0mV5mAqj1L7n9z6cRkq4oT2pX1sE' }, SAMPLE_AUDIT.malloryIp, PROJECT));
  out.push(event('mallory:env-create', 'project.env_var.create', t896 - 24 * MINUTE, mallory, PROJECT,
    { project_slug: SIM_PROJECT, name: SAMPLE_AUDIT.createdVar }, SAMPLE_AUDIT.malloryIp, PROJECT));
  out.push(event('mallory:env-delete', 'project.env_var.delete', t896 + 3 * HOUR, mallory, PROJECT,
    { project_slug: SIM_PROJECT, name: SAMPLE_AUDIT.createdVar }, SAMPLE_AUDIT.malloryIp, PROJECT));

  // Every job that ran: start and finish (routine noise), and context reads for jobs with contexts.
  for (const p of w.pipelines) {
    for (const wf of p.workflows) {
      for (const job of wf.jobs) {
        if (job.type !== 'build' || job.startedMs === null) continue;
        const actor = user(p.trigger.login);
        const ip = p.trigger.login === SIM_MALICIOUS.actor ? SAMPLE_AUDIT.malloryIp : teamIp(p.trigger.login);
        for (const c of job.contexts) {
          const withJobId = !(job.number === SAMPLE_AUDIT.jobIdLessAccess.job && c === SAMPLE_AUDIT.jobIdLessAccess.context);
          out.push(contextAccess(job, c, withJobId, ip));
        }
        const jobTarget: Entity = { id: job.id, type: 'job', name: job.name };
        const payload = { job_id: job.id, job_name: job.name, job_number: job.number, workflow_id: wf.id, workflow_name: wf.name, pipeline_number: p.number, project_slug: SIM_PROJECT };
        out.push(event(`start:${job.number}`, 'workflow.job.start', job.startedMs, actor, jobTarget, payload, ip, PROJECT));
        if (job.stoppedMs !== null) {
          out.push(event(`finish:${job.number}`, 'workflow.job.finish', job.stoppedMs, actor, jobTarget, { ...payload, status: job.status }, ip, PROJECT));
        }
      }
    }
  }
  return out.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.id < b.id ? -1 : 1));
}

const BLOB_HEADER = ['id', 'action', 'actor', 'target', 'payload', 'occurred_at', 'metadata', 'version', 'scope', 'organization', 'account', 'success', 'request'] as const;
const FLAT_HEADER = [
  'ID', 'ACTION', 'ACTOR_ID', 'ACTOR_NAME', 'ACTOR_TYPE', 'TARGET_ID', 'TARGET_NAME', 'TARGET_TYPE', 'SCOPE_ID', 'SCOPE_NAME', 'SCOPE_TYPE',
  'ORGANIZATION_ID', 'ORGANIZATION_NAME', 'ACCOUNT_ID', 'ACCOUNT_NAME', 'PAYLOAD', 'OCCURRED_AT', 'METADATA', 'VERSION', 'SUCCESS', 'REQUEST_ID', 'REQUEST_IP_ADDRESS',
] as const;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: unknown[], eol = '\r\n'): string {
  return cells.map(csvCell).join(',') + eol;
}

function blobRow(e: SampleAuditEvent): unknown[] {
  return BLOB_HEADER.map((k) => e[k]);
}

function flatRow(e: SampleAuditEvent): unknown[] {
  return [
    e.id, e.action, e.actor.id, e.actor.name, e.actor.type, e.target.id, e.target.name, e.target.type, e.scope.id, e.scope.name, e.scope.type,
    e.organization.id, e.organization.name, e.account.id, e.account.name, e.payload, e.occurred_at, e.metadata, e.version, e.success, e.request.id, e.request.ip_address,
  ];
}

/** The sample as file text. */
export function sampleAuditText(format: SampleAuditFormat = 'csv', opts: SampleAuditOptions = {}): string {
  const events = sampleAuditEvents(opts);
  // A duplicate delivery of one routine event, right after the original.
  const dupAt = events.findIndex((e) => e.action === 'workflow.job.finish');
  if (dupAt >= 0) events.splice(dupAt + 1, 0, events[dupAt]!);
  switch (format) {
    case 'csv':
      return csvLine([...BLOB_HEADER]) + events.map((e) => csvLine(blobRow(e))).join('');
    case 'csv-flat':
      return csvLine([...FLAT_HEADER]) + events.map((e) => csvLine(flatRow(e))).join('');
    case 'jsonl':
      return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
    case 'json-array':
      return `[\n${events.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
  }
}

/** Writes the sample audit log (creating the folder); returns the path. */
export async function writeSampleAudit(path: string, format: SampleAuditFormat = 'csv', opts: SampleAuditOptions = {}): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path, { mode: 0o600 });
  // Hostile cells may hold raw invalid UTF-8 (corpus rows H1, K1), written as the bytes themselves.
  out.end(wireBytes(sampleAuditText(format, opts)));
  await once(out, 'finish');
  return path;
}
