// Column and key names → what they mean. CircleCI does not document the CSV header, so names are
// matched loosely: case, spaces, dashes, dots and camelCase do not matter (`ACTOR_ID`, `actor.id`,
// `actorId` and `Actor Id` are one column), and both JSON-blob columns (`actor`) and flattened
// ones (`ACTOR_NAME`) are understood. The same mapping reads the keys of streamed JSON objects.

export const BLOB_FIELDS = ['actor', 'target', 'scope', 'organization', 'account', 'payload', 'metadata', 'request', 'common_fields'] as const;
export type BlobField = (typeof BLOB_FIELDS)[number];
export const ENTITY_FIELDS = ['actor', 'target', 'scope', 'organization', 'account'] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

export type Role =
  | { kind: 'id' }
  | { kind: 'action' }
  /** Lower rank wins when a row has several time columns. */
  | { kind: 'time'; rank: number }
  | { kind: 'version' }
  | { kind: 'success' }
  | { kind: 'blob'; field: BlobField }
  | { kind: 'flat'; field: BlobField; key: string }
  | { kind: 'extra'; name: string };

const ID = ['id', 'event_id', 'uuid', 'audit_event_id'];
const ACTION = ['action', 'event_action', 'action_name'];
const TIME = ['occurred_at', 'occurred_dt', 'occurred', 'event_time', 'timestamp', 'time'];
const VERSION = ['version', 'schema_version'];
const SUCCESS = ['success', 'successful', 'outcome'];

/** `ACTOR_ID`, `actor.id`, `actorId`, `Actor Id` → `actor_id`. A BOM glued to the first header goes too. */
export function canonicalKey(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function roleOf(name: string): Role {
  const k = canonicalKey(name);
  if (ID.includes(k)) return { kind: 'id' };
  if (ACTION.includes(k)) return { kind: 'action' };
  const t = TIME.indexOf(k);
  if (t >= 0) return { kind: 'time', rank: t };
  if (VERSION.includes(k)) return { kind: 'version' };
  if (SUCCESS.includes(k)) return { kind: 'success' };
  for (const f of BLOB_FIELDS) {
    if (k === f) return { kind: 'blob', field: f };
    if (k.startsWith(`${f}_`) && k.length > f.length + 1) return { kind: 'flat', field: f, key: k.slice(f.length + 1) };
  }
  return { kind: 'extra', name };
}

/** Roles of a CSV header, and whether it is the JSON-blob style, the flattened style, or both. */
export function compileHeader(header: string[]): { roles: Role[]; style: 'blob' | 'flat' | 'mixed'; hasAction: boolean; hasId: boolean } {
  const roles = header.map(roleOf);
  const blobs = roles.some((r) => r.kind === 'blob' && r.field !== 'payload' && r.field !== 'metadata');
  const flats = roles.some((r) => r.kind === 'flat');
  return {
    roles,
    style: blobs && flats ? 'mixed' : flats ? 'flat' : 'blob',
    hasAction: roles.some((r) => r.kind === 'action'),
    hasId: roles.some((r) => r.kind === 'id'),
  };
}

/** The fields of one row before they are turned into an AuditEvent (cheap filters look only at these). */
export interface RawRow {
  id: unknown;
  action: unknown;
  time: unknown;
  timeRank: number;
  version: unknown;
  success: unknown;
  blobs: Partial<Record<BlobField, unknown>>;
  flats: Partial<Record<BlobField, Record<string, unknown>>>;
  extra: Record<string, string> | null;
}

export function emptyRow(): RawRow {
  return { id: undefined, action: undefined, time: undefined, timeRank: Number.MAX_SAFE_INTEGER, version: undefined, success: undefined, blobs: {}, flats: {}, extra: null };
}

/** Empty CSV cells count as absent. */
const absent = (v: unknown) => v === undefined || v === null || v === '';

export function assign(row: RawRow, role: Role, value: unknown): void {
  if (absent(value)) return;
  switch (role.kind) {
    case 'id': row.id ??= value; return;
    case 'action': row.action ??= value; return;
    case 'time':
      if (role.rank < row.timeRank) {
        row.time = value;
        row.timeRank = role.rank;
      }
      return;
    case 'version': row.version ??= value; return;
    case 'success': row.success ??= value; return;
    case 'blob': row.blobs[role.field] ??= value; return;
    case 'flat': {
      const into = (row.flats[role.field] ??= Object.create(null) as Record<string, unknown>);
      into[role.key] ??= value;
      return;
    }
    case 'extra':
      row.extra ??= Object.create(null) as Record<string, string>;
      row.extra[role.name] = typeof value === 'string' ? value : JSON.stringify(value);
      return;
  }
}

/** Keys of streamed JSON objects repeat on every line: resolve each name once. */
export class RoleCache {
  private readonly cache = new Map<string, Role>();
  get(name: string): Role {
    let r = this.cache.get(name);
    if (!r) {
      r = roleOf(name);
      if (this.cache.size < 10_000) this.cache.set(name, r);
    }
    return r;
  }
}
