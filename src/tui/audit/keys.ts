// Keys of the audit and exposure panes, and the two global keys that open them (`a`, `x`). Data
// only, no imports: keymap.ts spreads this into KEYMAP (the one keymap table) without an import
// cycle. Commands are plain strings so this compiles before and after keymap.ts knows them.

export const AUDIT_PANE = 'audit';
export const EXPOSURE_PANE = 'exposure';

/** Commands these panes add to keymap.ts's Command union. */
export type AuditExposureCommand = 'audit.marked' | 'exposure.view' | 'audit.show' | 'exposure.show';

export interface LooseBinding {
  keys: string[];
  command: string;
  panes: string[];
  help: string;
  footer?: boolean;
}

const LISTS_AND_LOG = ['pipelines', 'workflows', 'jobs', 'steps', 'log'];

export const AUDIT_EXPOSURE_BINDINGS: LooseBinding[] = [
  { keys: ['Enter', 'l', '→'], command: 'open', panes: [AUDIT_PANE, EXPOSURE_PANE], help: 'show the selected row in full', footer: true },
  { keys: ['/'], command: 'filter', panes: [AUDIT_PANE], help: 'filter by action:PREFIX actor:LOGIN since:T until:T is:marked, or words', footer: true },
  { keys: ['/'], command: 'filter', panes: [EXPOSURE_PANE], help: 'filter this list (fuzzy)', footer: true },
  { keys: ['m'], command: 'audit.marked', panes: [AUDIT_PANE], help: 'marked events only, on/off', footer: true },
  { keys: ['v'], command: 'exposure.view', panes: [EXPOSURE_PANE], help: 'view per job / per secret', footer: true },
  { keys: ['a'], command: 'audit.show', panes: LISTS_AND_LOG, help: 'audit log pane' },
  { keys: ['x'], command: 'exposure.show', panes: LISTS_AND_LOG, help: 'which secrets could be read: this job, this pipeline, or the window' },
];
