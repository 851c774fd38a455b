// The one keymap table. Every key press is resolved here to a command for the active pane; the same rows
// make the footer, the in-pane key hints and the `?` overlay, and type each pane's handler map
// (input/pane-commands.ts), so a key named anywhere is a key that works there.
// Panes never read raw keys themselves (except an open text input, which takes every key).
import type { Key } from 'ink';

/** Every pane keys are resolved for (`help` is the `?` overlay, `messages` the `!` history). */
export const PANE_KINDS = ['pipelines', 'workflows', 'jobs', 'steps', 'log', 'rca', 'help', 'audit', 'exposure', 'search', 'findings', 'command', 'messages'] as const;
export type PaneKind = (typeof PANE_KINDS)[number];

export type Command =
  | 'cursor.down' | 'cursor.up' | 'cursor.top' | 'cursor.bottom'
  /** `10G`: line 10 (sent by the input router with its count; bound to no key). */
  | 'cursor.line'
  | 'page.down' | 'page.up' | 'halfpage.down' | 'halfpage.up'
  | 'open' | 'back' | 'filter' | 'refresh' | 'quit' | 'help' | 'messages.show'
  | 'log.search' | 'log.next' | 'log.prev' | 'log.wrap' | 'log.timestamps'
  | 'log.nextError' | 'log.prevError' | 'log.follow' | 'log.nextNode' | 'log.prevNode'
  | 'download' | 'download.window' | 'download.cancel'
  | 'rca.open' | 'rca.send' | 'rca.confirm' | 'rca.cancel'
  | 'audit.marked' | 'exposure.view' | 'audit.show' | 'exposure.show'
  | 'search.open' | 'search.edit' | 'search.mode' | 'scan.open' | 'findings.reveal' | 'findings.info'
  | 'step.command' | 'jump' | 'copy.id' | 'copy.url';

export interface Binding {
  /** Human-readable key names, as shown in the footer and in `?`. */
  readonly keys: readonly string[];
  readonly command: Command;
  readonly panes: readonly PaneKind[] | 'all';
  readonly help: string;
  /** Shown in the footer of these panes (the footer has room for a few). */
  readonly footer?: boolean;
  /** The footer names it only where it can act: `download` with a live API, `follow` on a running step. */
  readonly when?: FooterCondition;
}

export type FooterCondition = 'download' | 'follow';
/** What the footer may offer right now (see Binding.when); a condition left out counts as met. */
export type FooterContext = Partial<Record<FooterCondition, boolean>>;

const LISTS = ['pipelines', 'workflows', 'jobs', 'steps'] as const;
const LISTS_AND_LOG = [...LISTS, 'log'] as const;
/** Every pane whose data can be read again: the text views (`?`, `!`) have nothing to refresh. */
const REFRESHABLE = [...LISTS_AND_LOG, 'rca', 'audit', 'exposure', 'search', 'findings', 'command'] as const;

