// download job|workflow|pipeline|project: evidence folders in the incident guide's layout, with
// SHA256SUMS and manifest.json; resumable (rerun the same command), idempotent on a complete folder.
import os from 'node:os';
import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { slugPath } from '../../api/paths.js';
import type { TransportEvent } from '../../api/transport.js';
import { resolveHost } from '../../config/host.js';
import { downloadEvidence, type DownloadResult, type DownloadTarget } from '../../evidence/index.js';
import { EvidenceFsError } from '../../evidence/fs.js';
import { describeSetAside } from '../../evidence/tamper.js';
import { downloadVerdict, notFetchedText, type DownloadVerdict } from '../../evidence/missing.js';
import { FailError } from '../../util/errors.js';
import { formatBytes, progressText, type DownloadProgress } from '../../util/progress-text.js';
import { intArg, openSession, requireProject, timeFlag, VERSION, type ApiFlags } from '../context.js';
import { sanitize } from '../../text/sanitize.js';
import { safeJson } from '../../text/safe-json.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';

export interface DownloadFlags extends ApiFlags {
  out?: string;
  quiet?: boolean;
  json?: boolean;
  project?: string;
  since?: string;
  until?: string;
  /** commander turns --no-artifacts into artifacts: false */
  artifacts?: boolean;
  artifactsHost?: string[];
}

export const DEFAULT_OUT = './circleci-output';

/** Download tasks in flight: as many as the transport's storage lane (4x the API's, at most 32). */
export const downloadTasks = (apiConcurrency: number): number => Math.min(32, apiConcurrency * 4);
const CLOUD = 'https://circleci.com';
// Cloud serves artifacts from per-job subdomains (5679-123-gh.circle-artifacts.com) and output.*.
const CLOUD_ARTIFACTS = 'https://*.circle-artifacts.com';

export function downloadJobCommand(num: string, flags: DownloadFlags, io: Io): Promise<number> {
  const project = requireProject(flags.project, io);
  return runDownload({ kind: 'job', project: checkSlug(project), number: intArg(num, 'job number') }, flags, io);
}

export function downloadWorkflowCommand(id: string, flags: DownloadFlags, io: Io): Promise<number> {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(id)) throw new UsageError(`not a workflow id: ${JSON.stringify(id).slice(0, 70)}`);
  return runDownload({ kind: 'workflow', id, ...(flags.project ? { project: checkSlug(flags.project) } : {}) }, flags, io);
}

export function downloadPipelineCommand(num: string, flags: DownloadFlags, io: Io): Promise<number> {
  const project = requireProject(flags.project, io);
  return runDownload({ kind: 'pipeline', project: checkSlug(project), number: intArg(num, 'pipeline number') }, flags, io);
}

export function downloadProjectCommand(slug: string, flags: DownloadFlags, io: Io): Promise<number> {
  if (!flags.since) throw new UsageError('download project needs --since (ISO-8601, or an age like 6h, 2d)');
  const since = timeFlag(flags.since)!;
  const until = timeFlag(flags.until);
  if (until !== undefined && Date.parse(until) < Date.parse(since)) throw new UsageError('--until is before --since');
  return runDownload({ kind: 'project', project: checkSlug(slug), since, ...(until ? { until } : {}) }, flags, io);
}

