// One bad response never loses the rest. When the client cannot use a body (not JSON, nested or
// listed past what it can handle) the downloader asks for it again here, raw: the bytes are kept
// exactly as served (a `raw-body` file) and listed in the manifest's `unparsed` with the reason,
// and a list is read again page by page, item by item, so its good items still get downloaded.
import { isObj, str } from '../api/coerce.js';
import { ApiError, isApiError } from '../api/errors.js';
import { errorFor, oneLine } from '../api/http-errors.js';
import { query } from '../api/paths.js';
import type { HttpResponse, Transport } from '../api/transport.js';
import { EvidenceFsError } from './fs.js';
import type { Recorder } from './recorder.js';

/**
 * Items of one list this download uses (jobs of a workflow, artifacts of a job, …): far more than
 * any real list, and more than `push(...items)` could take, but a bound on the work and memory a
 * hostile list can cost. The rest of such a list is kept raw and listed as unparsed.
 */
export const MAX_LIST_ITEMS = 250_000;
/** Pages of one list read again (the client's own bound). */
const MAX_PAGES = 5000;

/** A body problem was handled: the body is kept raw and listed. */
export const UNPARSED: unique symbol = Symbol('unparsed');

/** Whether `e` is about what the server sent (so the body is worth keeping), not about getting it. */
export function isBodyProblem(e: unknown): boolean {
  if (isApiError(e)) return e.kind === 'malformed';
  if (e instanceof EvidenceFsError) return false;
  // Our own code choking on the data: depth (stack), size (string or array length), shape.
  return e instanceof RangeError || e instanceof TypeError || e instanceof SyntaxError;
}

export function describeProblem(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return e instanceof RangeError ? `too large or too deeply nested to handle (${msg})` : msg;
}

export interface SalvagedList<T> {
  items: T[];
  /** Some of the list could not be used (it is listed in `unparsed`). */
  partial: boolean;
}

export class Salvager {
  constructor(
    private readonly transport: Transport,
    private readonly recorder: Recorder,
    private readonly notes: string[],
    private readonly maxItems: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** A document fetched by `fetch`; when its body cannot be used, it is kept at `rel` and UNPARSED returned. */
  async doc<T>(fetch: () => Promise<T>, endpoint: string, rel: string, job?: number): Promise<T | typeof UNPARSED> {
    try {
      const value = await fetch();
      this.recorder.used(endpoint);
      return value;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      await this.keepAgain(endpoint, rel, this.reason(e), job);
      return UNPARSED;
    }
  }

  /**
   * A list fetched by `fetch`. When the client cannot give it whole, or it is longer than this
   * download uses, it is read again raw: `fileFor(page)` names where a page it cannot use is kept.
   */
  async list<T>(fetch: () => Promise<T[]>, base: string, fileFor: (page: number) => string, normalize: (raw: unknown) => T, job?: number): Promise<SalvagedList<T>> {
    let why: string;
    try {
      const items = await fetch();
      if (items.length <= this.maxItems) {
        this.recorder.used(base);
        return { items, partial: false };
      }
      why = `${items.length} items, more than the ${this.maxItems} this download uses`;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      why = this.reason(e);
    }
    return this.relist(base, {}, why, fileFor, normalize, job);
  }

  /** Reads a list again page by page; `stop` (after each page) ends it early, e.g. at the end of a time window. */
  async relist<T>(
    base: string,
    params: Record<string, string | undefined>,
    why: string,
    fileFor: (page: number) => string,
    normalize: (raw: unknown) => T,
    job?: number,
    stop?: (page: T[]) => boolean,
  ): Promise<SalvagedList<T>> {
    const out: T[] = [];
    let partial = false;
    const seen = new Set<string>();
    let token: string | null = null;
    for (let page = 1; page <= MAX_PAGES && !this.signal?.aborted; page++) {
      const path = `${base}${query({ ...params, 'page-token': token })}`;
      let res: HttpResponse;
      try {
        res = await this.fetch(path);
      } catch (e) {
        this.recorder.unparsed({ endpoint: path, file: null, reason: `${why}; fetching it again failed: ${this.reason(e)}` });
        return { items: out, partial: true };
      }
      const value = parse(res.body);
      if (!isObj(value) || !Array.isArray(value.items)) {
        const kind = value === NOT_JSON ? 'not JSON' : 'JSON that is not a page ({items, next_page_token})';
        await this.keep(path, fileFor(page), res, `${kind} (${why})`, job);
        return { items: out, partial: true };
      }
      const pageItems: T[] = [];
      let unusable = 0;
      let over = 0;
      for (const raw of value.items as unknown[]) {
        if (out.length >= this.maxItems) {
          over++;
          continue;
        }
        try {
          const item = normalize(raw);
          out.push(item);
          pageItems.push(item);
        } catch {
          unusable++;
        }
      }
      if (unusable > 0 || over > 0) {
        partial = true;
        const parts = [unusable > 0 ? `${unusable} item(s) could not be read` : '', over > 0 ? `${over} item(s) past the ${this.maxItems} this download uses` : ''];
        await this.keep(path, fileFor(page), res, parts.filter(Boolean).join('; '), job);
      }
      const next = str(value.next_page_token);
      if (over > 0 && next) {
        this.recorder.unparsed({ endpoint: `${base}${query({ ...params, 'page-token': next })}`, file: null, reason: `the list goes on past the ${this.maxItems} items this download uses; later pages were not fetched` });
        return { items: out, partial: true };
      }
      if (stop?.(pageItems) || !next || seen.has(next)) break;
      seen.add(next);
      token = next;
    }
    if (!partial) {
      this.recorder.used(base);
      this.notes.push(`${base}: read again item by item (${why})`);
    }
    return { items: out, partial };
  }

  /** Fetches `endpoint` again and keeps its body at `rel`, listed as unparsed because of `why`. */
  async keepAgain(endpoint: string, rel: string, why: string, job?: number): Promise<void> {
    let res: HttpResponse;
    try {
      res = await this.fetch(endpoint);
    } catch (e) {
      this.recorder.unparsed({ endpoint, file: null, reason: `${why}; fetching it again failed: ${this.reason(e)}` });
      return;
    }
    await this.keep(endpoint, rel, res, why, job);
  }

  private async keep(endpoint: string, rel: string, res: HttpResponse, why: string, job?: number): Promise<void> {
    const fetchedAt = new Date().toISOString();
    await this.recorder.put(rel, res.body, {
      kind: 'raw-body',
      source: endpoint,
      status: res.status,
      fetched_at: fetchedAt,
      content_type: res.headers['content-type'] ?? null,
      ...(job === undefined ? {} : { job }),
    });
    this.recorder.unparsed({ endpoint, file: rel, reason: why, fetched_at: fetchedAt });
  }

  private async fetch(path: string): Promise<HttpResponse> {
    const res = await this.transport.api(path, this.signal);
    if (res.status < 200 || res.status >= 300) {
      const err = errorFor(res, 'the body', this.transport.describe(new URL(path, this.transport.host).href));
      throw new ApiError(err.kind, this.transport.redact(err.message), err.status);
    }
    return res;
  }

  /** `e` as one redacted line. */
  reason(e: unknown): string {
    return oneLine(this.transport.redact(describeProblem(e)), 300);
  }
}

const NOT_JSON: unique symbol = Symbol('not JSON');

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return NOT_JSON;
  }
}
