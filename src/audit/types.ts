// One audit-log event, whatever file it came from: the admin CSV download (JSON-blob columns or
// flattened ACTOR_ID-style columns) or the S3 stream (JSON lines or a JSON array). Field names
// follow CircleCI's documented field set (snake_case), so `--json` reads like the source.

/** actor / target / scope / organization / account: "always contain id and type and will likely contain name". */
export interface AuditEntity {
  id: string | null;
  type: string | null;
  name: string | null;
  /** Any other keys the blob carried (e.g. `login`), as found. */
  extra?: Record<string, unknown>;
}

export interface AuditRequest {
  id: string | null;
  ip_address: string | null;
  client_trace_id: string | null;
}

/** The seeds' notable events, by kind (see actions.ts). */
export type AuditMark = 'secrets' | 'context-var' | 'project-var' | 'settings' | 'checkout-key' | 'config' | 'stop' | 'login' | 'job';

export interface AuditEvent {
  /** UUID per event; duplicates (same id) are dropped. Null when the file has no id column. */
  id: string | null;
  /** As written in the file (`context.secrets.accessed`, `workflow-job-start`, …). */
  action: string;
  /** Set when the action is one the incident guide calls out. */
  mark: AuditMark | null;
  /** ISO-8601 UTC with milliseconds; null when missing or unreadable (see `problems`). */
  occurred_at: string | null;
  actor: AuditEntity | null;
  target: AuditEntity | null;
  scope: AuditEntity | null;
  organization: AuditEntity | null;
  account: AuditEntity | null;
  /** Action-specific JSON; null when absent or not JSON (then its text is in `unparsed.payload`). */
  payload: Record<string, unknown> | null;
  metadata: Record<string, string>;
  success: boolean | null;
  request: AuditRequest | null;
  version: number | null;
  /** Columns the tool does not know, by their header as written. */
  extra?: Record<string, string>;
  /** Cells that should have held JSON but did not, kept verbatim (column → text). */
  unparsed?: Record<string, string>;
  /** Anything odd about this row that did not stop it being read. */
  problems?: string[];
  /** Where the row is: file path and 1-based line of its first line. */
  source: { file: string; line: number };
}

export type AuditFormat = 'csv' | 'json-lines' | 'json-array' | 'empty';

/** What the reader saw, for the one-line summary and `--json` consumers. */
export interface AuditStats {
  files: { path: string; format: AuditFormat; header?: 'blob' | 'flat' | 'mixed'; rows: number }[];
  /** Data rows / JSON objects read, skipped ones included (header excluded). */
  rows: number;
  /** Events that passed the filters (after dedupe). */
  matched: number;
  /** Same id seen again among the matching events: dropped. */
  duplicates: number;
  /** Rows that could not be read at all, by reason. */
  skipped: Tally[];
  /** Rows kept with something odd (a cell that is not JSON, an unreadable time), by reason. */
  flagged: Tally[];
  /** Events left out of a --since/--until window because they have no readable time. */
  untimed: number;
  /** Files given inside a directory that were not audit logs. */
  ignoredFiles: { path: string; reason: string }[];
}

export interface Tally {
  reason: string;
  count: number;
  /** `file:line` of the first occurrence. */
  first: string;
}
