// Audit logs: CircleCI has no audit-log API. Admins download a CSV (nested fields as JSON blobs)
// or stream JSON objects to S3; this module reads both, streaming, into one AuditEvent type.
export type { AuditEntity, AuditEvent, AuditFormat, AuditMark, AuditRequest, AuditStats, Tally } from './types.js';
export { actionMatches, canonicalAction, isSecretsAccess, markOf, markSeverity, MARK_LABEL } from './actions.js';
export { compileFilter, haystack, parseQuery, type AuditFilter } from './filter.js';
export { byTime, collectAudit, readAudit, DEFAULT_MAX_RECORD_BYTES, type AuditReader, type Collected, type ReadOptions } from './reader.js';
export { AuditFileError, hasTrouble, summaryLine } from './stats.js';
export { actorLabel, detailsLine, entityLabel, eventLines, eventTime, markLabel, successLabel } from './display.js';
export { parseAuditTime } from './normalize.js';
