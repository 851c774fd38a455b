// Key resolution for the audit and exposure panes: keymap.ts first (Esc, j/k, paging, r, ?, q…),
// then keys.ts. Once keymap.ts includes keys.ts the fallback finds nothing new; until then (and in
// the standalone `sleuth audit FILE` shell) it makes the panes' own keys work.
import type { Key } from 'ink';
import { bindingsFor, keyName, resolveKey, type PaneKind } from '../keymap.js';
import { AUDIT_EXPOSURE_BINDINGS, type LooseBinding } from './keys.js';

export { AUDIT_PANE, EXPOSURE_PANE, AUDIT_EXPOSURE_BINDINGS, type AuditExposureCommand, type LooseBinding } from './keys.js';

const mine = (pane: string) => AUDIT_EXPOSURE_BINDINGS.filter((b) => b.panes.includes(pane));

export function resolvePaneKey(pane: string, input: string, key: Key): string | null {
  const fromKeymap = resolveKey(pane as PaneKind, input, key);
  if (fromKeymap) return fromKeymap;
  const name = keyName(input, key);
  if (!name) return null;
  return mine(pane).find((b) => b.keys.includes(name))?.command ?? null;
}

/** Every binding that works in the pane, once each (keymap.ts may already include ours). */
export function paneBindings(pane: string): LooseBinding[] {
  const seen = new Set<string>();
  const out: LooseBinding[] = [];
  for (const b of [...mine(pane), ...(bindingsFor(pane as PaneKind) as unknown as LooseBinding[])]) {
    const k = `${b.command}:${b.keys[0]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(b);
  }
  return out;
}

export function paneFooter(pane: string, width: number): string {
  let out = '';
  for (const b of paneBindings(pane).filter((x) => x.footer)) {
    const part = `${b.keys[0]} ${b.help.split(/[ :]/)[0]}`;
    const next = out ? `${out} · ${part}` : part;
    if (next.length > width) break;
    out = next;
  }
  return out;
}
