// Which statuses are final. Finished things never change, so the cache may keep them forever.

const JOB_FINAL = new Set(['success', 'failed', 'canceled', 'infrastructure_fail', 'timedout', 'not_run', 'retried', 'unauthorized', 'terminated-unknown', 'fixed', 'no_tests']);
const WORKFLOW_FINAL = new Set(['success', 'failed', 'error', 'canceled', 'not_run', 'unauthorized']);
const ACTION_FINAL = new Set(['success', 'failed', 'canceled', 'timedout', 'infrastructure_fail', 'not_run', 'fixed']);

export const isJobFinal = (status: string | null | undefined): boolean => JOB_FINAL.has(status ?? '');
export const isWorkflowFinal = (status: string | null | undefined): boolean => WORKFLOW_FINAL.has(status ?? '');
export const isActionFinal = (status: string | null | undefined): boolean => ACTION_FINAL.has(status ?? '');

/** Status → tone, beside the status model: the CLI paints it (cli/color.ts), the TUI themes it (tui/theme.ts). */
export function statusTone(status: string | null | undefined): 'ok' | 'bad' | 'active' | 'waiting' | 'muted' {
  switch (status) {
    case 'success': case 'fixed': case 'created': return 'ok';
    case 'failed': case 'error': case 'errored': case 'failing': case 'infrastructure_fail': case 'timedout': case 'unauthorized': case 'terminated-unknown': return 'bad';
    case 'running': case 'queued': case 'setup': case 'setup-pending': case 'pending': return 'active';
    case 'on_hold': case 'blocked': case 'not_running': return 'waiting';
    default: return 'muted';
  }
}
