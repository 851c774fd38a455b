// What `d` downloads: the highlighted row of the current list, or the job a steps/log level is in.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { Level } from '../state/nav.js';

export type TuiDownloadTarget =
  | { kind: 'job'; number: number; label: string }
  | { kind: 'workflow'; id: string; label: string }
  | { kind: 'pipeline'; number: number; label: string }
  | { kind: 'window'; since: string; until?: string; label: string };

export function selectedTarget(level: Level, highlight: unknown): TuiDownloadTarget | null {
  switch (level.kind) {
    case 'pipelines': {
      const p = highlight as Pipeline | undefined;
      return p ? { kind: 'pipeline', number: p.number, label: `pipeline ${p.number}` } : null;
    }
    case 'workflows': {
      const w = highlight as Workflow | undefined;
      return w ? { kind: 'workflow', id: w.id, label: `workflow ${w.name}` } : null;
    }
    case 'jobs': {
      const j = highlight as Job | undefined;
      return j && j.job_number !== null ? { kind: 'job', number: j.job_number, label: `job ${j.job_number}` } : null;
    }
    case 'steps':
    case 'log':
    case 'command':
    case 'rca':
      return level.job.job_number !== null ? { kind: 'job', number: level.job.job_number, label: `job ${level.job.job_number}` } : null;
    case 'audit':
    case 'exposure':
    case 'search':
    case 'findings':
    case 'messages':
      return null;
  }
}
