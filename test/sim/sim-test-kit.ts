// Shared helpers for the simulator tests: real HTTP against 127.0.0.1, nothing mocked.
import { SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_PROJECT, SIM_SHARDS, simWorkflowId, type SimHandle } from '../../src/sim/index.js';

/** The simulator for a test file (the shared helper, under the name these tests use). */
export { useSim as useSimulator } from '../helpers/sim.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: <T = any>() => T;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export async function api<T = any>(sim: SimHandle, path: string, headers: Record<string, string> = {}): Promise<T> {
  const r = await get(`${sim.apiUrl}${path}`, headers);
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.text}`);
  return r.json<T>();
}

export const projectPath = (rest = ''): string => `/api/v2/project/${SIM_PROJECT}${rest}`;

/** Every item of a paginated list, plus how many pages it took. */
export async function allPages<T = any>(sim: SimHandle, path: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let token: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; next_page_token: string | null } = await api(sim, token ? `${path}${sep}page-token=${encodeURIComponent(token)}` : path);
    items.push(...page.items);
    token = page.next_page_token;
    pages += 1;
  } while (token && pages < 50);
  return { items, pages };
}

export interface V1Action {
  step: number;
  index: number;
  name: string;
  status: string;
  exit_code: number | null;
  has_output: boolean;
  output_url?: string | null;
  bash_command: string | null;
  end_time: string | null;
}

export async function build(sim: SimHandle, jobNumber: number): Promise<any> {
  return api(sim, `/api/v1.1/project/github/acme/payments/${jobNumber}`);
}

export async function action(sim: SimHandle, jobNumber: number, step: number, node = 0): Promise<V1Action> {
  const b = await build(sim, jobNumber);
  const found = (b.steps as Array<{ actions: V1Action[] }>).flatMap((s) => s.actions).find((a) => a.step === step && a.index === node);
  if (!found) throw new Error(`job ${jobNumber} has no step ${step} on node ${node}`);
  return found;
}

export interface OutputMessage {
  message: string;
  time: string;
  type: 'out' | 'err';
}

/** Raw body and parsed messages of one step's presigned output. */
export async function stepOutput(sim: SimHandle, jobNumber: number, step: number, node = 0): Promise<{ raw: Buffer; messages: OutputMessage[]; text: string }> {
  const a = await action(sim, jobNumber, step, node);
  if (!a.output_url) throw new Error('no output_url');
  const res = await fetch(a.output_url);
  const raw = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`output answered ${res.status}`);
  const messages = JSON.parse(raw.toString('utf8')) as OutputMessage[];
  return { raw, messages, text: messages.map((m) => m.message).join('') };
}

/**
 * What a client sees of the story, as text: the pipeline list, a 45-job list, five jobs (details, artifacts, v1.1 build
 * and each step's output body, its bytes as latin1 so nothing is lost), env vars and contexts. Origins are replaced by
 * names and presigned queries (wall-clock date, per-process key) by `<signed>`; everything else is compared as is.
 */
export async function storySnapshot(sim: SimHandle): Promise<string[]> {
  const origins = (s: string) =>
    s.split(sim.apiUrl).join('<api>').split(sim.storageUrl).join('<storage>').split(sim.artifactsUrl).join('<artifacts>');
  const out: string[] = [];
  const text = async (path: string) => (await get(`${sim.apiUrl}${path}`)).text;
  out.push(JSON.stringify((await allPages(sim, `/api/v2/project/${SIM_PROJECT}/pipeline`)).items));
  out.push(JSON.stringify((await allPages(sim, `/api/v2/workflow/${simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)}/job`)).items));
  for (const job of [4001, SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.jobs.lint, SIM_SHARDS.job, SIM_HUGE_LOG.job]) {
    out.push(await text(`/api/v2/project/${SIM_PROJECT}/job/${job}`));
    out.push(origins(await text(`/api/v2/project/${SIM_PROJECT}/${job}/artifacts`)));
    const v1 = await text(`/api/v1.1/project/gh/acme/payments/${job}`);
    out.push(origins(v1).replace(/\?X-Amz-[^"]*/g, '?<signed>'));
    if (job === SIM_HUGE_LOG.job) continue;
    for (const url of [...v1.matchAll(/"output_url" : "([^"]+)"/g)].map((m) => m[1] ?? '')) {
      const res = await fetch(url);
      out.push(Buffer.from(await res.arrayBuffer()).toString('latin1'));
    }
  }
  out.push(await text(`/api/v2/project/${SIM_PROJECT}/envvar`));
  out.push(await text('/api/v2/context?owner-slug=gh/acme'));
  return out;
}
