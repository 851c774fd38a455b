// What one key does, on the state the key before it left: an open prompt takes every key (Esc cancels
// it, Enter submits it); otherwise a count prefix (`5j`, `10G`) is gathered, the key is resolved
// through the keymap and the command goes to the app or to the active pane. No React here:
// use-input-router.ts feeds it keys and, when `route` says so, waits for React's commit before the next.
import type { Bus } from '../command-bus.js';
import { isAppCommand, type AppCommand, type Command } from '../keymap.js';
import type { InputToken } from './tokenize.js';

/** Commands the app handles itself, whatever pane is active (downloads, the panes `s`/`a`/`x` open): keymap.ts APP_COMMANDS. */
export type GlobalHandlers = Partial<Record<AppCommand, () => void>>;

export interface RouteContext {
  /** The pane that gets commands now ('help' while the help overlay is shown). */
  pane: string;
  /** A text prompt has the keyboard (as last committed). */
  inputOpen: boolean;
  resolve(pane: string, key: string): Command | null;
  quit(): void;
  helpOpen: boolean;
  setHelp(open: boolean): void;
  globals: GlobalHandlers;
  /** `back` the pane did not use (the app goes up a level). */
  unusedBack?(): void;
}

/** Commands that open a prompt when the pane uses them: the keys after them are typed into it. */
const OPENS_PROMPT = new Set<string>(['filter', 'log.search', 'search.edit', 'search.open']);
/** Cursor commands: a pane whose handler composes them takes a burst of them without a commit between. */
const MOTIONS = new Set<string>([
  'cursor.down', 'cursor.up', 'cursor.top', 'cursor.bottom', 'cursor.line',
  'page.down', 'page.up', 'halfpage.down', 'halfpage.up',
]);
/** Commands a count repeats (`5j`, `3n`); `g`/`G` with a count go to that line instead. */
const REPEATS = new Set<string>([
  'cursor.down', 'cursor.up', 'page.down', 'page.up', 'halfpage.down', 'halfpage.up',
  'log.next', 'log.prev', 'log.nextError', 'log.prevError', 'log.nextNode', 'log.prevNode',
]);
const GOES_TO_LINE = new Set<string>(['cursor.top', 'cursor.bottom']);
/** Digits beyond this are ignored. */
const MAX_COUNT_DIGITS = 7;

/**
 * What `route` and `step` tell the pump: wait for React to commit before the next key ('commit'), go straight
 * on ('continue'), or wait for a commit and then route this same key again ('wait').
 */
export type After = 'commit' | 'continue' | 'wait';

