// sim / demo: the built-in CircleCI simulator, alone or with the tool pointed at it.
import { CircleCiClient } from '../../api/client.js';
import { Transport } from '../../api/transport.js';
import { runSimCommand } from '../../sim/cli.js';
import { startExlogareSim } from '../../sim/exlogare/index.js';
import { startSimulator, SIM_PROJECT } from '../../sim/index.js';
import { LiveSource } from '../../source/live-source.js';
import { StatusFeed } from '../../tui/status.js';
import { intArg, VERSION } from '../context.js';
import { UsageError, type Io } from '../io.js';
import { pipelinesCommand } from './lists.js';
import { openTui } from './tui.js';
import { DEFAULT_OUT, downloadRunner } from './tui-download.js';
import { writeDemoAudit, writeSampleAudit } from '../../sim/audit/index.js';

export interface SimFlags { port: string; latency: string; rateLimitEvery: string; fail502: string; writeAudit?: string; hostile?: boolean }

export interface DemoFlags { hostile?: boolean }

/** Servers `sleuth sim` started in this process; they live until a signal, or until stopSimulators() (tests). */
const running = new Set<() => Promise<void>>();

export async function stopSimulators(): Promise<void> {
  const stops = [...running];
  running.clear();
  await Promise.all(stops.map((stop) => stop()));
}

function ratio(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${what} takes a fraction from 0 to 1`);
  return n;
}

export async function simCommand(flags: SimFlags, io: Io): Promise<number> {
  const hostile = Boolean(flags.hostile);
  if (flags.writeAudit) io.out.write(`sample audit log (the story as an admin's CSV download): ${await writeSampleAudit(flags.writeAudit, 'csv', { hostile })}\n`);
  const sim = await runSimCommand({
    port: intArg(flags.port, '--port'),
    latencyMs: intArg(flags.latency, '--latency'),
    rateLimitEvery: intArg(flags.rateLimitEvery, '--rate-limit-every'),
    fail502Ratio: ratio(flags.fail502, '--fail-502'),
    hostile,
    out: io.out,
  });
  // A fake Exlogare beside it (its own origin), for `rca --send`; it lives as long as the simulator.
  const ex = await startExlogareSim({ hostile });
  const stop = async () => {
    running.delete(stop);
    await Promise.all([sim.close(), ex.close()]);
  };
  running.add(stop);
  void sim.closed.then(() => ex.close());
  if (hostile) io.out.write('hostile mode: every name, message and path served carries terminal-attack sequences (security.md §1.4)\n');
  io.out.write(`Exlogare simulator listening on ${ex.url}\n`);
  io.out.write(`EXLOGARE_URL=${ex.url} EXLOGARE_TOKEN=${ex.token} sleuth rca 5016 --project ${SIM_PROJECT} --send\n`);
  return 0;
}

/** The simulator plus the TUI against it: no token, no network. Without a terminal, a table instead. */
export async function demoCommand(io: Io, flags: DemoFlags = {}): Promise<number> {
  const hostile = Boolean(flags.hostile);
  const sim = await startSimulator({ latencyMs: 15, hostile });
  // The demo never talks to the real Exlogare: `S` in the RCA pane sends to a fake one.
  const exlogare = await startExlogareSim({ hostile });
  process.env.EXLOGARE_URL = exlogare.url;
  process.env.EXLOGARE_TOKEN = exlogare.token ?? '';
  try {
    if (!io.out.isTTY || !io.stdinIsTTY) {
      io.err.write(`sleuth demo: simulator on ${sim.apiUrl} (project ${SIM_PROJECT}); not a terminal, so here are its pipelines:\n`);
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
      status.push(`demo: simulated CircleCI at ${sim.apiUrl}${hostile ? ' (hostile mode)' : ''} · try job 5015 (pipeline 896), R on the failed lint job 5016 · ? for keys`);
      const client = new CircleCiClient(transport, null);
      const audit = await writeDemoAudit({ hostile });
      const download = downloadRunner({ client, project: SIM_PROJECT, out: DEFAULT_OUT, cwd: io.cwd, artifactOrigins: [sim.artifactsUrl] });
      return await openTui(new LiveSource(client, SIM_PROJECT), {}, {}, status, download, { auditFiles: [audit], exposureApi: client });
    } finally {
      await transport.close();
    }
  } finally {
    await Promise.all([sim.close(), exlogare.close()]);
  }
}
