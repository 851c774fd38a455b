// `s` in a real terminal streams hits: with a ripgrep that holds back everything after the first file
// (test/helpers/held-rg.ts, through SLEUTH_RG), the first hit is on screen and the status line says the search is
// still running while rg is provably held; released, the search ends and says so. Needs tmux and a build.
import { describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/index.js';
import { download } from '../evidence/helpers.js';
import { heldRg, realRg } from '../helpers/held-rg.js';
import { useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

describe.skipIf(!hasTmux || realRg() === null)('s streams hits in tmux', () => {
  it('shows the first hit while rg is held, and ends when it is released', async () => {
    const dir = tmp();
    const r = await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    expect(r.complete).toBe(true);
    const rg = heldRg(tmp());
    const s = TmuxSession.start(['open', dir], { env: { SLEUTH_CACHE_DIR: tmp(), SLEUTH_RG: rg.path, TERM: 'xterm-256color' } });
    keep(s);
    await s.waitForText(String(SIM_MALICIOUS.pipeline));
    await s.send('s');
    await s.waitForText('Search every downloaded job');
    await s.type(SIM_LEAKS.githubToken);
    const first = await s.waitFor((x) => /^\s*\d+\/\d+ :\d+/m.test(x) && x.includes('searching…'), 'a hit while searching');
    expect(rg.holding()).toBe(true);
    expect(first).toContain('[auto→exact]');
    expect(first).toMatch(/1… hit\b/);
    rg.release();
    const done = await s.waitFor((x) => x.includes(`${SIM_MALICIOUS.jobs.lint}/${SIM_MALICIOUS.lintStep}`) && !x.includes('searching…') && /\d+ hits/.test(x), 'the search over');
    expect(done).not.toMatch(/\d… hits?/);
    await s.send('Escape', 'q');
    await s.waitFor(() => s.paneDead(), 'exit');
  }, 90_000);
});
