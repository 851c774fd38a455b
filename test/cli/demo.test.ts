// `sleuth demo`: a world relative to now, one evidence folder per world that later runs download into again, `--out`,
// and `s`/`S` reading what `d` downloaded. The TUI itself runs in tmux (test/e2e/demo.e2e.test.ts); here, the wiring.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { demoCommand, demoTuiWiring, demoWorld, isDemoSimulatorHost, type DemoWorld } from '../../src/cli/commands/demo.js';
import { downloadRunner } from '../../src/cli/commands/tui-download.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, startSimulator, type SimHandle } from '../../src/sim/index.js';
import { demoAnchorMs, MINUTE } from '../../src/sim/time.js';
import { LiveSource } from '../../src/source/live-source.js';
import { corpusForSource } from '../../src/tui/search/corpus-choice.js';
import { captureIo } from '../helpers/io.js';
import { makeClient } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();
const NOW = Date.parse('2026-12-04T16:55:00Z');
const ABORT = new AbortController().signal;
const noProgress = () => undefined;

async function sleuth(args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = captureIo({ XDG_STATE_HOME: tmp(), ...env });
  const code = await main(['node', 'sleuth', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

/** The AGE column of one pipeline's row in `sleuth demo`'s table (not a terminal). */
function ageOf(table: string, pipeline: number): string {
  const row = table.split('\n').find((l) => new RegExp(`^\\s*${pipeline}\\s`).test(l));
  return /\s(\d+[smhd] ago|future)\s/.exec(row ?? '')?.[1] ?? `no row for ${pipeline}`;
}

describe('sleuth demo: a world relative to now', () => {
  it('anchors its world at the injected clock: 909 at the hour ten minutes ago, 896 26 hours before', async () => {
    const c = captureIo({ XDG_STATE_HOME: tmp() });
    expect(await demoCommand(c.io, {}, { now: () => NOW })).toBe(0);
    const rows = c.out().split('\n');
    expect(rows.find((l) => /^\s*909\s/.test(l))).toContain('2026-12-04 16:00Z');
    expect(rows.find((l) => /^\s*896\s/.test(l))).toContain('2026-12-03 14:00Z');
    expect(c.err()).toContain('its newest pipeline created 2026-12-04T16:00:00Z');
  });

  it('reads minutes to hours old on the real clock, in the same order with the same numbers', async () => {
    const r = await sleuth(['demo']);
    expect(r.code).toBe(0);
    // 909 is 10 to 70 minutes old whatever the minute; the fixed 2026-11-20 anchor read "14d ago" by December.
    expect(ageOf(r.out, 909)).toMatch(/^(\d+m|1h) ago$/);
    expect(ageOf(r.out, 908)).toMatch(/^[23]h ago$/);
    expect(ageOf(r.out, 896)).toBe('1d ago');
    const numbers = r.out.split('\n').slice(1, -1).map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => 909 - i));
  });

  it('takes --out (it had no such option)', async () => {
    const r = await sleuth(['demo', '--out', join(tmp(), 'evidence')]);
    expect(r.err).not.toContain('unknown option');
    expect(r.code).toBe(0);
  });
});

describe("the demo's folder", () => {
  const world = (nowMs: number, more: Partial<Parameters<typeof demoWorld>[0]> = {}): DemoWorld =>
    demoWorld({ nowMs, hostile: false, env: { XDG_STATE_HOME: '/state' }, home: '/home/u', cwd: '/work', ...more });

  it('is one per world under $XDG_STATE_HOME (else ~/.local/state), the same for every run of that world', () => {
    const a = world(NOW);
    expect(a.dir).toBe('/state/circle-sleuth/demo/2026-12-04T16Z');
    expect(a.evidence).toBe('/state/circle-sleuth/demo/2026-12-04T16Z/evidence');
    expect(a.audit).toBe('/state/circle-sleuth/demo/2026-12-04T16Z/audit-log-acme.csv');
    expect(a.anchorMs).toBe(demoAnchorMs(NOW));
    // The same world until 17:10Z, then the next one.
    expect(world(NOW + 14 * MINUTE).dir).toBe(a.dir);
    expect(a.endsMs).toBe(Date.parse('2026-12-04T17:10:00Z'));
    expect(world(NOW + 15 * MINUTE).dir).toBe('/state/circle-sleuth/demo/2026-12-04T17Z');
    expect(world(NOW, { hostile: true }).dir).toBe('/state/circle-sleuth/demo/2026-12-04T16Z-hostile');
    expect(world(NOW, { server: true }).dir).toBe('/state/circle-sleuth/demo/2026-12-04T16Z-server');
    // The XDG spec: a relative value is ignored.
    expect(world(NOW, { env: { XDG_STATE_HOME: 'rel' } }).dir).toBe('/home/u/.local/state/circle-sleuth/demo/2026-12-04T16Z');
    expect(world(NOW, { env: {} }).dir).toBe('/home/u/.local/state/circle-sleuth/demo/2026-12-04T16Z');
    expect(world(NOW, { out: '~/ev' }).evidence).toBe('/home/u/ev');
    expect(world(NOW, { out: 'ev' }).evidence).toBe('/work/ev');
  });

  it('takes any port of the loopback simulator as the same host, nothing else', () => {
    expect(isDemoSimulatorHost('http://127.0.0.1:41234')).toBe(true);
    for (const other of ['https://circleci.com', 'http://127.0.0.1', 'https://127.0.0.1:1', 'http://127.0.0.1.evil.example:80', 'http://u@127.0.0.1:80', 'http://127.0.0.1:80/x', 'http://localhost:80', 'http://10.0.0.1:80'])
      expect(isDemoSimulatorHost(other), other).toBe(false);
  });
});

describe('the demo TUI wiring', () => {
  /** One demo run: its own simulator (its own ports) on the world's anchor, and what its TUI gets. */
  async function run(w: DemoWorld, home: string) {
    const sim: SimHandle = await startSimulator({ anchorMs: w.anchorMs });
    const { client, transport } = makeClient(sim, { token: 'sim-demo-token', transport: { trustedOrigins: [sim.artifactsUrl] } });
    // Started elsewhere than the state folder, as a user would be.
    const tui = demoTuiWiring({ client, artifactsUrl: sim.artifactsUrl, world: w, audit: w.audit, cwd: tmp(), home });
    return { sim, client, tui, close: async () => { await transport.close(); await sim.close(); } };
  }

  it('downloads into the folder an earlier run (another port) downloaded into', async () => {
    const state = tmp();
    const w = demoWorld({ nowMs: Date.now(), hostile: false, env: { XDG_STATE_HOME: state }, home: '/nonexistent', cwd: '/' });
    const target = { kind: 'job', number: SIM_MALICIOUS.jobs.test, label: 'job 5015' } as const;
    const first = await run(w, '/nonexistent');
    const second = await run(w, '/nonexistent');
    try {
      expect(second.sim.apiUrl).not.toBe(first.sim.apiUrl);
      const a = await first.tui.download(target, noProgress, ABORT);
      expect(a.complete).toBe(true);
      // Said where it went: under home as ~/…, else whole (not as ../../..).
      expect(a.summary).toContain(`→ ${w.evidence}`);
      // The check this relaxes, first: a plain runner refuses the folder of another host (here: another port).
      const plain = downloadRunner({ client: second.client, project: SIM_PROJECT, out: w.evidence, cwd: '/', artifactOrigins: [second.sim.artifactsUrl] });
      await expect(plain(target, noProgress, ABORT)).rejects.toThrow(/holds evidence from/);
      const b = await second.tui.download({ kind: 'pipeline', number: SIM_MALICIOUS.pipeline, label: 'pipeline 896' }, noProgress, ABORT);
      expect(b.complete).toBe(true);
      const manifest = JSON.parse(readFileSync(join(w.evidence, 'manifest.json'), 'utf8'));
      expect(manifest.circleci.host).toBe(second.sim.apiUrl);
      // The refused attempt recorded nothing; the two demo runs did.
      expect(manifest.runs.map((r: { outcome: string }) => r.outcome)).toEqual(['complete', 'complete']);
      expect(Object.keys(manifest.jobs)).toEqual(expect.arrayContaining(['5013', '5015', '5016']));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('lets s/S read what d downloaded (nothing before)', async () => {
    const state = tmp();
    const w = demoWorld({ nowMs: Date.now(), hostile: false, env: { XDG_STATE_HOME: state }, home: state, cwd: '/' });
    const r = await run(w, state);
    try {
      const source = new LiveSource(r.client, SIM_PROJECT);
      expect(r.tui.extras.search).toEqual({ out: w.evidence, cacheDir: null });
      expect(corpusForSource(source, r.tui.extras.search)).toBeNull();
      const done = await r.tui.download({ kind: 'job', number: SIM_MALICIOUS.jobs.test, label: 'job 5015' }, noProgress, ABORT);
      expect(done.summary).toMatch(/→ ~\/circle-sleuth\/demo\/\d{4}-\d\d-\d\dT\d\dZ\/evidence$/);
      const corpus = corpusForSource(source, r.tui.extras.search);
      expect(corpus).not.toBeNull();
      const docs = (await corpus!.list()).docs;
      const step104 = docs.find((d) => d.ref.job === SIM_MALICIOUS.jobs.test && d.ref.step === SIM_MALICIOUS.maliciousStep);
      expect(step104).toBeDefined();
      expect(readFileSync(step104!.path, 'utf8')).toContain(SIM_LEAKS.awsAccessKeyId);
      expect(existsSync(join(w.evidence, 'manifest.json'))).toBe(true);
    } finally {
      await r.close();
    }
  });
});
