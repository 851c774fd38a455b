// `d` in the TUI against both simulator modes: the job's evidence is downloaded (on Server the artifacts come from
// the CircleCI host itself, with no artifact host named), and the report on the status line carries the CLI's count
// line when an artifact cannot be fetched ("1 artifact not fetched: 401 needs credentials").
import { appendFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { downloadRunner } from '../../src/cli/commands/tui-download.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { maliciousArtifacts } from '../../src/sim/world/artifact-bodies.js';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { LiveSource } from '../../src/source/live-source.js';
import { App } from '../../src/tui/App.js';
import { stackFor } from '../../src/tui/state/stack.js';
import { readJson } from '../evidence/helpers.js';
import type { Manifest } from '../../src/evidence/index.js';
import { press, waitForFrame } from '../helpers/ink.js';
import { artifactHosts, makeClient, SIM_MODES, TEST_TOKEN, useLiveSources, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();
const JOB = SIM_MALICIOUS.jobs.test;

describe.each(SIM_MODES)('d on a job ($mode)', ({ server }) => {
  const sim = useSim({ server, requiredToken: TEST_TOKEN });
  const { cleanups } = useLiveSources(sim);

  /** The App at job 5015's steps, with `d` wired as `sleuth` wires it (tui-download.ts) into `<cwd>/evidence`. */
  async function mountAtJob(cwd: string) {
    const { client, transport } = makeClient(sim(), { transport: { trustedOrigins: artifactHosts(sim()) } });
    cleanups.push(() => transport.close());
    const source = new LiveSource(client, SIM_PROJECT);
    const download = downloadRunner({ client, project: SIM_PROJECT, out: 'evidence', cwd, artifactOrigins: artifactHosts(sim()), concurrency: 4 });
    const link = await resolveDeepLink(source, { job: JOB });
    const r = render(<App source={source} download={download} size={{ columns: 200, rows: 30 }} initialStack={stackFor(link)} />);
    cleanups.push(() => r.unmount());
    await waitForFrame(r.lastFrame, (f) => f.includes('Upload coverage'), 'steps of 5015');
    return r;
  }

  it('downloads the job with every artifact and reports it complete', async () => {
    const cwd = tmp();
    const { lastFrame, stdin } = await mountAtJob(cwd);
    await press(stdin, 'd');
    const n = maliciousArtifacts().length;
    const f = await waitForFrame(lastFrame, (x) => /complete: 1 jobs/.test(x), 'download report');
    expect(f).toMatch(new RegExp(`complete: 1 jobs, \\d+ new outputs, ${n} artifacts → evidence`));
    expect(f).not.toMatch(/not fetched/);
    const m = readJson<Manifest>(join(cwd, 'evidence', 'manifest.json'));
    expect(m.files.filter((x) => x.kind === 'artifact' && x.credentials === 'token')).toHaveLength(n);
  });

  it('names what it could not fetch and why, with the CLI count line', async () => {
    const cwd = tmp();
    const { lastFrame, stdin } = await mountAtJob(cwd);
    sim().inject({ match: `/${encodeURIComponent('coverage/lcov.info')}`, status: 401, body: '{"message":"You must log in first."}' });
    await press(stdin, 'd');
    const f = await waitForFrame(lastFrame, (x) => x.includes('not fetched'), 'download report');
    expect(f).toMatch(new RegExp(`complete except 1: 1 jobs, \\d+ new outputs, ${maliciousArtifacts().length - 1} artifacts; 1 artifact not fetched: 401 needs credentials → evidence`));
    expect(f).not.toMatch(/failed \(rerun d/);
  });
});

describe('d over a folder whose file was changed', () => {
  const sim = useSim({ requiredToken: TEST_TOKEN });
  const { cleanups } = useLiveSources(sim);

  it('says first that a file was tampered with and kept aside', async () => {
    const cwd = tmp();
    const { client, transport } = makeClient(sim(), { transport: { trustedOrigins: artifactHosts(sim()) } });
    cleanups.push(() => transport.close());
    const source = new LiveSource(client, SIM_PROJECT);
    const download = downloadRunner({ client, project: SIM_PROJECT, out: 'evidence', cwd, artifactOrigins: artifactHosts(sim()), concurrency: 4 });
    const link = await resolveDeepLink(source, { job: JOB });
    const { lastFrame, stdin, unmount } = render(<App source={source} download={download} size={{ columns: 200, rows: 30 }} initialStack={stackFor(link)} />);
    cleanups.push(() => unmount());
    await waitForFrame(lastFrame, (f) => f.includes('Upload coverage'), 'steps of 5015');
    await press(stdin, 'd');
    // The first report proves the status line shows download reports, and names no tampering.
    const first = await waitForFrame(lastFrame, (x) => /complete: 1 jobs/.test(x), 'first download report');
    expect(first).not.toMatch(/tampered/);
    const m = readJson<Manifest>(join(cwd, 'evidence', 'manifest.json'));
    const step = m.files.find((x) => x.path.endsWith('.txt') && x.path.includes('step-'))!;
    appendFileSync(join(cwd, 'evidence', step.path), 'edited after the fact\n');
    await press(stdin, 'd');
    const f = await waitForFrame(lastFrame, (x) => x.includes('tampered'), 'second download report');
    expect(f).toMatch(/1 file tampered, kept aside; complete: 1 jobs/);
    expect(readdirSync(join(cwd, 'evidence', dirname(step.path))).some((n) => n.startsWith(`${basename(step.path)}.tampered-`))).toBe(true);
  });
});
