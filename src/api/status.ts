// Which statuses are final. Finished things never change, so the cache may keep them forever.

const JOB_FINAL = new Set(['success', 'failed', 'canceled', 'infrastructure_fail', 'timedout', 'not_run', 'retried', 'unauthorized', 'terminated-unknown', 'fixed', 'no_tests']);
const WORKFLOW_FINAL = new Set(['success', 'failed', 'error', 'canceled', 'not_run', 'unauthorized']);
const ACTION_FINAL = new Set(['success', 'failed', 'canceled', 'timedout', 'infrastructure_fail', 'not_run', 'fixed']);

export const isJobFinal = (status: string | null | undefined): boolean => JOB_FINAL.has(status ?? '');
export const isWorkflowFinal = (status: string | null | undefined): boolean => WORKFLOW_FINAL.has(status ?? '');
export const isActionFinal = (status: string | null | undefined): boolean => ACTION_FINAL.has(status ?? '');
