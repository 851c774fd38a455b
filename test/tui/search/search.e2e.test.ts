// `s` and `S` in a real terminal: `sleuth open` on a downloaded pipeline 896, in tmux at 80x24. A pasted token
// finds the lint job's clone URL, Enter opens that log at the hit, and the findings list shows the secrets masked.
// Needs tmux and a build (npm test builds first); skipped otherwise.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { download } from '../../evidence/helpers.js';
import { hasTmux, TmuxSession, useTmuxSessions } from '../../e2e/tmux.js';
import { useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

describe.skipIf(!hasTmux)('s and S in tmux', () => {
  it('finds a pasted token, opens the log at the hit, and lists the secrets masked', async () => {
    const dir = tmp();
    const r = await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    expect(r.complete).toBe(true);
    const s = TmuxSession.start(['open', dir], { env: { SLEUTH_CACHE_DIR: tmp(), TERM: 'xterm-256color' } });
    keep(s);
    const titleBefore = s.title();
    await s.waitForText(String(SIM_MALICIOUS.pipeline));
    await s.send('s');
    await s.waitForText('Search every downloaded job');
    await s.type(SIM_LEAKS.githubToken);
    const hits = await s.waitForText(`${SIM_MALICIOUS.jobs.lint}/${SIM_MALICIOUS.lintStep}`);
    expect(hits).toContain('[auto→exact]');
    expect(hits.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    // Enter leaves the prompt, G goes to the lint hit (the last), Enter opens its log there.
    await s.send('Enter', 'G', 'Enter');
    const log = await s.waitFor((x) => x.includes(`job ${SIM_MALICIOUS.jobs.lint} step ${SIM_MALICIOUS.lintStep}`) && x.includes('1 of 1'), 'the log at the hit');
    expect(log).toContain('x-access-token:ghp_');
    await s.send('Escape');
    await s.waitForText('Search every downloaded job');
    await s.send('S');
    const findings = await s.waitFor((x) => x.includes('Secrets in downloaded output') && x.includes('github-pat'), 'findings');
    expect(findings).not.toContain(SIM_LEAKS.githubToken);
    expect(findings).not.toContain(SIM_LEAKS.awsSecretAccessKey);
    expect(titleBefore).toBe(hostname());
    expect(s.title()).toBe(titleBefore);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  }, 90_000);
});
