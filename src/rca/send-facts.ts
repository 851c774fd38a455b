// What the confirmation shows before a send, in the CLI prompt and in the TUI alike.
import type { PreparedSend } from './exlogare/prepare.js';
import { safe } from './render.js';
import type { JobFacts } from './types.js';

export { formatBytes as humanBytes } from '../util/progress-text.js';
import { formatBytes as humanBytes } from '../util/progress-text.js';

export interface SendFact {
  label: string;
  value: string;
}

/** `record`: the record file as shown (`~/…`), when known. */
export function sendFacts(p: PreparedSend, job: JobFacts, record?: string): SendFact[] {
  const parts = p.parts.map((x) => `step ${x.step} ${safe(x.name, 60)}${job.parallelism > 1 ? ` node ${x.node}` : ''}`).join(', ');
  return [
    { label: 'destination', value: safe(p.destination, 200) },
    { label: 'job', value: `${job.number} ${safe(job.name, 60)} (${safe(p.payload.status, 20)}) of ${safe(p.payload.project_slug, 80)}` },
    { label: 'log', value: `${humanBytes(p.logBytes)} from ${parts}${p.truncated ? `, truncated: the first ${p.droppedLines} lines dropped, the tail kept` : ''}` },
    { label: 'payload', value: `${humanBytes(p.bytes)} (sha256 ${p.sha256.slice(0, 16)}…)` },
    { label: 'redacted', value: `${p.redactions} secret${p.redactions === 1 ? '' : 's'}` },
    ...(record ? [{ label: 'record', value: safe(record, 400) }] : []),
  ];
}