export const KEYMAP = [
  { keys: ['j', '↓'], command: 'cursor.down', panes: 'all', help: 'down one line' },
  { keys: ['k', '↑'], command: 'cursor.up', panes: 'all', help: 'up one line' },
  { keys: ['g', 'Home'], command: 'cursor.top', panes: 'all', help: 'first line' },
  { keys: ['G', 'End'], command: 'cursor.bottom', panes: 'all', help: 'last line' },
  { keys: ['PgDn', 'Space', 'Ctrl-f'], command: 'page.down', panes: 'all', help: 'page down' },
  { keys: ['PgUp', 'Ctrl-b'], command: 'page.up', panes: 'all', help: 'page up' },
  { keys: ['Ctrl-d'], command: 'halfpage.down', panes: 'all', help: 'half a page down' },
  { keys: ['Ctrl-u'], command: 'halfpage.up', panes: 'all', help: 'half a page up' },
  { keys: ['Enter', 'l', '→'], command: 'open', panes: [...LISTS, 'search', 'findings'], help: 'open the selected item', footer: true },
  // Esc only ever goes back: over SSH a split arrow key can arrive as a lone Esc.
  { keys: ['Esc', 'h', '←', 'Backspace'], command: 'back', panes: 'all', help: 'back (never destructive)', footer: true },
  { keys: ['/'], command: 'filter', panes: LISTS, help: 'filter this list (fuzzy)', footer: true },
  { keys: ['/'], command: 'log.search', panes: ['log'], help: 'search the log', footer: true },
  // Early in the table: the footer names it (on a running step only) before the keys that always work.
  { keys: ['F'], command: 'log.follow', panes: ['log'], help: 'follow a running step', footer: true, when: 'follow' },
  { keys: ['n'], command: 'log.next', panes: ['log'], help: 'next match', footer: true },
  { keys: ['N'], command: 'log.prev', panes: ['log'], help: 'previous match' },
  { keys: ['e'], command: 'log.nextError', panes: ['log'], help: 'next error line', footer: true },
  { keys: ['E'], command: 'log.prevError', panes: ['log'], help: 'previous error line' },
  { keys: ['w'], command: 'log.wrap', panes: ['log'], help: 'wrap long lines on/off', footer: true },
  { keys: ['t'], command: 'log.timestamps', panes: ['log'], help: 'timestamps on/off', footer: true },
  { keys: [']'], command: 'log.nextNode', panes: ['log'], help: 'next parallel node' },
  { keys: ['['], command: 'log.prevNode', panes: ['log'], help: 'previous parallel node' },
  { keys: ['c'], command: 'step.command', panes: ['steps', 'log'], help: "command: the step's whole bash_command", footer: true },
  { keys: [':'], command: 'jump', panes: LISTS, help: 'go to a pipeline or job by number (:896, :p896, :j5015)' },
  { keys: ['y'], command: 'copy.id', panes: LISTS_AND_LOG, help: 'copy the id of the selected item (OSC 52)' },
  { keys: ['Y'], command: 'copy.url', panes: LISTS_AND_LOG, help: 'copy its app.circleci.com URL (OSC 52)' },
  { keys: ['d'], command: 'download', panes: LISTS_AND_LOG, help: 'download evidence for the selected item', footer: true, when: 'download' },
  { keys: ['D'], command: 'download.window', panes: LISTS_AND_LOG, help: 'download evidence for the whole window' },
  { keys: ['X'], command: 'download.cancel', panes: 'all', help: 'cancel the download' },
  { keys: ['R'], command: 'rca.open', panes: ['jobs', 'steps', 'log'], help: 'failure summary (RCA) of the job', footer: true },
  { keys: ['S'], command: 'rca.send', panes: ['rca'], help: 'send the failed log to Exlogare (asks first)', footer: true },
  { keys: ['y'], command: 'rca.confirm', panes: ['rca'], help: 'yes: send it' },
  { keys: ['n'], command: 'rca.cancel', panes: ['rca'], help: 'no: do not send' },
  // The audit pane (`a`) and the exposure pane (`x`).
  { keys: ['Enter', 'l', '→'], command: 'open', panes: ['audit', 'exposure'], help: 'show the selected row in full', footer: true },
  { keys: ['/'], command: 'filter', panes: ['audit'], help: 'filter by action:PREFIX actor:LOGIN since:T until:T is:marked, or words', footer: true },
  { keys: ['/'], command: 'filter', panes: ['exposure'], help: 'filter this list (fuzzy)', footer: true },
  { keys: ['m'], command: 'audit.marked', panes: ['audit'], help: 'marked events only, on/off', footer: true },
  { keys: ['v'], command: 'exposure.view', panes: ['exposure'], help: 'view per job / per secret', footer: true },
  { keys: ['a'], command: 'audit.show', panes: LISTS_AND_LOG, help: 'audit log pane' },
  { keys: ['x'], command: 'exposure.show', panes: LISTS_AND_LOG, help: 'which secrets could be read: this job, this pipeline, or the window' },
  { keys: ['s'], command: 'search.open', panes: [...LISTS_AND_LOG, 'findings'], help: 'search every downloaded job', footer: true },
  { keys: ['S'], command: 'scan.open', panes: [...LISTS_AND_LOG, 'search'], help: 'secrets found in the downloaded output' },
  { keys: ['/'], command: 'search.edit', panes: ['search'], help: 'edit the query', footer: true },
  { keys: ['m'], command: 'search.mode', panes: ['search'], help: 'mode: auto / exact / fuzzy', footer: true },
  { keys: ['v'], command: 'findings.reveal', panes: ['findings'], help: 'show / hide the secrets', footer: true },
  { keys: ['i'], command: 'findings.info', panes: ['findings'], help: 'list / hide values CircleCI masked' },
  { keys: ['r'], command: 'refresh', panes: REFRESHABLE, help: 'refresh from CircleCI', footer: true },
  // The status line cuts a message to its width: `!` lists the last ones whole (components/MessageHistory.tsx).
  { keys: ['!'], command: 'messages.show', panes: 'all', help: 'messages in full: the last errors, warnings and results', footer: true },
  { keys: ['?'], command: 'help', panes: 'all', help: 'all keys', footer: true },
  { keys: ['q'], command: 'quit', panes: 'all', help: 'quit', footer: true },
] as const satisfies readonly Binding[];

