// `sleuth demo`: the simulator plus the TUI against it, no token, no network.
//
// Its world is relative to now: pipeline 909 was created at the start of the hour that began ten minutes ago
// (demoAnchorMs), the others two hours apart before it, so ages read as on a live project. Everything a run keeps
// lives in one folder per world under the XDG state directory: d/D download into `<world>/evidence` (or --out), and
// the audit pane reads `<world>/audit-log-acme.csv`. A later demo in the same world serves the same bytes and
// downloads into the same folder; its simulator listens on another port, so that folder's record of the host is
// matched by isDemoSimulatorHost (any port of the loopback simulator) instead of by the exact address.
import { mkdir, rename } from 'node:fs/promises';
import os from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CircleCiClient } from '../../api/client.js';
import { Transport } from '../../api/transport.js';
import type { Env } from '../../config/env.js';
import { displayPath, expandPath } from '../../config/home-path.js';
import { resolveStateDir } from '../../config/state-dir.js';
import { writeSampleAudit } from '../../sim/audit/index.js';
import { startExlogareSim } from '../../sim/exlogare/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, startSimulator } from '../../sim/index.js';
import { anchorLabel, demoAnchorMs, DEMO_LEAD_MS, HOUR, isoSeconds } from '../../sim/time.js';
import { LiveSource } from '../../source/live-source.js';
import type { DownloadRunner } from '../../tui/download/use-download.js';
import { StatusFeed } from '../../tui/status.js';
import { VERSION } from '../context.js';
import type { Io } from '../io.js';
import { pipelinesCommand } from './lists.js';
import { openTui, type AuditExtras } from './tui.js';
import { downloadRunner, stopDownloads } from './tui-download.js';

export interface DemoFlags { hostile?: boolean; out?: string; /** CircleCI Server mode: artifacts on the API origin itself. */ server?: boolean }

/** Tests inject the wall clock (the world's anchor follows it). */
export interface DemoOptions { now?: () => number }

/** Where demo worlds are kept: `$XDG_STATE_HOME/circle-sleuth/demo`, else `~/.local/state/circle-sleuth/demo`. */
export function demoStateRoot(env: Env, home: string): string {
  return join(resolveStateDir(env, home), 'demo');
}

export interface DemoWorld {
  /** SimOptions.anchorMs: when pipeline 909 was created. */
  anchorMs: number;
  /** `2026-12-04T15Z`, `2026-12-04T15Z-hostile`, `2026-12-04T15Z-server`: the folder's name. */
  name: string;
  dir: string;
  /** Where d/D download: `<dir>/evidence`, or --out. */
  evidence: string;
  audit: string;
  /** The wall time from which the next demo gets a new world (and folder). */
  endsMs: number;
}

export function demoWorld(o: { nowMs: number; hostile: boolean; server?: boolean; env: Env; home: string; cwd: string; out?: string | undefined }): DemoWorld {
  const anchorMs = demoAnchorMs(o.nowMs);
  // Server mode's folder is its own: its artifacts are recorded with another source URL.
  const name = `${anchorLabel(anchorMs)}${o.hostile ? '-hostile' : ''}${o.server ? '-server' : ''}`;
  const dir = join(demoStateRoot(o.env, o.home), name);
  const evidence = o.out ? expandPath(o.out, o.home, o.cwd) : join(dir, 'evidence');
  return { anchorMs, name, dir, evidence, audit: join(dir, 'audit-log-acme.csv'), endsMs: anchorMs + HOUR + DEMO_LEAD_MS };
}

/**
 * The demo's simulator, whatever port this or an earlier run listened on: a folder it downloaded into may be
 * downloaded into again. Only plain `http://127.0.0.1:PORT`, the exact form the simulator's URL takes.
 */
export function isDemoSimulatorHost(host: string): boolean {
  return /^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(host);
}

/** The opening hint: where the story is. Under 80 columns, so the status line shows it whole. */
export function demoHint(hostile: boolean): string {
  const m = SIM_MALICIOUS;
  const where = `${hostile ? 'hostile demo' : 'demo'}: leak in pipeline ${m.pipeline} › job ${m.jobs.test} › step ${m.maliciousStep}`;
  const full = `${where} · R on job ${m.jobs.lint} · ? keys`;
  return full.length < 80 ? full : `${where} · ? keys`;
}

/** The sample audit log of this world, written whole under a temporary name first (another demo may be reading it). */
async function writeWorldAudit(world: DemoWorld, hostile: boolean): Promise<string> {
  await mkdir(world.dir, { recursive: true, mode: 0o700 });
  const part = `${world.audit}.${process.pid}.part`;
  await writeSampleAudit(part, 'csv', { hostile, anchorMs: world.anchorMs });
  await rename(part, world.audit);
  return world.audit;
}

