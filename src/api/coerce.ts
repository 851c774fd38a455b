// Defensive readers for untrusted JSON: wrong types become null/defaults instead of crashes.

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
export const strOr = (v: unknown, d: string): string => str(v) ?? d;
export const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};
export const bool = (v: unknown): boolean => v === true || v === 'true';
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strArr = (v: unknown): string[] => arr(v).map(str).filter((s): s is string => s !== null);

/** The envvar endpoint spells its timestamp `created-at` and may prefix it with `#joda/inst `. */
export function envTimestamp(o: Obj): string | null {
  const raw = str(o['created-at']) ?? str(o['created_at']);
  if (!raw) return null;
  return raw.replace(/^#joda\/inst\s+/, '').trim() || null;
}
