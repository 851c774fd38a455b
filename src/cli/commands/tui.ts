// `sleuth` (no subcommand), `sleuth open DIR`, and the demo: the interactive TUI.
import { LiveSource } from '../../source/live-source.js';
import { resolveDeepLink, type DeepLink } from '../../source/deep-link.js';
import type { InvestigationSource, PipelineWindow } from '../../source/source.js';
import { runTui } from '../../tui/run-tui.js';
import { stackFor } from '../../tui/state/stack.js';
import { StatusFeed } from '../../tui/status.js';
import { intArg, openSession, requireProject, timeFlag, type ApiFlags } from '../context.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import os from 'node:os';
import { resolveHost } from '../../config/host.js';
import type { DownloadRunner } from '../../tui/download/use-download.js';
import { artifactOriginsFor } from './download.js';
import { DEFAULT_OUT, downloadRunner, stopDownloads } from './tui-download.js';
import { resolve } from 'node:path';
import { resolveCacheDir } from '../../config/cache-dir.js';
import type { TuiOptions } from '../../tui/run-tui.js';
import type { ExposureApi } from '../../exposure/index.js';

export interface TuiFlags extends ApiFlags {
  project?: string;
  since?: string;
  until?: string;
  branch?: string;
  pipeline?: string;
  workflow?: string;
  job?: string;
  step?: string;
  node?: string;
  out?: string;
  artifactsHost?: string[];
  /** --audit FILE (repeatable): the audit pane's files, joined to jobs by the exposure pane. */
  audit?: string[];
}

/** What the audit (`a`) and exposure (`x`) panes get. */
export interface AuditExtras { auditFiles?: string[]; exposureApi?: ExposureApi | null; search?: TuiOptions['search']; envVars?: TuiOptions['envVars'] }

function linkFrom(f: TuiFlags): DeepLink {
  const link: DeepLink = {};
  if (f.pipeline !== undefined) link.pipeline = intArg(f.pipeline, '--pipeline');
  if (f.workflow !== undefined) link.workflow = f.workflow;
  if (f.job !== undefined) link.job = intArg(f.job, '--job');
  if (f.step !== undefined) {
    if (link.job === undefined) throw new UsageError('--step needs --job');
    link.step = f.step;
  }
  if (f.node !== undefined) link.node = intArg(f.node, '--node');
  return link;
}

export function requireTerminal(io: Io): void {
  if (!io.out.isTTY || !io.stdinIsTTY) throw new UsageError('the TUI needs an interactive terminal; use the subcommands (sleuth --help) in scripts');
}

export async function openTui(source: InvestigationSource, window: PipelineWindow, link: DeepLink, status: StatusFeed, download?: DownloadRunner, extras: AuditExtras = {}): Promise<number> {
  const resolved = await resolveDeepLink(source, link);
  return runTui({ source, window, initialStack: stackFor(resolved), status, ...(download ? { download } : {}), ...extras });
}

export async function tuiCommand(flags: TuiFlags, io: Io): Promise<number> {
  requireTerminal(io);
  const project = requireProject(flags.project, io);
  const window: PipelineWindow = { since: timeFlag(flags.since), until: timeFlag(flags.until), branch: flags.branch };
  const link = linkFrom(flags);
  const status = new StatusFeed();
  const { host } = resolveHost({ flag: flags.host, env: io.env, home: io.home ?? os.homedir() });
  const artifactOrigins = artifactOriginsFor(host, flags.artifactsHost ?? []);
  const s = openSession(flags, io, {
    trustedOrigins: artifactOrigins,
    onEvent: (e) => {
      if (e.type === 'retry') status.push(`${e.reason}: waiting ${(e.waitMs / 1000).toFixed(1)}s (attempt ${e.attempt})`, 'warn');
    },
  });
  try {
    const download = downloadRunner({ client: s.client, project, out: flags.out ?? DEFAULT_OUT, cwd: io.cwd, artifactOrigins, concurrency: s.concurrency });
    const out = resolve(io.cwd, flags.out ?? DEFAULT_OUT);
    const cacheDir = flags.cache === false ? null : resolveCacheDir({ flag: flags.cacheDir, env: io.env, home: io.home ?? os.homedir(), cwd: io.cwd });
    return await openTui(new LiveSource(s.client, project), window, link, status, download, {
      auditFiles: flags.audit ?? [],
      exposureApi: s.client,
      // `s`/`S`: the --out folder (when it exists) and the disk cache; env vars name what a finding probably is.
      search: { out, cacheDir },
      envVars: async () => (await s.client.projectEnvVars(project)).map((v) => ({ name: v.name, value: v.value })),
    });
  } finally {
    // A download still running (the TUI quit mid-way) records itself as interrupted before the session closes.
    await stopDownloads();
    await s.close();
  }
}

/** `sleuth open DIR`: browse a downloaded evidence folder with the same panes; no network, no token. */
export async function openCommand(dir: string, flags: TuiFlags, io: Io): Promise<number> {
  requireTerminal(io);
  const { OfflineSource } = await import('../../source/offline-source.js');
  const source = await OfflineSource.open(dir, { cwd: io.cwd });
  const status = new StatusFeed();
  if (source.warnings.length) status.push(`${source.warnings.length} file(s) in the folder could not be read; first: ${source.warnings[0]}`, 'warn');
  const window: PipelineWindow = { since: timeFlag(flags.since), until: timeFlag(flags.until), branch: flags.branch };
  return openTui(source, window, linkFrom(flags), status, undefined, { auditFiles: flags.audit ?? [] });
}