/** Shows the hint once the first page of pipelines is on screen (the TUI clears the status line as it opens); not over an error. */
export function hintAfterFirstLoad(status: StatusFeed, hint: string): void {
  const stop = status.subscribe((m) => {
    if (m.tone !== 'ok' && m.tone !== 'error') return;
    stop();
    // After the other listeners have seen the message being pushed, or they would show it over the hint.
    if (m.tone === 'ok') queueMicrotask(() => status.push(hint));
  });
}

/** What the demo's TUI gets besides the source: d/D into the world's folder, s/S reading it, the audit log, x. */
export function demoTuiWiring(o: { client: CircleCiClient; artifactsUrl: string; world: DemoWorld; audit: string; cwd: string; home: string }): { download: DownloadRunner; extras: AuditExtras } {
  const { client, world } = o;
  return {
    download: downloadRunner({
      client, project: SIM_PROJECT, out: world.evidence, cwd: o.cwd, artifactOrigins: [o.artifactsUrl], sameHost: isDemoSimulatorHost, home: o.home,
    }),
    extras: {
      auditFiles: [o.audit],
      exposureApi: client,
      // `s`/`S` read what d/D downloaded (the demo has no disk cache).
      search: { out: world.evidence, cacheDir: null },
      envVars: async () => (await client.projectEnvVars(SIM_PROJECT)).map((v) => ({ name: v.name, value: v.value })),
    },
  };
}

export async function demoCommand(io: Io, flags: DemoFlags = {}, opts: DemoOptions = {}): Promise<number> {
  const hostile = Boolean(flags.hostile);
  const home = io.home ?? os.homedir();
  const server = Boolean(flags.server);
  const world = demoWorld({ nowMs: (opts.now ?? Date.now)(), hostile, server, env: io.env, home, cwd: io.cwd, out: flags.out });
  const sim = await startSimulator({ latencyMs: 15, hostile, server, anchorMs: world.anchorMs });
  // The demo never talks to the real Exlogare: `S` in the RCA pane sends to a fake one.
  const exlogare = await startExlogareSim({ hostile });
  process.env.EXLOGARE_URL = exlogare.url;
  process.env.EXLOGARE_TOKEN = exlogare.token ?? '';
  try {
    if (!io.out.isTTY || !io.stdinIsTTY) {
      io.err.write(`sleuth demo: simulator on ${sim.apiUrl} (project ${SIM_PROJECT}, its newest pipeline created ${isoSeconds(world.anchorMs)}); not a terminal, so here are its pipelines:\n`);
      return await pipelinesCommand({ host: sim.apiUrl, project: SIM_PROJECT, cache: false }, { ...io, env: { ...io.env, CIRCLE_TOKEN: 'sim-demo-token' } });
    }
    const status = new StatusFeed();
    const transport = new Transport({
      host: sim.apiUrl,
      token: 'sim-demo-token',
      trustedOrigins: [sim.artifactsUrl],
      userAgent: `circle-sleuth/${VERSION}`,
      onEvent: (e) => e.type === 'retry' && status.push(`${e.reason}: waiting ${(e.waitMs / 1000).toFixed(1)}s`, 'warn'),
    });
    try {
      const client = new CircleCiClient(transport, null);
      const audit = await writeWorldAudit(world, hostile);
      hintAfterFirstLoad(status, demoHint(hostile));
      const tui = demoTuiWiring({ client, artifactsUrl: sim.artifactsUrl, world, audit, cwd: io.cwd, home });
      return await openTui(new LiveSource(client, SIM_PROJECT), {}, {}, status, tui.download, tui.extras);
    } finally {
      // A download still running (quit mid-way) records itself as interrupted before the session closes.
      await stopDownloads();
      await transport.close();
      if (existsSync(world.evidence)) io.err.write(`${keptNote(world, flags.out !== undefined, home)}\n`);
    }
  } finally {
    await Promise.all([sim.close(), exlogare.close()]);
  }
}

/** Said after the TUI closes, when something was downloaded: where it is, and which later demos download into it again. */
function keptNote(world: DemoWorld, chosen: boolean, home: string): string {
  const where = displayPath(world.evidence, home);
  const reuse = chosen
    ? 'a later `sleuth demo --out` to it downloads into it again'
    : `a demo started before ${isoSeconds(world.endsMs).slice(11, 16)}Z serves the same world and downloads into it again`;
  return [
    `sleuth demo: evidence kept in ${where}`,
    `  ${reuse} (every run of the demo's simulator counts as the same CircleCI host, whatever its port);`,
    `  browse it offline with: sleuth open ${where}`,
  ].join('\n');
}
