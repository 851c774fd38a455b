// The search and findings panes inside the app: `s` from a list, typing, Enter on a hit opening the log at the
// match, Esc back to the results, `S` for the findings. Runs once the app wiring (keymap, nav, App) is applied.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { OfflineSource } from '../../../src/source/offline-source.js';
import { App } from '../../../src/tui/App.js';
import { download } from '../../evidence/helpers.js';
import { KEYS, press, waitForFrame } from '../../helpers/ink.js';
import { useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('search and findings in the app', () => {
  it('s, a pasted token, Enter on the hit opens the log at the match; Esc returns; S lists the secrets', async () => {
    const dir = tmp();
    await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    const source = await OfflineSource.open(dir);
    const r = render(<App source={source} size={{ columns: 100, rows: 24 }} />);
    cleanups.push(() => r.unmount());
    const { lastFrame, stdin } = r;
    await waitForFrame(lastFrame, (f) => f.includes(String(SIM_MALICIOUS.pipeline)), 'pipelines');
    await press(stdin, 's');
    // A paste arrives as one chunk; it goes to the prompt, not the keymap.
    stdin.write(SIM_LEAKS.githubToken);
    await waitForFrame(lastFrame, (f) => f.includes(`${SIM_MALICIOUS.jobs.lint}/${SIM_MALICIOUS.lintStep}`) && f.includes('[auto→exact]'), 'hits');
    await press(stdin, KEYS.enter, 'G', KEYS.enter);
    const log = await waitForFrame(lastFrame, (f) => f.includes(`job ${SIM_MALICIOUS.jobs.lint} step ${SIM_MALICIOUS.lintStep}`) && f.includes('1 of 1'), 'the log at the hit');
    expect(log).toContain(`/${SIM_LEAKS.githubToken.slice(0, 20)}`);
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Search every downloaded job'), 'back at the results');
    await press(stdin, 'S');
    const findings = await waitForFrame(lastFrame, (f) => f.includes('Secrets in downloaded output') && f.includes('files scanned'), 'findings');
    expect(findings).toContain('github-pat');
    expect(findings).not.toContain(SIM_LEAKS.githubToken);
  });
});
