// Credential exposure: for a project and window, which secrets each job could read (project env
// vars, the variables of the contexts it ran with), joined with the audit log's context reads.
export type { AccessRecord, ContextInfo, ExposureApi, ExposureReport, ExposureScope, JobExposure, JobRef, SecretExposure, UnjoinedAccess } from './types.js';
export { computeExposure, effectiveWindow, last4Of, normTime, DEFAULT_WINDOW_DAYS, UNLISTED, type ExposureInput } from './compute.js';
export { checklistCsv, checklistMarkdown, csvSafe, defuseFormula, windowText, CHECKLIST_CSV_HEADER } from './checklist.js';
export { accessText, jobTitle, whereText } from './describe.js';
