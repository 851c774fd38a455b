// The only names the offline source reads. Anything else in the folder is ignored, so a name
// like `job-../x` or `step-1.txt.lnk` never becomes a path we open.

/** `job-<n>`: a job number, no leading zeros, no signs. */
const JOB_DIR = /^job-(0|[1-9]\d{0,9})$/;
/** `step-<step>.txt|json` for node 0, `step-<step>-node-<i>.txt|json` for other nodes. */
const STEP_FILE = /^step-(0|[1-9]\d{0,9})(?:-node-(0|[1-9]\d{0,5}))?\.(txt|json)$/;
/** A workflow folder: CircleCI ids are UUIDs; accept any short name made of safe characters. */
const WORKFLOW_DIR = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export const JOB_FILES = ['job-info.json', 'job-details.json', 'step-info.json'] as const;
export type JobFile = (typeof JOB_FILES)[number];

export const WORKFLOW_FILES = ['pipeline.json', 'workflow.json'] as const;
export type WorkflowFile = (typeof WORKFLOW_FILES)[number];

export function parseJobDir(name: string): number | null {
  const m = JOB_DIR.exec(name);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

export interface StepFileName { step: number; node: number; ext: 'txt' | 'json' }

export function parseStepFile(name: string): StepFileName | null {
  const m = STEP_FILE.exec(name);
  if (!m) return null;
  const step = Number(m[1]);
  const node = m[2] === undefined ? 0 : Number(m[2]);
  if (!Number.isSafeInteger(step)) return null;
  return { step, node, ext: m[3] === 'json' ? 'json' : 'txt' };
}

export const isWorkflowDirName = (name: string): boolean => WORKFLOW_DIR.test(name);
export const isJobFile = (name: string): name is JobFile => (JOB_FILES as readonly string[]).includes(name);
export const isWorkflowFile = (name: string): name is WorkflowFile => (WORKFLOW_FILES as readonly string[]).includes(name);

/** Key of one step on one node, as used in the scan's file map. */
export const stepKey = (step: number, node: number): string => `${step}:${node}`;
