// The fake Exlogare's analysis: deterministic, built from the log it was sent, shaped like an RCA service's answer
// (id, summary, root_cause, suggestions, confidence) so the demo shows the whole flow.
import { createHash } from 'node:crypto';

const ERROR_LINE = /npm ERR!|Error:|error:|\bERROR\b|\bFAIL(?:ED)?\b|Traceback|panic:|fatal:|Exited with code|\bKilled\b|OOM/;

interface Hint {
  test: RegExp;
  cause: string;
  suggestions: string[];
}

const HINTS: Hint[] = [
  {
    test: /git clone|Repository not found|repository '.*' not found/i,
    cause: 'A script cloned a repository that does not exist or that the job cannot read.',
    suggestions: ['Check the repository URL and that the job has read access (deploy key or a scoped token from a context).', 'Never put a token in a clone URL: it is printed when the command fails. Rotate any token that appeared in the log.'],
  },
  {
    test: /\bFAIL\b|failed, .* total|AssertionError|expect\(/,
    cause: 'One or more tests failed.',
    suggestions: ['Run the failing suite locally with the same Node version and environment.', 'Look for order-dependent or time-dependent tests if it only fails on one parallel node.'],
  },
  {
    test: /ENOSPC|No space left on device/i,
    cause: 'The executor ran out of disk space.',
    suggestions: ['Use a larger resource class or clean caches before the step.'],
  },
  {
    test: /\bKilled\b|OOM|out of memory/i,
    cause: 'The process was killed, most likely for using too much memory.',
    suggestions: ['Use a larger resource class, or limit the workers (e.g. jest --maxWorkers=2).'],
  },
];

export function buildRca(p: Record<string, unknown>): Record<string, unknown> {
  const log = typeof p.log === 'string' ? p.log : '';
  const lines = log.split('\n').map((l) => l.replace(/\r$/, ''));
  const first = lines.find((l) => ERROR_LINE.test(l))?.trim() ?? lines.filter((l) => l.trim()).at(-1)?.trim() ?? '';
  const hint = HINTS.find((h) => h.test.test(log));
  const id = `rca_${createHash('sha256').update(log).digest('hex').slice(0, 12)}`;
  return {
    id,
    status: 'analyzed',
    job: { project_slug: p.project_slug, job_number: p.job_number, job_name: p.job_name },
    summary: `Job ${String(p.job_name)} #${String(p.job_number)} ${String(p.status).toLowerCase()}: ${first.slice(0, 160) || 'no error line found'}`,
    root_cause: hint?.cause ?? `The first error in the log: ${first.slice(0, 200)}`,
    suggestions: hint?.suggestions ?? ['Open the failing step and read the lines around the first error.'],
    confidence: hint ? 0.82 : 0.4,
    log_lines: lines.length,
  };
}
