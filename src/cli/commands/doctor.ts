// doctor: where each setting came from, and whether the token works (GET /me).
import os from 'node:os';
import { isApiError } from '../../api/errors.js';
import { collectDoctorReport, formatDoctorReport, type DoctorOptions } from '../../config/doctor.js';
import { rgSourceName, searchEngine } from '../../search/rg/locate.js';
import { rgVersion } from '../../search/rg/run-rg.js';
import { openSession, type ApiFlags } from '../context.js';
import type { Io } from '../io.js';
import { safeJson } from '../json.js';
import { cell } from '../table.js';
import { currentRuntime, type Runtime } from '../../util/runtime.js';

export async function doctorCommand(flags: ApiFlags & { project?: string; json?: boolean; offline?: boolean }, io: Io): Promise<number> {
  const report = collectDoctorReport({
    flagHost: flags.host, flagProject: flags.project, flagCacheDir: flags.cacheDir,
    env: io.env, home: io.home ?? os.homedir(), cwd: io.cwd,
    terminal: { columns: io.out.columns, rows: io.out.rows, isTTY: io.out.isTTY },
    searchEngine: engineItem(io.env),
    runtime: runtimeItem(),
  });
  let check: { ok: boolean; detail: string } = { ok: false, detail: 'skipped (--offline)' };
  if (!flags.offline) {
    try {
      const s = openSession({ ...flags, cache: false }, io);
      try {
        const me = await s.client.me();
        check = { ok: true, detail: `works: authenticated as ${cell(me.login, 40)}${me.name ? ` (${cell(me.name, 40)})` : ''}` };
      } finally {
        await s.close();
      }
    } catch (e) {
      check = { ok: false, detail: isApiError(e) ? e.message : 'could not be checked' };
    }
  }
  if (flags.json) {
    io.out.write(`${safeJson({ ...report, tokenCheck: check })}\n`);
  } else {
    io.out.write(formatDoctorReport(report));
    io.out.write(`\ntoken check: ${check.detail}\n`);
  }
  return flags.offline || check.ok ? 0 : 1;
}

/** Which engine `sleuth search` and `sleuth scan` use: `ripgrep 15.0.0 (@vscode/ripgrep: …/rg)` or `Node core (why)`. */
export function engineItem(env: NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>>, version: (path: string) => string | null = rgVersion): DoctorOptions['searchEngine'] {
  const engine = searchEngine(env as NodeJS.ProcessEnv);
  if (engine.kind === 'node') return { value: 'Node core', source: engine.reason };
  const v = version(engine.rg.path);
  const source = `${rgSourceName(engine.rg)}: ${engine.rg.path}`;
  if (v === null) return { value: 'ripgrep (did not answer --version)', source, warning: `ripgrep at ${engine.rg.path} did not answer --version: a search it fails falls back to the Node core` };
  return { value: `ripgrep ${v}`, source };
}

/** How this sleuth runs, for `sleuth doctor`: the standalone binary (and where its bundle is) or the npm install. */
export function runtimeItem(runtime: Runtime = currentRuntime()): DoctorOptions['runtime'] {
  if (runtime.kind === 'binary') {
    return { value: `standalone binary (Node ${process.version})`, source: `${runtime.executable}; bundle in ${runtime.bundleDir}${runtime.fallback ? ` (${runtime.fallback})` : ''}` };
  }
  return { value: `npm install (Node ${process.version})`, source: process.argv[1] ?? 'bin/sleuth.js' };
}
