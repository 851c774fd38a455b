// Run by resume.test.ts in a child process (bundled with esbuild) so the test can kill -9 it
// in the middle of a download. argv[2]: JSON {host, token, artifacts, out, target, concurrency}.
import { CircleCiClient } from '../../src/api/client.js';
import { Transport } from '../../src/api/transport.js';
import { downloadEvidence, type DownloadTarget } from '../../src/evidence/index.js';

const cfg = JSON.parse(process.argv[2] ?? '{}') as { host: string; token: string; artifacts: string; out: string; target: DownloadTarget; concurrency: number };
const transport = new Transport({ host: cfg.host, token: cfg.token, trustedOrigins: [cfg.artifacts], concurrency: cfg.concurrency, baseDelayMs: 5, maxDelayMs: 20 });
const result = await downloadEvidence({
  client: new CircleCiClient(transport, null),
  out: cfg.out,
  target: cfg.target,
  concurrency: cfg.concurrency,
  artifactOrigins: [cfg.artifacts],
  checkpointMs: 50,
  progressIntervalMs: 0,
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
});
process.stdout.write(`${JSON.stringify({ result: result.outcome })}\n`);
await transport.close();
