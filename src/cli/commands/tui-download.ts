// Connects the TUI's `d`/`D` keys to the evidence downloader (the data layer does the work).
import { relative, resolve } from 'node:path';
import type { CircleCiClient } from '../../api/client.js';
import { downloadEvidence, type DownloadTarget } from '../../evidence/index.js';
import type { DownloadRunner } from '../../tui/download/use-download.js';
import { VERSION } from '../context.js';
import { downloadTasks } from './download.js';

export { DEFAULT_OUT } from './download.js';

export function downloadRunner(opts: { client: CircleCiClient; project: string; out: string; cwd: string; artifactOrigins: string[]; concurrency?: number }): DownloadRunner {
  const out = resolve(opts.cwd, opts.out);
  return async (target, onProgress, signal) => {
    const t: DownloadTarget =
      target.kind === 'window' ? { kind: 'project', project: opts.project, since: target.since, ...(target.until ? { until: target.until } : {}) }
      : target.kind === 'workflow' ? { kind: 'workflow', id: target.id, project: opts.project }
      : { kind: target.kind, project: opts.project, number: target.number };
    const r = await downloadEvidence({
      client: opts.client, out, target: t, onProgress, signal,
      artifactOrigins: opts.artifactOrigins, concurrency: downloadTasks(opts.concurrency ?? 8),
      tool: { name: 'circle-sleuth', version: VERSION },
    });
    const where = relative(opts.cwd, r.dir) || '.';
    const failed = r.failures.length ? `; ${r.failures.length} failed (rerun d to resume)` : '';
    return {
      complete: r.complete,
      dir: r.dir,
      summary: `${r.outcome}: ${r.jobs.seen} jobs, ${r.stepOutputs.fetched} new outputs, ${r.artifacts.fetched} artifacts → ${where}${failed}`,
    };
  };
}
