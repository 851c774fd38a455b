// The simulator's sample audit log (the story as an admin's CSV download or an S3 stream).
export { sampleAuditEvents, sampleAuditText, writeSampleAudit, csvCell, csvLine, SAMPLE_AUDIT, type SampleAuditEvent, type SampleAuditFormat, type SampleAuditOptions } from './sample-audit.js';
