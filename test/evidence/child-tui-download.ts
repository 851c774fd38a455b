// Run by interrupt.test.ts in a child process (bundled with esbuild): the TUI's download runner
// (`d` in the TUI), with conf loaded as the TUI loads it (its exit hook re-raises signals). A line
// on stdin stands for quitting the TUI (q): stopDownloads(), as tui.ts calls it before closing.
// argv[2]: JSON {host, token, artifacts, out, project, since, until}.
import { CircleCiClient } from '../../src/api/client.js';
import { Transport } from '../../src/api/transport.js';
import { downloadRunner, stopDownloads } from '../../src/cli/commands/tui-download.js';
import { openSettings } from '../../src/config/settings.js';

const cfg = JSON.parse(process.argv[2] ?? '{}') as { host: string; token: string; artifacts: string; out: string; project: string; since: string; until: string };
void openSettings;
const transport = new Transport({ host: cfg.host, token: cfg.token, trustedOrigins: [cfg.artifacts], concurrency: 2, baseDelayMs: 5, maxDelayMs: 20 });
const run = downloadRunner({ client: new CircleCiClient(transport, null), project: cfg.project, out: cfg.out, cwd: process.cwd(), artifactOrigins: [cfg.artifacts], concurrency: 2 });
process.stdin.once('data', () => void stopDownloads());
const outcome = await run({ kind: 'window', since: cfg.since, until: cfg.until, label: 'window' }, () => undefined, new AbortController().signal);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.stdin.destroy();
await transport.close();
