import type { SampleAuditEvent } from '../audit/audit-event.js';
import type { SimJob } from '../world/model.js';
import { Hostilizer } from './hostilizer.js';
import { getHostileWorld, hostileContextName, hostileEnvVarName, hostileLogin } from './hostile-world.js';

// The sample audit log of the hostile world: every name and free-text cell carries corpus payloads. Ids, actions,
// times, IPs, slugs and flags stay as they are, and names that join the audit log to the API (job, workflow,
// context and variable names, logins) are exactly the hostile world's, so the exposure join still works.

type Entity = SampleAuditEvent['actor'];

/** Payload keys that are ids or slugs: kept. */
const KEPT = new Set(['job_id', 'workflow_id', 'context_id', 'project_slug', 'pipeline_number', 'job_number']);

export function hostileAuditEvents(events: SampleAuditEvent[], anchorMs?: number): SampleAuditEvent[] {
  const w = getHostileWorld(anchorMs);
  const jobs = new Map<string, SimJob>();
  for (const job of w.jobByNumber.values()) jobs.set(job.id, job);
  // A cycle of its own, restarted per call: the same sample every time it is written.
  const h = new Hostilizer(11);

  const entity = (e: Entity): Entity => {
    switch (e.type) {
      case 'user':
      case 'system':
        return { ...e, name: hostileLogin(e.name) };
      case 'context':
        return { ...e, name: hostileContextName(e.name) };
      case 'job':
        return { ...e, name: jobs.get(e.id)?.name ?? h.titled(e.name) };
      case 'organization':
      case 'account':
        return { ...e, name: w.labels.orgName };
      default:
        return { ...e, name: h.next(e.name) };
    }
  };

  const payloadCell = (key: string, v: unknown, payload: Record<string, unknown>): unknown => {
    if (typeof v !== 'string' || KEPT.has(key)) return v;
    switch (key) {
      case 'job_name':
        return jobs.get(String(payload.job_id))?.name ?? h.titled(v);
      case 'workflow_name':
        return w.workflowById.get(String(payload.workflow_id))?.name ?? h.titled(v);
      case 'context_name':
        return hostileContextName(v);
      case 'environment_variable_titles':
        return v.split(',').map(hostileEnvVarName).join(',');
      case 'name':
        return hostileEnvVarName(v);
      default:
        return h.next(v);
    }
  };

  return events.map((e) => ({
    ...e,
    actor: entity(e.actor),
    target: entity(e.target),
    scope: entity(e.scope),
    organization: entity(e.organization),
    account: entity(e.account),
    payload: Object.fromEntries(Object.entries(e.payload).map(([k, v]) => [k, payloadCell(k, v, e.payload)])),
    metadata: { ...e.metadata, source: h.next('web-ui') },
    request: { ...e.request, client_trace_id: h.next('trace') },
  }));
}