function checkSlug(slug: string): string {
  try {
    slugPath(slug);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return slug;
}

/** Origins of CircleCI artifact hosts that may be offered the token: cloud's, plus --artifacts-host. */
export function artifactOriginsFor(host: string, extra: readonly string[] = []): string[] {
  const out = new Set<string>();
  if (new URL(host).origin === CLOUD) out.add(CLOUD_ARTIFACTS);
  for (const raw of extra) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new UsageError(`--artifacts-host takes a URL like https://artifacts.example.com, got ${JSON.stringify(raw).slice(0, 60)}`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
    if (u.username || u.password) throw new UsageError('--artifacts-host must not carry credentials');
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new UsageError('--artifacts-host must be https (plain http only on this machine)');
    out.add(u.origin);
  }
  return [...out];
}

async function runDownload(target: DownloadTarget, flags: DownloadFlags, io: Io): Promise<number> {
  const out = resolve(io.cwd, flags.out ?? DEFAULT_OUT);
  const showProgress = Boolean(io.err.isTTY) && !flags.quiet;
  const bar = new ProgressLine(io, showProgress);
  const home = io.home ?? os.homedir();
  const artifactOrigins = artifactOriginsFor(resolveHost({ flag: flags.host, env: io.env, home }).host, flags.artifactsHost ?? []);
  const s = openSession(flags, io, { trustedOrigins: artifactOrigins, onEvent: (e) => bar.event(e) });
  const controller = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const restoreSignals = holdStopSignals((sig) => {
    if (stoppedBy) {
      // Asked twice: quit now. What is recorded is whole (atomic writes); a rerun takes over the lock.
      bar.end();
      process.exit(signalExitCode(sig));
    }
    stoppedBy = sig;
    bar.note(`${sig === 'SIGINT' ? 'Ctrl-C' : sig}: stopping after the requests in flight (again to quit now); rerun the same command to resume`);
    controller.abort();
  });
  let result: DownloadResult;
  try {
    result = await downloadEvidence({
      client: s.client,
      out,
      target,
      // Tasks in flight: the transport still holds API calls to --concurrency; storage gets the rest.
      concurrency: downloadTasks(s.concurrency),
      artifacts: flags.artifacts !== false,
      artifactOrigins,
      signal: controller.signal,
      tool: { name: 'circle-sleuth', version: VERSION },
      ...(showProgress ? { onProgress: (p: DownloadProgress) => bar.progress(p) } : {}),
    });
  } catch (e) {
    if (e instanceof EvidenceFsError) throw new FailError(e.message);
    throw e;
  } finally {
    restoreSignals();
    bar.end();
    await s.close();
  }
  return report(result, target, flags, io, stoppedBy);
}

/** Signals a download stops on gracefully: the run finishes what is in flight and records it. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The exit code a shell reports for a process stopped by `sig` (130 for SIGINT, 143 for SIGTERM). */
export const signalExitCode = (sig: StopSignal): number => 128 + (os.constants.signals[sig] ?? 2);

/**
 * While a download runs, `onSignal` alone answers SIGINT, SIGTERM and SIGHUP; the listeners already
 * there are set aside and put back by the function returned. The reason: conf's exit hook (the
 * `when-exit` package, loaded with the settings by `doctor`) re-raises the signal it catches, and
 * the process would exit before the download writes its last checkpoint and releases its lock.
 */
export function holdStopSignals(onSignal: (sig: StopSignal) => void): () => void {
  const held = STOP_SIGNALS.map((sig) => {
    const others = process.rawListeners(sig) as ((...a: unknown[]) => void)[];
    const own = (): void => onSignal(sig);
    process.removeAllListeners(sig);
    process.on(sig, own);
    return { sig, others, own };
  });
  return () => {
    for (const { sig, others, own } of held) {
      process.off(sig, own);
      for (const l of others) process.on(sig, l);
    }
  };
}

/** Exit status of `sleuth download`: 0 complete; 3 complete except the items listed (see DownloadVerdict); 1 failed. */
export const DOWNLOAD_EXIT = { complete: 0, 'complete-except-listed': 3, failed: 1 } as const;

/** The word a summary starts with, and how many items the folder lacks (CLI and TUI say the same). */
export function verdictWord(r: DownloadResult, verdict: DownloadVerdict = downloadVerdict(r)): string {
  const listed = r.missing.length + r.unparsed.length;
  return verdict === 'complete' ? 'downloaded' : verdict === 'interrupted' ? 'interrupted' : verdict === 'failed' ? 'incomplete' : `downloaded except ${listed} item(s)`;
}

/** The count line's tail: `; 2 artifacts not fetched: 401 needs credentials` (empty when nothing is missing). */
export function notFetchedTail(r: DownloadResult): string {
  const text = notFetchedText(r.missing);
  return text ? `; ${text}` : '';
}

/**
 * `complete` 0; complete except items not fetched for a reason of their own (401, 403, 404, expired link, too large)
 * or responses kept raw because they could not be parsed, each listed: 3; any other failure (a listing, the network,
 * the folder): 1; stopped by a signal: 128+n.
 */
function report(r: DownloadResult, target: DownloadTarget, flags: DownloadFlags, io: Io, stoppedBy: StopSignal | null): number {
  const verdict = downloadVerdict(r);
  const code = verdict === 'interrupted' ? signalExitCode(stoppedBy ?? 'SIGINT') : DOWNLOAD_EXIT[verdict];
  if (flags.json) {
    io.out.write(`${safeJson({ target, ...r, verdict, exit_code: code })}\n`);
  } else {
    const already = r.jobs.alreadyComplete ? ` (${r.jobs.alreadyComplete} already complete)` : '';
    const unfinished = r.jobs.unfinished ? `, ${r.jobs.unfinished} not finished yet (rerun to refresh)` : '';
    io.out.write(
      `${verdictWord(r, verdict)}: ${r.jobs.seen} job(s)${already}${unfinished}, ` +
        `${r.stepOutputs.fetched} step output(s) and ${r.artifacts.fetched} artifact(s) fetched, ${formatBytes(r.bytesWritten)} written` +
        `${r.unparsed.length ? `, ${r.unparsed.length} response(s) not parsed (kept raw)` : ''}${notFetchedTail(r)} → ${r.dir}\n`,
    );
  }
  const line = (text: string): string => sanitize(text, { keepColor: false, maxLineLength: 500 }).replace(/\n/g, ' ');
  // A file changed since it was recorded: said first, it is what a responder must look at (evidence/tamper.ts).
  for (const t of r.tampered ?? []) io.err.write(`sleuth: tampered: ${line(describeSetAside(t))}\n`);
  for (const f of r.failures.slice(0, 50)) io.err.write(`sleuth: ${f.missing ? 'not fetched' : 'failed'}: ${line(`${f.what}: ${f.error}`)}\n`);
  if (r.failures.length > 50) io.err.write(`sleuth: … and ${r.failures.length - 50} more (see "failures" and "missing" in manifest.json's last run)\n`);
  for (const u of r.unparsed.slice(0, 50)) {
    io.err.write(`sleuth: not parsed: ${line(`${u.endpoint}: ${u.reason}`)}; ${u.file ? `its body is kept in ${line(u.file)}` : 'no body could be kept'}\n`);
  }
  if (r.unparsed.length > 50) io.err.write(`sleuth: … and ${r.unparsed.length - 50} more not parsed (see "unparsed" in manifest.json)\n`);
  if (verdict === 'failed') io.err.write('sleuth: the folder is incomplete; run the same command again to fetch what is missing\n');
  if (verdict === 'complete-except-listed') {
    const where = [r.missing.length ? '"missing" in its last run' : '', r.unparsed.length ? '"unparsed", bodies kept raw' : ''].filter(Boolean).join('; ');
    io.err.write(`sleuth: the folder is complete except the ${r.missing.length ? 'items' : 'responses'} listed above (manifest.json: ${where}); exit 3\n`);
  }
  if (verdict === 'interrupted') io.err.write('sleuth: interrupted; run the same command again to finish (nothing partial is counted)\n');
  return code;
}

/** One self-rewriting stderr line (terminal only): done/total, bytes, rate, ETA, retries. */
class ProgressLine {
  private retries = 0;
  private shown = false;
  private last: DownloadProgress | null = null;
  constructor(private readonly io: Io, private readonly enabled: boolean) {}

  event(e: TransportEvent): void {
    if (e.type === 'retry') {
      this.retries++;
      if (!this.enabled) return;
      if (this.last) this.progress(this.last);
    }
  }

  note(text: string): void {
    this.clear();
    this.io.err.write(`sleuth: ${text}\n`);
    if (this.last) this.progress(this.last);
  }

  progress(p: DownloadProgress): void {
    if (!this.enabled) return;
    this.last = p;
    const retries = this.retries ? ` · ${this.retries} retr${this.retries === 1 ? 'y' : 'ies'}` : '';
    const line = `${progressText(p)}${retries}`;
    this.io.err.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  /** The last progress line stays, ended with a newline, so what follows starts on a line of its own. */
  end(): void {
    if (!this.shown) return;
    this.io.err.write('\n');
    this.shown = false;
  }

  private clear(): void {
    if (!this.shown) return;
    this.io.err.write('\r\x1b[2K');
    this.shown = false;
  }
}

type Runner = (...args: never[]) => Promise<number>;

export interface RegisterHelpers {
  /** register.ts's `run` (act wrapper). */
  run: (fn: Runner) => (...args: unknown[]) => Promise<void>;
  /** register.ts's apiOptions. */
  apiOptions: (cmd: Command) => Command;
  /** register.ts's `--project` option factory. */
  project: () => Option;
}

/** `sleuth download job|workflow|pipeline|project`. */
export function registerDownload(program: Command, io: Io, h: RegisterHelpers): void {
  const collect = (v: string, prev: string[]): string[] => [...prev, v];
  const common = (cmd: Command): Command =>
    h.apiOptions(cmd)
      .option('--out <dir>', 'evidence folder (resumable: rerun to finish)', DEFAULT_OUT)
      .option('--quiet', 'no progress on stderr')
      .option('--json', 'print a JSON summary at the end')
      .option('--no-artifacts', 'skip artifacts')
      .option('--artifacts-host <url>', 'a CircleCI artifact host that may receive the token (Server installs); repeatable', collect, []);
  const download = program.command('download').description('save step output, metadata and artifacts as evidence (SHA256SUMS + manifest.json)');
  common(download.command('job').argument('<number>', 'job number').description('one job'))
    .addOption(h.project())
    .action(h.run((n: never, flags: never) => downloadJobCommand(n, flags, io)));
  common(download.command('workflow').argument('<id>', 'workflow id').description('every job of a workflow'))
    .addOption(h.project())
    .action(h.run((id: never, flags: never) => downloadWorkflowCommand(id, flags, io)));
  common(download.command('pipeline').argument('<number>', 'pipeline number').description('every workflow and job of a pipeline'))
    .addOption(h.project())
    .action(h.run((n: never, flags: never) => downloadPipelineCommand(n, flags, io)));
  common(download.command('project').argument('<slug>', 'project slug, e.g. gh/acme/payments').description('every pipeline of a project in a time window'))
    .option('--since <time>', 'window start (ISO-8601, or an age like 6h, 2d); required')
    .option('--until <time>', 'window end (default: now)')
    .action(h.run((slug: never, flags: never) => downloadProjectCommand(slug, flags, io)));
}
