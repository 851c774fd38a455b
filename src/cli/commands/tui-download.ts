// Connects the TUI's `d`/`D` keys to the evidence downloader (the data layer does the work), and
// makes every way out of the TUI stop a running download gracefully: quitting (q, Ctrl-C) calls
// stopDownloads() before the session closes; SIGINT, SIGTERM and SIGHUP stop it, let it record
// itself as interrupted and release its lock, then take their usual course.
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { displayPath } from '../../config/home-path.js';
import type { CircleCiClient } from '../../api/client.js';
import { downloadEvidence, type DownloadResult, type DownloadTarget } from '../../evidence/index.js';
import type { DownloadRunner } from '../../tui/download/use-download.js';
import { VERSION } from '../context.js';
import { downloadVerdict } from '../../evidence/missing.js';
import { downloadTasks, holdStopSignals, notFetchedTail, signalExitCode, type StopSignal } from './download.js';

export { DEFAULT_OUT } from './download.js';

/** Downloads the TUI has running (one at a time in practice). */
const running = new Set<{ controller: AbortController; done: Promise<unknown> }>();

/** Stops every running TUI download and waits until each has recorded itself (call before closing the session). */
export async function stopDownloads(): Promise<void> {
  const all = [...running];
  for (const r of all) r.controller.abort();
  await Promise.allSettled(all.map((r) => r.done));
}

export interface DownloadRunnerOptions {
  client: CircleCiClient;
  project: string;
  out: string;
  cwd: string;
  artifactOrigins: string[];
  concurrency?: number;
  /** See DownloadOptions.sameHost (the demo's simulator changes port between runs). */
  sameHost?: (recordedHost: string) => boolean;
  /** To show a folder outside the working directory as `~/…` (default the user's home). */
  home?: string;
}

export function downloadRunner(opts: DownloadRunnerOptions): DownloadRunner {
  const out = resolve(opts.cwd, opts.out);
  return async (target, onProgress, signal) => {
    const t: DownloadTarget =
      target.kind === 'window' ? { kind: 'project', project: opts.project, since: target.since, ...(target.until ? { until: target.until } : {}) }
      : target.kind === 'workflow' ? { kind: 'workflow', id: target.id, project: opts.project }
      : { kind: target.kind, project: opts.project, number: target.number };
    const controller = new AbortController();
    const cancel = (): void => controller.abort();
    if (signal.aborted) cancel();
    signal.addEventListener('abort', cancel, { once: true });
    let stoppedBy: StopSignal | null = null;
    const restoreSignals = holdStopSignals((sig) => {
      if (stoppedBy) process.exit(signalExitCode(sig));
      stoppedBy = sig;
      controller.abort();
    });
    const done = downloadEvidence({
      client: opts.client, out, target: t, onProgress, signal: controller.signal,
      artifactOrigins: opts.artifactOrigins, concurrency: downloadTasks(opts.concurrency ?? 8),
      tool: { name: 'circle-sleuth', version: VERSION },
      ...(opts.sameHost ? { sameHost: opts.sameHost } : {}),
    });
    const entry = { controller, done };
    running.add(entry);
    let r: DownloadResult;
    try {
      r = await done;
    } finally {
      running.delete(entry);
      signal.removeEventListener('abort', cancel);
      restoreSignals();
      // The download has recorded itself; the signal now does what it would have done (quit the TUI).
      if (stoppedBy) process.kill(process.pid, stoppedBy);
    }
    // A folder outside the working directory (the demo's) reads better as `~/…` than as `../../..`.
    const rel = relative(opts.cwd, r.dir);
    const where = rel === '' ? '.' : rel.split(sep)[0] === '..' || isAbsolute(rel) ? displayPath(r.dir, opts.home ?? homedir()) : rel;
    // The CLI's count line: what is not in the folder and why ("2 artifacts not fetched: 401 needs credentials").
    const verdict = downloadVerdict(r);
    const runFailures = r.failures.length - r.missing.length;
    const failed = runFailures > 0 ? `; ${runFailures} failed (rerun d to resume)` : '';
    const unparsed = r.unparsed.length ? `; ${r.unparsed.length} not parsed, kept raw` : '';
    const word = verdict === 'complete-except-listed' ? `complete except ${r.missing.length + r.unparsed.length}` : r.outcome;
    // A file that changed since it was recorded is what a responder must look at: said first, before the counts.
    const changed = r.tampered.filter((t) => t.recorded !== null).length;
    const strays = r.tampered.length - changed;
    const tampered = (changed ? `${plural(changed, 'file')} tampered, kept aside; ` : '') + (strays ? `${plural(strays, 'unrecorded file')} kept aside; ` : '');
    return {
      complete: r.complete,
      dir: r.dir,
      summary: `${tampered}${word}: ${r.jobs.seen} jobs, ${r.stepOutputs.fetched} new outputs, ${r.artifacts.fetched} artifacts${notFetchedTail(r)} → ${where}${failed}${unparsed}`,
    };
  };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