export class KeyRouter {
  private count = '';
  private quitting = false;
  /** Cursor commands went to a composing pane and nothing has been committed since. */
  private uncommitted = false;
  /** What a count still has to do, one step per commit (`5j` in the log moves from the view the step before left). */
  private steps: { pane: string; command: Command; left: number } | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly showCount: (count: string) => void,
  ) {}

  route(token: InputToken, ctx: RouteContext): After {
    if (this.quitting) return 'continue';
    // Ctrl-C quits from anywhere, prompt included; Ink sees it only when it comes alone in a read.
    if (token.kind === 'key' && token.name === 'Ctrl-c') {
      this.quitting = true;
      ctx.quit();
      return 'continue';
    }
    if (ctx.inputOpen) return this.toPrompt(token, ctx);
    // A paste outside a prompt is not a string of commands (a pasted `q` or `d` must not act).
    if (token.kind === 'paste') return 'continue';
    const name = token.name;
    if (/^[0-9]$/.test(name) && (this.count !== '' || name !== '0')) {
      if (this.count.length < MAX_COUNT_DIGITS) this.setCount(this.count + name);
      return 'continue';
    }
    // Esc cancels a count and does nothing else.
    const command = this.count !== '' && name === 'Esc' ? null : ctx.resolve(ctx.pane, name);
    const composes = command !== null && !ctx.helpOpen && MOTIONS.has(command) && this.bus.motionsCompose(ctx.pane);
    // Cursor keys sent without a render since: anything else must see the pane as they left it (the row Enter opens).
    if (command !== null && !composes && this.uncommitted) return 'wait';
    const count = this.count === '' ? 1 : Number(this.count);
    if (this.count !== '') this.setCount('');
    if (!command) return 'continue';
    const after = this.command(command, count, ctx, composes);
    if (after === 'continue' && composes) this.uncommitted = true;
    return after;
  }

  /** The pump waited for a commit: what was sent is on screen and in every handler. */
  committed(): void {
    this.uncommitted = false;
  }

  /** A count is still being carried out: the pump calls `step` before it routes the next key. */
  get busy(): boolean {
    return this.steps !== null;
  }

  step(ctx: RouteContext): After {
    const s = this.steps;
    if (!s) return 'continue';
    // The pane changed under the count (the level closed, a prompt opened): the rest of it is dropped.
    if (ctx.pane !== s.pane || ctx.inputOpen || !this.bus.dispatch(s.pane, s.command) || --s.left <= 0) this.steps = null;
    return 'commit';
  }

  /** Esc during a long count: stop it where it is. */
  cancelSteps(): void {
    this.steps = null;
  }

  private setCount(count: string): void {
    this.count = count;
    this.showCount(count);
  }

  private command(command: Command, count: number, ctx: RouteContext, composes: boolean): After {
    if (command === 'quit') {
      this.quitting = true;
      ctx.quit();
      return 'continue';
    }
    if (command === 'help') {
      ctx.setHelp(!ctx.helpOpen);
      return 'commit';
    }
    if (ctx.helpOpen) {
      // The overlay scrolls with the cursor keys (when it registers as a pane); `back` closes it.
      if (!this.bus.dispatch(ctx.pane, command) && command === 'back') ctx.setHelp(false);
      return 'commit';
    }
    const global = isAppCommand(command) ? ctx.globals[command] : undefined;
    if (global) {
      global();
      return 'commit';
    }
    const pane = ctx.pane;
    if (count > 1 && GOES_TO_LINE.has(command)) {
      // `10G`: line 10. A pane that knows lines goes there at once; any other goes to the top, then down.
      if (this.bus.dispatch(pane, 'cursor.line', count)) return composes ? 'continue' : 'commit';
      this.bus.dispatch(pane, 'cursor.top');
      return this.repeat(pane, 'cursor.down', count - 1, composes);
    }
    const used = this.bus.dispatch(pane, command);
    if (!used && command === 'back') ctx.unusedBack?.();
    // Keys typed for a prompt before it mounted wait in the bus; none from an earlier prompt may linger.
    if (used && OPENS_PROMPT.has(command)) this.bus.clearPrompt();
    if (used && count > 1 && REPEATS.has(command)) return this.repeat(pane, command, count - 1, composes);
    return composes ? 'continue' : 'commit';
  }

  /** The rest of a count: at once where the pane composes its motions, else one step per commit. */
  private repeat(pane: string, command: Command, times: number, composes: boolean): After {
    if (composes) {
      for (let i = 0; i < times; i++) this.bus.dispatch(pane, command);
      return 'continue';
    }
    if (times > 0) this.steps = { pane, command, left: times };
    return 'commit';
  }

  private toPrompt(token: InputToken, ctx: RouteContext): After {
    // Text edits live in the prompt's own ref: a run of them needs no commit between.
    if (token.kind === 'paste') {
      this.bus.sendPrompt({ type: 'paste', text: token.text });
      return 'continue';
    }
    switch (token.name) {
      case 'Esc':
        this.bus.clearPrompt();
        this.bus.dispatch(ctx.pane, 'back');
        return 'commit';
      case 'Enter':
        this.bus.sendPrompt({ type: 'submit' });
        return 'commit';
      case 'Backspace':
      case 'Delete':
        this.bus.sendPrompt({ type: 'backspace' });
        return 'continue';
      case 'Ctrl-u':
        this.bus.sendPrompt({ type: 'clear' });
        return 'continue';
      case 'Ctrl-w':
        this.bus.sendPrompt({ type: 'deleteWord' });
        return 'continue';
      default:
        if (token.text) this.bus.sendPrompt({ type: 'text', text: token.text });
        return 'continue';
    }
  }
}
