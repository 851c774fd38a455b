// sim: the built-in CircleCI simulator alone (`sleuth demo`, in demo.ts, points the TUI at it).
import { runSimCommand } from '../../sim/cli.js';
import { startExlogareSim } from '../../sim/exlogare/index.js';
import { SIM_PROJECT } from '../../sim/index.js';
import { intArg } from '../context.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { writeSampleAudit } from '../../sim/audit/index.js';

export interface SimFlags { port: string; latency: string; rateLimitEvery: string; fail502: string; writeAudit?: string; hostile?: boolean; server?: boolean }

// The demo (the simulator plus the TUI) lives in demo.ts; the command table imports it from here.
export { demoCommand, type DemoFlags } from './demo.js';

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
    server: Boolean(flags.server),
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
  if (flags.server) io.out.write(`CircleCI Server mode: artifacts are served by ${sim.apiUrl}/output/job/<job-id>/artifacts/… (token, then 302 to storage); no artifact host\n`);
  if (hostile) io.out.write('hostile mode: every name, message and path served carries terminal-attack sequences (security.md §1.4)\n');
  io.out.write(`Exlogare simulator listening on ${ex.url}\n`);
  io.out.write(`EXLOGARE_URL=${ex.url} EXLOGARE_TOKEN=${ex.token} sleuth rca 5016 --project ${SIM_PROJECT} --send\n`);
  return 0;
}