type Row = (typeof KEYMAP)[number];
/** The rows of the table that apply to pane P (its own and the 'all' rows). */
type RowsIn<P extends PaneKind> = Row extends infer R ? (R extends { panes: 'all' } ? R : R extends { panes: readonly (infer K)[] } ? (P extends K ? R : never) : never) : never;
/** Every command a key reaches in pane P. */
export type BoundCommand<P extends PaneKind> = RowsIn<P>['command'];

/** Acted on by the key router itself (input/key-router.ts), whatever the pane. */
export const ROUTER_COMMANDS = ['quit', 'help'] as const;
/** Acted on by the app (its GlobalHandlers), whatever pane is active: they open a level or act on the selection. */
export const APP_COMMANDS = ['download', 'download.window', 'download.cancel', 'search.open', 'scan.open', 'audit.show', 'exposure.show', 'messages.show', 'step.command', 'copy.id', 'copy.url', 'rca.open'] as const;
/** A pane may leave these to others: `back` then goes up a level (or closes `?`), `cursor.line` goes there step by step. */
export const OPTIONAL_PANE_COMMANDS = ['back', 'cursor.line'] as const;
export type RouterCommand = (typeof ROUTER_COMMANDS)[number];
export type AppCommand = (typeof APP_COMMANDS)[number];
export type OptionalPaneCommand = (typeof OPTIONAL_PANE_COMMANDS)[number];
/** What pane P's own handler must take: every command bound there that neither the router nor the app acts on. */
export type PaneCommand<P extends PaneKind> = Exclude<BoundCommand<P>, RouterCommand | AppCommand | OptionalPaneCommand>;

// Every command but `cursor.line` has a key (as gemini-cli's keyBindings.ts is a Record<Command, …>).
type Unbound = Exclude<Command, Row['command'] | 'cursor.line'>;
const everyCommandBound: [Unbound] extends [never] ? true : Unbound = true;
void everyCommandBound;

const appliesTo = (b: Binding, pane: PaneKind) => b.panes === 'all' || b.panes.includes(pane);
const owned = new Set<Command>([...ROUTER_COMMANDS, ...APP_COMMANDS, ...OPTIONAL_PANE_COMMANDS]);

export const isAppCommand = (c: Command): c is AppCommand => (APP_COMMANDS as readonly Command[]).includes(c);

/** Name of the key Ink reported, in the same spelling as KEYMAP. */
export function keyName(input: string, key: Key): string | null {
  if (key.upArrow) return '↑';
  if (key.downArrow) return '↓';
  if (key.leftArrow) return '←';
  if (key.rightArrow) return '→';
  if (key.pageDown) return 'PgDn';
  if (key.pageUp) return 'PgUp';
  if (key.return) return 'Enter';
  if (key.escape) return 'Esc';
  if (key.backspace || key.delete) return 'Backspace';
  if (key.home) return 'Home';
  if (key.end) return 'End';
  if (key.ctrl && input) return `Ctrl-${input.toLowerCase()}`;
  if (input === ' ') return 'Space';
  if (input.length === 1) return input;
  return null;
}

