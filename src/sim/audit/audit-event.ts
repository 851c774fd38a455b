// One audit-log event as the simulator writes it: its own module so that the story's events (sample-audit.ts) and
// the hostile world's (hostile/hostile-audit.ts) share the shape without importing each other.
export interface Entity { id: string; type: string; name: string }

/** One event in the streaming (S3) shape; the CSV writers flatten or stringify it. */
export interface SampleAuditEvent {
  id: string;
  version: 1;
  action: string;
  actor: Entity;
  target: Entity;
  scope: Entity;
  organization: Entity;
  account: Entity;
  payload: Record<string, unknown>;
  metadata: Record<string, string>;
  success: boolean;
  request: { id: string; ip_address: string; client_trace_id: string | null };
  occurred_at: string;
}
