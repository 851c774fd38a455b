// sleuth exposure --project SLUG: which secrets every job in a window could read (project env vars
// and the variables of the contexts it ran with), joined with the audit log's context reads, and
// a rotation checklist (--checklist md|csv), most exposed first.
import type { Command } from 'commander';
import { checklistCsv, checklistMarkdown, computeExposure, effectiveWindow, DEFAULT_WINDOW_DAYS, type ExposureScope } from '../../exposure/index.js';
import { cell } from '../../text/cell.js';
import { colorEnabled, palette } from '../color.js';
import { parseTimeWindow } from '../../util/time.js';
import { intArg, openSession, requireProject, stderrEvents, type ApiFlags } from '../context.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';
import { renderExposure } from '../render/exposure.js';
import type { RegisterHelpers } from './audit.js';

export interface ExposureFlags extends ApiFlags {
  project?: string;
  since?: string;
  until?: string;
  audit?: string[];
  job?: string[];
  json?: boolean;
  checklist?: string;
}

export function registerExposure(program: Command, io: Io, h: RegisterHelpers): void {
  const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
  h.apiOptions(program.command('exposure').description('which secrets the jobs of a window could read, per job and per secret; rotation checklist'))
    .addOption(h.project())
    .option('--since <time>', `window start (ISO-8601, or an age like 6h, 2d; default ${DEFAULT_WINDOW_DAYS}d)`)
    .option('--until <time>', 'window end (default: now)')
    .option('--job <number>', 'only this job (repeatable) instead of the whole window', collect)
    .option('--audit <file>', 'audit-log CSV / S3 JSON file or directory: join its context.secrets.accessed events to the jobs (repeatable)', collect)
    .option('--checklist <format>', 'print the rotation checklist instead: md or csv')
    .option('--json', 'print the whole report as JSON')
    .action(h.run((flags: never) => exposureCommand(flags, io)));
}

export async function exposureCommand(flags: ExposureFlags, io: Io): Promise<number> {
  const slug = requireProject(flags.project, io);
  const checklist = flags.checklist?.toLowerCase();
  if (checklist !== undefined && checklist !== 'md' && checklist !== 'csv') throw new UsageError(`--checklist takes md or csv, got ${JSON.stringify(cell(flags.checklist ?? '', 20))}`);
  if (checklist && flags.json) throw new UsageError('--checklist and --json are alternatives: pick one');
  const numbers = (flags.job ?? []).map((j) => intArg(j, '--job'));
  const scope: ExposureScope = numbers.length ? { kind: 'jobs', numbers } : { kind: 'window' };
  const { since, until } = parseTimeWindow(flags.since, flags.until);
  const window = effectiveWindow({ ...(since ? { since } : {}), ...(until ? { until } : {}) }, scope);

  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  const live = Boolean(io.err.isTTY);
  let shown = false;
  try {
    const report = await computeExposure({
      api: s.client,
      project: slug,
      window,
      scope,
      auditFiles: flags.audit ?? [],
      onProgress: (m) => {
        if (!live) return;
        io.err.write(`\r\x1b[2Ksleuth: ${cell(m, 100)}`);
        shown = true;
      },
    });
    if (shown) io.err.write('\r\x1b[2K');
    shown = false;
    if (flags.json) io.out.write(`${safeJson(report)}\n`);
    else if (checklist === 'md') io.out.write(checklistMarkdown(report));
    else if (checklist === 'csv') io.out.write(checklistCsv(report));
    else io.out.write(renderExposure(report, palette(colorEnabled(io.out, io.env))));
    return 0;
  } finally {
    if (shown) io.err.write('\r\x1b[2K');
    await s.close();
  }
}
