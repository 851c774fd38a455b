// One-line descriptions of exposure records, shared by the CLI report (cli/render/exposure.ts) and the TUI pane.
// Plain text: the caller puts each through the display gate.
import type { JobExposure } from './types.js';

export function jobTitle(j: JobExposure): string {
  const where = [j.pipeline_number !== null ? `pipeline ${j.pipeline_number}` : null, j.branch, j.actor ? `by ${j.actor}` : null].filter(Boolean).join(' ');
  return `#${j.number} ${j.name} · ${where} · ${j.status}`;
}

export function accessText(a: JobExposure['accesses'][number]): string {
  const how = a.match === 'job_id' ? 'by job id' : `by time${a.ambiguous ? `, ${a.ambiguous} other job${a.ambiguous === 1 ? '' : 's'} fit too` : ''}`;
  return `${a.context} read at ${a.at ? a.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '?'} (${how})${a.ip ? ` from ${a.ip}` : ''}`;
}

export function whereText(s: { kind: 'project' | 'context'; context: string | null }): string {
  return s.kind === 'project' ? 'project' : `context ${s.context}`;
}