/**
 * The command a key stands for in a pane. The input router passes a key name as the tokenizer spells it
 * (input/tokenize.ts: 'j', 'Enter', 'Ctrl-u', '↓', 'Shift-↓'); an Ink (input, key) pair is named first.
 */
export function resolveKey(pane: PaneKind, name: string): Command | null;
export function resolveKey(pane: PaneKind, input: string, key: Key): Command | null;
export function resolveKey(pane: PaneKind, input: string, key?: Key): Command | null {
  const name = key ? keyName(input, key) : input;
  if (!name) return null;
  return bindingsFor(pane).find((b) => b.keys.includes(name))?.command ?? null;
}

export function bindingsFor(pane: PaneKind): Binding[] {
  return (KEYMAP as readonly Binding[]).filter((b) => appliesTo(b, pane));
}

/** The commands pane P's handler must take (the runtime side of PaneCommand<P>), once each. */
export function paneCommands(pane: PaneKind): Command[] {
  return [...new Set(bindingsFor(pane).map((b) => b.command).filter((c) => !owned.has(c)))];
}

/** The binding of a command in a pane; throws when the pane has none (a hint must name a key that works there). */
export function bindingOf(pane: PaneKind, command: Command): Binding {
  const b = bindingsFor(pane).find((x) => x.command === command);
  if (!b) throw new Error(`keymap: no key for ${command} in the ${pane} pane`);
  return b;
}

/** The help's first word, without the colon that introduces its value ("mode: auto / …" is `mode`). */
const shortWord = (b: Binding) => b.help.split(' ')[0]!.replace(/[:;,]+$/, '');

/**
 * One in-pane key hint from the table: `keyHint('search', 'open')` is `Enter open`, `keyHint('rca',
 * ['cursor.down', 'cursor.up'], 'scroll')` is `j/k scroll`. The key is always the table's; the label
 * may say what the key does in that place.
 */
export function keyHint(pane: PaneKind, commands: Command | readonly Command[], label?: string): string {
  const first = bindingOf(pane, typeof commands === 'string' ? commands : commands[0]!);
  return `${keysOf(pane, commands)} ${label ?? shortWord(first)}`;
}

/** The first key of each command, as a hint names them: `j/k` for cursor.down and cursor.up. */
export function keysOf(pane: PaneKind, commands: Command | readonly Command[]): string {
  const list = typeof commands === 'string' ? [commands] : commands;
  return list.map((c) => bindingOf(pane, c).keys[0]).join('/');
}

/** `Enter open · / edit · Esc back`: hints joined as the footer joins them. */
export function keyHints(pane: PaneKind, hints: readonly (Command | readonly [Command | readonly Command[], string])[]): string {
  return hints.map((h) => (typeof h === 'string' ? keyHint(pane, h) : keyHint(pane, h[0], h[1]))).join(' · ');
}

/** `j/↓ down · Enter open · …` for the footer, cut to the width; a key is named only where it can act (`ctx`). */
export function footerHints(pane: PaneKind, width: number, ctx: FooterContext = {}): string {
  const parts = bindingsFor(pane)
    .filter((b) => b.footer && (!b.when || ctx[b.when] !== false))
    .map((b) => `${b.keys[0]} ${shortWord(b)}`);
  // `!` and `?` are always named, last: the ways to read what was cut and to find every other key.
  const pinned = parts.filter((p) => PINNED_HINTS.has(p)).join(' · ');
  let out = '';
  for (const p of parts.filter((p) => !PINNED_HINTS.has(p))) {
    const next = out ? `${out} · ${p}` : p;
    if (next.length + (pinned ? pinned.length + 3 : 0) > width) break;
    out = next;
  }
  const all = [out, pinned].filter(Boolean).join(' · ');
  return all.length <= width ? all : out;
}

const PINNED_HINTS = new Set(['! messages', '? all']);
