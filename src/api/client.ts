// CircleCI API v2 + v1.1, with pagination, a disk cache that knows what is immutable, and the
// step-output path (presigned links fetched with no credentials, refreshed when they expire).
import type { DiskCache, Ttl } from '../cache/disk-cache.js';
import { capDepth } from '../text/safe-json.js';
import { arr, isObj, obj, str } from './coerce.js';
import { ApiError } from './errors.js';
import { errorFor } from './http-errors.js';
import * as N from './normalize.js';
import { id, jobNum, query, slugPath, v1SlugPath } from './paths.js';
import { isActionFinal, isJobFinal, isWorkflowFinal } from './status.js';
import { parseStepOutput } from './step-output.js';
import { fetchOutputLink } from './storage.js';
import type { HttpResponse, Transport } from './transport.js';
import type {
  Artifact, BuildDetails, Context, ContextEnvVar, Job, JobDetails, Me, Pipeline, Project,
  ProjectEnvVar, StepAction, StepOutput, Workflow,
} from './types.js';

const SECOND = 1000;

/**
 * Bounds on what a listing may cost. A server that always offers another page stops at
 * maxPages (the list is returned, and `truncated` says so); a page with more than
 * maxPageItems items is refused as malformed (CircleCI pages hold 20 to 100).
 */
export interface ClientLimits { maxPages: number; maxPageItems: number }
export const DEFAULT_CLIENT_LIMITS: ClientLimits = { maxPages: 1000, maxPageItems: 10_000 };

export interface PipelineQuery {
  branch?: string;
  /** ISO time: stop paging once a whole page is older (pipelines come newest first). */
  since?: string;
  until?: string;
}

export interface FetchedOutput {
  output: StepOutput;
  /** The body exactly as storage returned it (null when the step has no output). */
  raw: Buffer | null;
  /** Where it came from, presigned query removed; status; fetch time (ISO UTC). */
  source: { url: string | null; status: number | null; fetchedAt: string; fromCache: boolean; contentType: string | null };
}

export class CircleCiClient {
  /** Builds fetched fresh in this process still carry live output links; cached ones do not. */
  private readonly liveBuilds = new Map<string, { build: BuildDetails; at: number }>();
  private readonly limits: ClientLimits;
  /** One line per listing that stopped before the server's last page (a page bound or a page-token loop). */
  readonly truncated: string[] = [];

  constructor(readonly transport: Transport, readonly cache: DiskCache | null = null, limits: Partial<ClientLimits> = {}) {
    this.limits = { ...DEFAULT_CLIENT_LIMITS, ...limits };
  }

  get host(): string {
    return this.transport.host;
  }

  // ---- identity / project -------------------------------------------------------------------

  async me(): Promise<Me> {
    return N.toMe(await this.getJson('/api/v2/me', 'your user (/me)', { ttl: () => undefined }));
  }

  async project(slug: string): Promise<Project> {
    return N.toProject(await this.getJson(`/api/v2/project/${slugPath(slug)}`, `project ${slug}`, { ttl: () => 3600 * SECOND, checkMe: true }));
  }

  // ---- pipelines ------------------------------------------------------------------------------

  /** All pipelines in the window, newest first, paging until the window is passed. */
  async pipelines(slug: string, window: PipelineQuery = {}): Promise<Pipeline[]> {
    const out: Pipeline[] = [];
    for await (const page of this.pipelinePages(slug, window)) appendAll(out, page);
    return out;
  }

  /** Page by page (for a UI that pages on as the user scrolls). Items outside the window are dropped. */
  async *pipelinePages(slug: string, window: PipelineQuery = {}): AsyncGenerator<Pipeline[]> {
    const since = window.since ? Date.parse(window.since) : null;
    const until = window.until ? Date.parse(window.until) : null;
    const base = `/api/v2/project/${slugPath(slug)}/pipeline`;
    for await (const raw of this.pages(base, { branch: window.branch }, `pipelines of ${slug}`, () => 15 * SECOND, true)) {
      const items = raw.map(N.toPipeline);
      yield items.filter((p) => {
        const created = Date.parse(p.created_at);
        if (Number.isNaN(created)) return true;
        return (since === null || created >= since) && (until === null || created <= until);
      });
      const oldest = items.at(-1);
      if (since !== null && oldest && Date.parse(oldest.created_at) < since) return;
    }
  }

  async pipeline(pipelineId: string): Promise<Pipeline> {
    const raw = await this.getJson(`/api/v2/pipeline/${id(pipelineId, 'pipeline')}`, `pipeline ${pipelineId}`, { ttl: pipelineTtl });
    return N.toPipeline(raw);
  }

