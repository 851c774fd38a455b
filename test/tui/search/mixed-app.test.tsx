// The live TUI's `s` and `S` read the --out folder and the disk cache together. Where both hold a step output (the
// log pane cached it, then `d` downloaded it), it is counted once, from the folder; the panes count what `sleuth scan
// DIR` / `sleuth search … DIR --cache` count, and each row says whether it was read from the evidence folder or the cache.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../../src/cache/disk-cache.js';
import { scanCommand } from '../../../src/cli/commands/scan.js';
import { searchCommand } from '../../../src/cli/commands/search.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { App } from '../../../src/tui/App.js';
import { captureIo } from '../../helpers/io.js';
import { KEYS, press, waitForFrame } from '../../helpers/ink.js';
import { makeClient, SIM_MODES, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { browseThenDownload } from '../../search/mixed-fixture.js';

const { test: TEST_JOB, lint: LINT_JOB } = SIM_MALICIOUS.jobs;

/** The count in the pane's title once it is done (no `…`): `Secrets in … · 10 findings`, `Search every … · 6 hits`. */
const titleCount = (frame: string, noun: 'finding' | 'hit'): number | null => {
  const title = frame.split('\n').find((l) => l.startsWith(noun === 'hit' ? 'Search every' : 'Secrets in')) ?? '';
  const m = new RegExp(`· (\\d+) ${noun}s?$`).exec(title.trimEnd());
  return m ? Number(m[1]) : null;
};

describe.each(SIM_MODES)('s and S over the folder and the cache ($mode)', ({ server }) => {
  const sim = useSim({ server });
  const tmp = useTmpDirs();

  it('S counts what sleuth scan DIR counts; s lists each hit once, tagged evidence or cache', async () => {
    const out = tmp();
    const cacheDir = tmp();
    await browseThenDownload(sim(), { out, cacheDir, jobs: [TEST_JOB, LINT_JOB] });
    const cli = captureIo({}, { cwd: out });
    expect(await scanCommand(out, { json: true }, cli.io)).toBe(0);
    const scanned = (JSON.parse(cli.out()) as { severity: string }[]).filter((f) => f.severity !== 'info').length;

    const { client, transport } = makeClient(sim(), { cacheDir });
    const r = render(<App source={new LiveSource(client, SIM_PROJECT)} search={{ out, cacheDir }} size={{ columns: 110, rows: 30 }} />);
    try {
      const { lastFrame, stdin } = r;
      await waitForFrame(lastFrame, (f) => f.includes(String(SIM_MALICIOUS.pipeline)), 'pipelines');
      await press(stdin, 'S');
      const findings = await waitForFrame(lastFrame, (f) => f.includes('files scanned') && titleCount(f, 'finding') !== null, 'findings');
      expect(titleCount(findings, 'finding')).toBe(scanned);
      expect(findings).toContain('[evidence');
      expect(findings).not.toContain('[cache');

      // A leak only the cache holds: the same job number in another project.
      const leak = JSON.stringify([{ message: `export T=${SIM_LEAKS.githubToken}\n`, time: '2026-11-20T12:00:00Z', type: 'out' }]);
      await new DiskCache(cacheDir).put(`${sim().apiUrl}output:gh/other-org/other-repo/${TEST_JOB}/${SIM_MALICIOUS.maliciousStep}/0`, Buffer.from(leak), null);
      const both = captureIo({ SLEUTH_CACHE_DIR: cacheDir }, { cwd: out });
      expect(await searchCommand(SIM_LEAKS.githubToken, out, { json: true, cache: true }, both.io)).toBe(0);
      const hits = JSON.parse(both.out()) as { origin: string }[];
      expect(hits.filter((h) => h.origin === 'cache')).toHaveLength(1);

      await press(stdin, KEYS.esc, 's');
      stdin.write(SIM_LEAKS.githubToken);
      const found = await waitForFrame(lastFrame, (f) => titleCount(f, 'hit') === hits.length && f.includes('[cache'), 'every hit, once');
      expect(found).toMatch(new RegExp(`${LINT_JOB}/${SIM_MALICIOUS.lintStep} :\\d+\\s+\\[evidence\\]`));
      expect(found).toMatch(new RegExp(`${TEST_JOB}/${SIM_MALICIOUS.maliciousStep} :\\d+\\s+\\[cache\\]`));
    } finally {
      r.unmount();
      await transport.close();
    }
  });
});
