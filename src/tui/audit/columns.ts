// Columns of the audit list. Marked events carry a tone: red for secrets and changes to what jobs
// can reach, yellow for logins, cyan for job lifecycle noise.
import { actorLabel, detailsLine, entityLabel, eventTime, markLabel, markSeverity, successLabel, type AuditEvent } from '../../audit/index.js';
import type { Col } from '../list/columns.js';

function tone(e: AuditEvent) {
  const s = markSeverity(e.mark);
  return s === 'high' ? ('error' as const) : s === 'medium' ? ('warn' as const) : s === 'low' ? ('active' as const) : undefined;
}

export const auditCols: Col<AuditEvent>[] = [
  { title: 'TIME', get: eventTime, width: 20, priority: 9 },
  { title: 'MARK', get: markLabel, width: 8, tone, priority: 8 },
  { title: 'ACTION', get: (e) => e.action, flex: 3, min: 24, tone, priority: 9 },
  { title: 'ACTOR', get: actorLabel, width: 14, priority: 7 },
  { title: 'TARGET', get: (e) => entityLabel(e.target), flex: 2, min: 12, priority: 5 },
  { title: 'OK', get: successLabel, width: 3, tone: (e) => (e.success === false ? 'error' : undefined), priority: 4 },
  { title: 'DETAILS', get: detailsLine, flex: 4, min: 12, priority: 3 },
];