  async pipelineByNumber(slug: string, pipelineNumber: number): Promise<Pipeline> {
    const raw = await this.getJson(`/api/v2/project/${slugPath(slug)}/pipeline/${jobNum(pipelineNumber)}`, `pipeline ${pipelineNumber} of ${slug}`, { ttl: pipelineTtl, checkMe: true });
    return N.toPipeline(raw);
  }

  // ---- workflows and jobs ---------------------------------------------------------------------

  async workflows(pipelineId: string): Promise<Workflow[]> {
    const base = `/api/v2/pipeline/${id(pipelineId, 'pipeline')}/workflow`;
    // A rerun adds workflows to a pipeline, so even a finished list is only kept a minute.
    const items = await this.all(base, {}, `workflows of pipeline ${pipelineId}`, (it) => (it.every((w) => isWorkflowFinal(str(obj(w).status))) ? 60 * SECOND : 10 * SECOND));
    return items.map(N.toWorkflow);
  }

  async workflow(workflowId: string): Promise<Workflow> {
    const raw = await this.getJson(`/api/v2/workflow/${id(workflowId, 'workflow')}`, `workflow ${workflowId}`, {
      ttl: (j) => (isWorkflowFinal(str(obj(j).status)) ? null : 10 * SECOND),
    });
    return N.toWorkflow(raw);
  }

  /** Every job of a workflow, following next_page_token (a workflow can have more than one page). */
  async jobs(workflowId: string): Promise<Job[]> {
    const base = `/api/v2/workflow/${id(workflowId, 'workflow')}/job`;
    const items = await this.all(base, {}, `jobs of workflow ${workflowId}`, (it) => (it.every((j) => isJobFinal(str(obj(j).status))) ? null : 10 * SECOND));
    return items.map(N.toJob);
  }

  /** v2 job details. Approval jobs have none (404): callers list them from `jobs()` instead. */
  async jobDetails(slug: string, jobNumber: number): Promise<JobDetails> {
    const raw = await this.getJson(`/api/v2/project/${slugPath(slug)}/job/${jobNum(jobNumber)}`, `job ${jobNumber} of ${slug}`, {
      ttl: (j) => (isJobFinal(str(obj(j).status)) ? null : 10 * SECOND),
      checkMe: true,
    });
    return N.toJobDetails(raw);
  }

  async artifacts(slug: string, jobNumber: number, opts: { jobFinished?: boolean } = {}): Promise<Artifact[]> {
    const base = `/api/v2/project/${slugPath(slug)}/${jobNum(jobNumber)}/artifacts`;
    const items = await this.all(base, {}, `artifacts of job ${jobNumber}`, () => (opts.jobFinished ? null : 60 * SECOND));
    return items.map(N.toArtifact);
  }

  // ---- secrets inventory (names and masked values only; the API never returns plaintext) ------

  async projectEnvVars(slug: string): Promise<ProjectEnvVar[]> {
    const items = await this.all(`/api/v2/project/${slugPath(slug)}/envvar`, {}, `env vars of ${slug}`, () => 300 * SECOND);
    return items.map(N.toProjectEnvVar);
  }

  async contexts(owner: { slug?: string; id?: string }): Promise<Context[]> {
    const params = owner.id ? { 'owner-id': owner.id } : { 'owner-slug': owner.slug };
    const items = await this.all('/api/v2/context', params, `contexts of ${owner.slug ?? owner.id}`, () => 300 * SECOND);
    return items.map(N.toContext);
  }

  async contextEnvVars(contextId: string): Promise<ContextEnvVar[]> {
    const items = await this.all(`/api/v2/context/${id(contextId, 'context')}/environment-variable`, {}, `variables of context ${contextId}`, () => 300 * SECOND);
    return items.map(N.toContextEnvVar);
  }

  // ---- v1.1 build: steps and their output -----------------------------------------------------

