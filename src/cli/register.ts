// The command table: every capability as a scriptable subcommand.
import { Command, Option } from 'commander';
import type { Io } from './io.js';
import { act } from './program.js';
import { registerDownload } from './commands/download.js';
import { registerScan } from './commands/scan.js';
import { registerSearch } from './commands/search.js';
import { jobCommand, jobsCommand, pipelinesCommand, workflowsCommand } from './commands/lists.js';
import { logCommand, stepsCommand } from './commands/steps.js';
import { doctorCommand } from './commands/doctor.js';
import { registerRca } from './commands/rca.js';
import { registerAudit } from './commands/audit.js';
import { registerExposure } from './commands/exposure.js';
import { registerVerify } from './commands/verify.js';
// The TUI and the simulator load Ink/React and the story data: import them only when used,
// so `sleuth pipelines` in a script starts fast.
const tuiCommand = async (...a: Parameters<typeof import('./commands/tui.js').tuiCommand>) => (await import('./commands/tui.js')).tuiCommand(...a);
const openCommand = async (...a: Parameters<typeof import('./commands/tui.js').openCommand>) => (await import('./commands/tui.js')).openCommand(...a);
const simCommand = async (...a: Parameters<typeof import('./commands/sim.js').simCommand>) => (await import('./commands/sim.js')).simCommand(...a);
const demoCommand = async (...a: Parameters<typeof import('./commands/sim.js').demoCommand>) => (await import('./commands/sim.js')).demoCommand(...a);

function scriptable(cmd: Command): Command {
  return apiOptions(cmd).option('--json', 'print JSON for scripts');
}

function apiOptions(cmd: Command): Command {
  return cmd
    .option('--host <url>', 'CircleCI host (default: $CIRCLE_HOST or https://circleci.com)')
    .option('--cache-dir <dir>', 'cache directory (default: $SLEUTH_CACHE_DIR or ~/.cache/circle-sleuth)')
    .option('--no-cache', 'do not read or write the disk cache')
    .option('--refresh', 'ignore cached answers (still writes fresh ones)')
    .option('--concurrency <n>', 'requests in flight at once (1-64)', '8');
}

