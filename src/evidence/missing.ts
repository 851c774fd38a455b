// Items a download could not fetch for a reason of their own (a 401 on one artifact, an output link refused, a
// body over the size limit), told apart from a failed run (a listing, the network, the folder). One such item
// never throws away the rest: the run finishes, the manifest lists the item with its reason, and the folder is
// "complete except the listed items" (`sleuth download` exits 3), not failed (exit 1).
import { ApiError, isApiError } from '../api/errors.js';
import type { DownloadResult, MissingItem } from './download-types.js';

/** Thrown by an artifact or step-output task for an item not fetched; the downloader records `missing` with the failure. */
export class ItemNotFetched extends ApiError {
  constructor(readonly missing: MissingItem, cause: ApiError) {
    super(cause.kind, cause.message, cause.status);
  }
}

/**
 * The item's reason, when `error` is about that item alone; null when it is about the run (5xx and 429 after every
 * retry, the network, a timeout: a rerun may well get it) or not an answer about the item at all (the folder).
 * `body`: what storage said, to tell an expired link from another refusal.
 */
export function itemReason(error: unknown, body?: Buffer): { reason: string; status: number | null } | null {
  if (!isApiError(error)) return null;
  const status = error.status;
  switch (error.kind) {
    case 'auth': return { reason: '401 needs credentials', status };
    case 'forbidden':
      if (body && /Request has expired/.test(body.toString('utf8', 0, 4096))) return { reason: `${status ?? 403} link expired`, status };
      return { reason: `${status ?? 403} refused`, status };
    case 'not-found': return { reason: '404 gone', status };
    case 'malformed': return /larger than|limit/.test(error.message) ? { reason: 'too large', status } : { reason: 'unreadable body', status };
    case 'refused': return { reason: 'URL refused', status };
    case 'http': return { reason: `${status ?? 'HTTP'} answered`, status };
    default: return null;
  }
}

/** `error` as ItemNotFetched when it is about this item alone, else unchanged (the run failed). */
export function asItemError(error: unknown, item: Omit<MissingItem, 'reason' | 'status'>, body?: Buffer): unknown {
  const why = itemReason(error, body);
  if (!why || !isApiError(error)) return error;
  return new ItemNotFetched({ ...item, ...why }, error);
}

const NOUN: Record<MissingItem['kind'], [string, string]> = { artifact: ['artifact', 'artifacts'], 'step-output': ['step output', 'step outputs'] };

/**
 * The count line's tail, reasons grouped per kind: "2 artifacts not fetched: 401 needs credentials",
 * "3 artifacts not fetched: 401 needs credentials (2), 404 gone (1); 1 step output not fetched: too large". Empty when none.
 */
export function notFetchedText(missing: readonly MissingItem[]): string {
  const parts: string[] = [];
  for (const kind of ['step-output', 'artifact'] as const) {
    const mine = missing.filter((m) => m.kind === kind);
    if (mine.length === 0) continue;
    const reasons = new Map<string, number>();
    for (const m of mine) reasons.set(m.reason, (reasons.get(m.reason) ?? 0) + 1);
    const why = reasons.size === 1 ? [...reasons.keys()][0]! : [...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} (${n})`).join(', ');
    parts.push(`${mine.length} ${NOUN[kind][mine.length === 1 ? 0 : 1]} not fetched: ${why}`);
  }
  return parts.join('; ');
}

/**
 * What a finished download amounts to. `complete`: everything is in the folder. `complete-except-listed`: every
 * failure is an item not fetched for a reason of its own, or a response kept raw because it could not be parsed;
 * everything else is in. `failed`: something else failed (a listing, the network, the folder), so what is missing
 * is not known. `interrupted`: stopped by a signal or the caller.
 */
export type DownloadVerdict = 'complete' | 'complete-except-listed' | 'failed' | 'interrupted';

export function downloadVerdict(r: Pick<DownloadResult, 'outcome' | 'failures' | 'unparsed'>): DownloadVerdict {
  if (r.outcome === 'complete' || r.outcome === 'interrupted') return r.outcome;
  return r.failures.every((f) => f.missing) && (r.failures.length > 0 || r.unparsed.length > 0) ? 'complete-except-listed' : 'failed';
}