  /**
   * Steps of a job (v1.1). A finished build is cached forever, but with its presigned output
   * links removed: they expire in minutes and must not sit on disk.
   */
  async build(slug: string, jobNumber: number, opts: { fresh?: boolean } = {}): Promise<BuildDetails> {
    const path = `/api/v1.1/project/${v1SlugPath(slug)}/${jobNum(jobNumber)}`;
    const key = this.key(path);
    if (!opts.fresh && this.cache) {
      const hit = await this.cache.get(key);
      const parsed = hit ? tryJson(hit.body) : undefined;
      if (parsed !== undefined) return N.toBuildDetails(parsed);
    }
    const res = await this.transport.api(path);
    if (res.status !== 200) throw await this.fail(res, `job ${jobNumber} of ${slug}`, path, true);
    const json = parseJson(res, path, this.transport);
    const build = N.toBuildDetails(json);
    this.liveBuilds.set(`${slug}#${jobNumber}`, { build, at: Date.now() });
    if (this.cache) {
      const finished = build.lifecycle === 'finished' || (build.lifecycle === null && isJobFinal(build.status));
      // capDepth: JSON.stringify recurses, and the API's nesting is untrusted.
      await this.cache.put(key, Buffer.from(JSON.stringify(capDepth(withoutOutputLinks(json)))), finished ? null : 5 * SECOND);
    }
    return build;
  }

  /**
   * What one step printed on one node. Served from the cache when the step has finished; else
   * the presigned link is fetched with no credentials at all, and an expired link (403) gets one
   * fresh copy of the build.
   */
  async stepOutput(slug: string, jobNumber: number, step: number, node = 0): Promise<FetchedOutput> {
    const key = this.key(`output:${slugPath(slug)}/${jobNum(jobNumber)}/${step}/${node}`);
    const cached = this.cache ? await this.cache.get(key) : null;
    if (cached) {
      const meta = cached.meta as { url?: string; status?: number; fetchedAt?: string; contentType?: string };
      return {
        output: parseStepOutput(cached.body),
        raw: cached.body,
        source: { url: meta.url ?? null, status: meta.status ?? 200, fetchedAt: meta.fetchedAt ?? new Date(cached.storedAt).toISOString(), fromCache: true, contentType: meta.contentType ?? null },
      };
    }
    const listed = await this.findAction(slug, jobNumber, step, node, false);
    if (!listed.has_output || !listed.output_url) {
      return { output: { text: '', format: 'none', messages: 0, truncated: false, times: [] }, raw: null, source: { url: null, status: null, fetchedAt: new Date().toISOString(), fromCache: false, contentType: null } };
    }
    // An expired link gets one fresh copy of the build (findAction forced fresh).
    const { res, action } = await fetchOutputLink(listed.output_url, listed, {
      transport: this.transport,
      freshAction: () => this.findAction(slug, jobNumber, step, node, true),
      what: `output of step ${step}${node ? ` node ${node}` : ''} of job ${jobNumber}`,
    });
    const fetchedAt = new Date().toISOString();
    const url = this.transport.describe(res.url);
    const contentType = res.headers['content-type'] ?? null;
    if (this.cache && isActionFinal(action.status)) await this.cache.put(key, res.body, null, { url, status: res.status, fetchedAt, contentType });
    return { output: parseStepOutput(res.body), raw: res.body, source: { url, status: res.status, fetchedAt, fromCache: false, contentType } };
  }