export function registerCommands(program: Command, io: Io): void {
  const run = (fn: (...args: never[]) => Promise<number>) => act(program, fn);
  const project = () => new Option('-p, --project <slug>', 'project slug, e.g. gh/acme/payments (default: git remote)');

  // `sleuth [options]` with no subcommand opens the TUI. Root options only count before a
  // subcommand, so `sleuth pipelines --project X` is the subcommand's own flag.
  program.enablePositionalOptions();
  apiOptions(program)
    .addOption(project())
    .option('--since <time>', 'window start (ISO-8601, or an age like 6h, 2d)')
    .option('--until <time>', 'window end')
    .option('--branch <name>', 'only this branch')
    .option('--pipeline <number>', 'open at this pipeline')
    .option('--workflow <id>', 'open at this workflow')
    .option('--job <number>', 'open at this job')
    .option('--step <id>', 'with --job: open this step\'s log')
    .option('--node <n>', 'with --step: this parallel node')
    .option('--out <dir>', 'where d/D save evidence', './circleci-output')
    .option('--artifacts-host <url>', 'a CircleCI artifact host that may receive the token (Server installs); repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--audit <file>', 'audit-log file or folder for the audit (a) and exposure (x) panes; repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(run((flags: never) => tuiCommand(flags, io)));

  scriptable(program.command('pipelines').description('list pipelines of a project, newest first'))
    .addOption(project())
    .option('--since <time>', 'only pipelines created at or after (ISO-8601, or an age like 6h, 2d)')
    .option('--until <time>', 'only pipelines created at or before')
    .option('--branch <name>', 'only this branch')
    .action(run((flags: never) => pipelinesCommand(flags, io)));

  scriptable(program.command('workflows').argument('<pipeline>', 'pipeline id (or number, with --project)').description('list the workflows of a pipeline'))
    .addOption(project())
    .action(run((id: never, flags: never) => workflowsCommand(id, flags, io)));

  scriptable(program.command('jobs').argument('<workflow>', 'workflow id, or a pipeline number (with --project): every job of its workflows').description('list every job of a workflow (all pages)'))
    .addOption(project())
    .action(run((id: never, flags: never) => jobsCommand(id, flags, io)));

  scriptable(program.command('job').argument('<job-number>').description('details of one job: executor, contexts, nodes, timing'))
    .addOption(project())
    .action(run((n: never, flags: never) => jobCommand(n, flags, io)));

  scriptable(program.command('steps').argument('<job-number>').description('the steps of a job: command, status, exit code, nodes'))
    .addOption(project())
    .action(run((n: never, flags: never) => stepsCommand(n, flags, io)));

  scriptable(program.command('log').argument('<job-number>').argument('<step>', 'step id (e.g. 104) or part of its name').description('what a step printed, made safe for the terminal'))
    .addOption(project())
    .option('--node <n>', 'parallel node index (default: every node)')
    .option('--raw', 'exact bytes, only when stdout is not a terminal')
    .action(run((n: never, step: never, flags: never) => logCommand(n, step, flags, io)));

  registerDownload(program, io, { run, apiOptions, project });
  registerSearch(program, io, { run });
  registerScan(program, io, { run });

  registerRca(program, io, { run, apiOptions, project });
  registerAudit(program, io, { run });
  registerExposure(program, io, { run, apiOptions, project });
  registerVerify(program, io, { run });

  program.command('open').argument('<dir>', 'evidence folder (the layout `sleuth download` writes, or the incident guide\'s)')
    .description('browse a downloaded evidence folder in the TUI: no network, no token')
    .option('--since <time>', 'window start').option('--until <time>', 'window end').option('--branch <name>', 'only this branch')
    .option('--pipeline <number>', 'open at this pipeline').option('--workflow <id>', 'open at this workflow')
    .option('--job <number>', 'open at this job').option('--step <id>', 'with --job: this step').option('--node <n>', 'with --step: this node')
    .option('--audit <file>', 'audit-log file or folder for the audit pane (a); repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(run((dir: never, flags: never) => openCommand(dir, flags, io)));

  program.command('doctor').description('show where each setting comes from and check the token (never shows it)')
    .option('--host <url>', 'CircleCI host')
    .option('--cache-dir <dir>', 'cache directory')
    .addOption(project())
    .option('--offline', 'do not call CircleCI')
    .option('--json', 'print JSON')
    .action(run((flags: never) => doctorCommand(flags, io)));

  program.command('sim').description('run the built-in CircleCI simulator (no token needed) until Ctrl-C')
    .option('--port <n>', 'API port (0 = any free port)', '0')
    .option('--latency <ms>', 'added latency per request', '0')
    .option('--rate-limit-every <n>', 'answer every Nth API request with 429', '0')
    .option('--fail-502 <ratio>', 'fraction of API requests answered with an HTML 502', '0')
    .option('--write-audit <file>', 'first write a sample audit-log CSV that matches the story (for sleuth audit / exposure --audit)')
    .option('--hostile', 'put terminal-attack sequences (security.md §1.4) into every name, message and path it serves')
    .option('--server', 'CircleCI Server mode: artifacts served by the API origin itself (wants the token, 302 to storage), no artifact host')
    .action(run((flags: never) => simCommand(flags, io)));

  program.command('demo').description('start the simulator and explore it (no token needed)')
    .option('--hostile', 'a simulator whose every name, message and path carries terminal-attack sequences')
    .option('--server', 'a simulator in CircleCI Server mode (artifacts served by the API origin itself)')
    .option('--out <dir>', 'where d/D save evidence (default: one folder per demo world under $XDG_STATE_HOME/circle-sleuth/demo)')
    .action(run((flags: never) => demoCommand(io, flags)));
}