  /** An action with a usable output link: from a build fetched in this process (under 60 s old), else fetched fresh. */
  private async findAction(slug: string, jobNumber: number, step: number, node: number, forceFresh: boolean): Promise<StepAction> {
    const live = this.liveBuilds.get(`${slug}#${jobNumber}`);
    const build = !forceFresh && live && Date.now() - live.at < 60 * SECOND ? live.build : await this.build(slug, jobNumber, { fresh: true });
    const found = build.steps.find((x) => x.step === step);
    if (!found) throw new ApiError('not-found', `job ${jobNumber} has no step ${step} (steps: ${listSome(build.steps.map((x) => x.step))})`, 404);
    const action = found.actions.find((x) => x.index === node);
    if (!action) throw new ApiError('not-found', `step ${step} of job ${jobNumber} has no node ${node} (nodes: ${listSome(found.actions.map((x) => x.index))})`, 404);
    return action;
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private key(path: string): string {
    return `${this.transport.host}${path}`;
  }

  /** GET JSON with the cache. `ttl` decides from the body how long it may be kept (undefined = do not cache). */
  private async getJson(path: string, what: string, opts: { ttl: (json: unknown) => Ttl | undefined; checkMe?: boolean }): Promise<unknown> {
    const key = this.key(path);
    if (this.cache) {
      const hit = await this.cache.get(key);
      const parsed = hit ? tryJson(hit.body) : undefined;
      if (parsed !== undefined) return parsed;
    }
    const res = await this.transport.api(path);
    if (res.status < 200 || res.status >= 300) throw await this.fail(res, what, path, opts.checkMe ?? false);
    const json = parseJson(res, path, this.transport);
    const ttl = opts.ttl(json);
    if (this.cache && ttl !== undefined) await this.cache.put(key, res.body, ttl);
    return json;
  }

  private async all(base: string, params: Record<string, string | undefined>, what: string, ttl: (items: unknown[]) => Ttl | undefined): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const page of this.pages(base, params, what, ttl, false)) appendAll(out, page);
    return out;
  }

  /**
   * Follows next_page_token to the end. A token seen twice (a server loop) or the page bound
   * stops paging with a line in `truncated`: what was read is kept, and the caller can tell.
   */
  private async *pages(base: string, params: Record<string, string | undefined>, what: string, ttl: (items: unknown[]) => Ttl | undefined, checkMe: boolean): AsyncGenerator<unknown[]> {
    const seen = new Set<string>();
    let token: string | null = null;
    for (let page = 0; ; page++) {
      if (page >= this.limits.maxPages) {
        this.truncated.push(`stopped listing ${what} after ${page} pages, the bound for one list: CircleCI kept offering another page, so the list may be incomplete`);
        return;
      }
      const path = `${base}${query({ ...params, 'page-token': token })}`;
      const json = await this.getJson(path, what, {
        ttl: (j) => ttl(arr(obj(j).items)),
        checkMe,
      });
      if (!isObj(json) || !Array.isArray(json.items)) {
        throw new ApiError('malformed', `CircleCI answered ${this.transport.describe(new URL(path, this.host).href)} with JSON that is not a page ({items, next_page_token})`);
      }
      if (json.items.length > this.limits.maxPageItems) {
        throw new ApiError('malformed', `CircleCI answered ${this.transport.describe(new URL(path, this.host).href)} with a page of ${json.items.length} items, over the bound of ${this.limits.maxPageItems} for one page; refused`);
      }
      yield json.items;
      const next = str(json.next_page_token);
      if (!next) return;
      if (seen.has(next)) {
        this.truncated.push(`stopped listing ${what} after ${page + 1} pages: CircleCI offered a page token it had already given, so the list may be incomplete`);
        return;
      }
      seen.add(next);
      token = next;
    }
  }

  /** A 404 is ambiguous (missing, or invisible to this token): ask /me to tell the two apart. */
  private async fail(res: HttpResponse, what: string, path: string, checkMe: boolean): Promise<ApiError> {
    // The server's message is quoted; a server may echo the token back, so it is scrubbed before
    // it is cut short, and the whole line once more after.
    const scrub = (t: string) => this.transport.redact(t);
    const raw = errorFor(res, what, this.transport.describe(new URL(path, this.host).href), scrub);
    const err = new ApiError(raw.kind, scrub(raw.message), raw.status);
    if (res.status !== 404 || !checkMe) return err;
    try {
      const me = await this.me();
      return new ApiError('not-found', `${what} not found: it does not exist, or ${me.login || 'this user'} cannot see it (404).`, 404);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'auth') return e;
      return err;
    }
  }
}

/** push(...items) passes every item as an argument: a page of 300,000 overflows the stack. */
function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** A one-line list of numbers for a message: the first 20, then a count. */
function listSome(ns: number[]): string {
  if (ns.length === 0) return 'none';
  return ns.length <= 20 ? ns.join(', ') : `${ns.slice(0, 20).join(', ')}, … ${ns.length - 20} more`;
}

function pipelineTtl(j: unknown): Ttl {
  const state = str(obj(j).state);
  return state === 'created' || state === 'errored' ? null : 10 * SECOND;
}

function tryJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function parseJson(res: HttpResponse, path: string, transport: Transport): unknown {
  const json = tryJson(res.body);
  if (json === undefined) {
    const head = res.body.subarray(0, 200).toString('utf8').trimStart();
    const kind = /^<(!doctype|html)/i.test(head) ? 'an HTML page' : res.body.length === 0 ? 'an empty body' : 'a body that is not JSON';
    throw new ApiError('malformed', `CircleCI answered ${res.status} for ${transport.describe(res.url || path)} with ${kind} instead of JSON`);
  }
  return json;
}

/** Drop presigned output links before a build goes to disk. */
function withoutOutputLinks(json: unknown): unknown {
  if (!isObj(json)) return json;
  const steps = arr(json.steps).map((s) => {
    const step = obj(s);
    return { ...step, actions: arr(step.actions).map((a) => (isObj(a) ? { ...a, output_url: a.output_url ? 'cached:removed' : null } : a)) };
  });
  return { ...json, steps };
}
