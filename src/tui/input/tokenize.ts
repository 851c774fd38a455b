// Splits what the terminal sends into keys, in order: one read may hold many keys ("jjj", "/abc\r",
// Esc then a letter, a paste). Pure: bytes in, keys out; the router (use-input-router.ts) decides what
// to do with a sequence cut at the end of a read (see `pending`).
//
// Key names are spelled as in keymap.ts: 'j', 'Space', 'Enter', 'Esc', 'Backspace', 'Tab', 'Ctrl-u',
// '↑', 'PgDn', 'Home', 'End', with 'Shift-', 'Alt-', 'Ctrl-' before a modified arrow or paging key.
// ESC followed by anything but `[` or `O` is Esc and then that key: a terminal sends Alt+letter as ESC +
// letter, the same bytes as Esc typed quickly before the letter, and no Alt key is bound.

export type InputToken =
  /** `text`: what the key types into a prompt ('' for keys that type nothing). */
  | { kind: 'key'; name: string; text: string }
  /** Bracketed paste: the pasted text, byte for byte (controls included). */
  | { kind: 'paste'; text: string };

/** What a read left unfinished: a lone ESC, part of a CSI/SS3 sequence, or a paste without its end. */
export type Pending = 'none' | 'escape' | 'sequence' | 'paste';

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const MAX_SEQUENCE = 32;

const ARROWS: Record<string, string> = { A: '↑', B: '↓', C: '→', D: '←', H: 'Home', F: 'End' };
const TILDE: Record<string, string> = { '1': 'Home', '7': 'Home', '4': 'End', '8': 'End', '5': 'PgUp', '6': 'PgDn', '3': 'Delete', '2': 'Insert' };

const key = (name: string, text = ''): InputToken => ({ kind: 'key', name, text });

/** A single character that is not part of an escape sequence. */
function charKey(ch: string): InputToken | null {
  const c = ch.codePointAt(0)!;
  if (ch === '\r' || ch === '\n') return key('Enter');
  if (ch === '\t') return key('Tab');
  if (ch === '\x7f' || ch === '\b') return key('Backspace');
  if (ch === ' ') return key('Space', ' ');
  if (c === 0) return key('Ctrl-Space');
  if (c < 0x1b) return key(`Ctrl-${String.fromCharCode(c + 0x60)}`);
  if (c < 0x20) return key(`Ctrl-${String.fromCharCode(c + 0x40)}`);
  // C1 controls (U+0080–U+009F) are never keys a person typed.
  if (c >= 0x80 && c <= 0x9f) return null;
  return key(ch, ch);
}

/** `1;5` → 'Ctrl-' (xterm modifier parameter: 1 + shift 1, alt 2, ctrl 4). */
function modifierPrefix(param: string | undefined): string {
  const m = Number(param ?? '1') - 1;
  if (!Number.isInteger(m) || m <= 0) return '';
  return `${m & 4 ? 'Ctrl-' : ''}${m & 2 ? 'Alt-' : ''}${m & 1 ? 'Shift-' : ''}`;
}

/** Name of a complete CSI sequence (`params` between `ESC [` and `final`); null for one that is no key. */
function csiName(params: string, final: string): string | null {
  const parts = params.split(';');
  if (final === '~') {
    const base = TILDE[parts[0] ?? ''];
    return base ? modifierPrefix(parts[1]) + base : null;
  }
  if (final === 'Z' && params === '') return 'Shift-Tab';
  const base = ARROWS[final];
  if (!base || !/^[\d;]*$/.test(params)) return null;
  return modifierPrefix(parts.length > 1 ? parts[1] : undefined) + base;
}

type Scan = { done: true; token: InputToken | null; next: number } | { done: false } | { done: 'invalid' };

/** Reads the escape sequence at `i` (input[i] is ESC, input[i+1] is `[` or `O`). */
function scanSequence(input: string, i: number): Scan {
  const intro = input[i + 1];
  if (intro === 'O') {
    const final = input[i + 2];
    if (final === undefined) return { done: false };
    const name = ARROWS[final];
    if (!/[\x40-\x7e]/.test(final)) return { done: 'invalid' };
    return { done: true, token: name ? key(name) : null, next: i + 3 };
  }
  // CSI: parameter bytes 0x30–0x3f, intermediate bytes 0x20–0x2f, one final byte 0x40–0x7e.
  let j = i + 2;
  while (j < input.length) {
    // No key is this long: a flood of parameter bytes is not held for ever.
    if (j - i > MAX_SEQUENCE) return { done: 'invalid' };
    const c = input.charCodeAt(j);
    if (c >= 0x20 && c <= 0x3f) {
      j++;
      continue;
    }
    if (c >= 0x40 && c <= 0x7e) {
      const name = csiName(input.slice(i + 2, j), input[j]!);
      return { done: true, token: name ? key(name) : null, next: j + 1 };
    }
    return { done: 'invalid' };
  }
  return { done: false };
}

export class KeyTokenizer {
  private buffer = '';
  private inPaste = false;

  /** What the last push left unfinished. */
  get pending(): Pending {
    if (this.inPaste) return 'paste';
    if (this.buffer === '') return 'none';
    return this.buffer === ESC ? 'escape' : 'sequence';
  }

  /** The keys in `chunk` (after what an earlier chunk left unfinished); an unfinished tail is kept. */
  push(chunk: string): InputToken[] {
    this.buffer += chunk;
    const out: InputToken[] = [];
    let i = 0;
    const input = this.buffer;
    while (i < input.length) {
      if (this.inPaste) {
        const end = input.indexOf(PASTE_END, i);
        if (end === -1) break; // the rest of the paste comes in a later read
        out.push({ kind: 'paste', text: input.slice(i, end) });
        this.inPaste = false;
        i = end + PASTE_END.length;
        continue;
      }
      const ch = String.fromCodePoint(input.codePointAt(i)!);
      if (ch !== ESC) {
        const t = charKey(ch);
        if (t) out.push(t);
        i += ch.length;
        continue;
      }
      const intro = input[i + 1];
      if (intro === undefined) break; // a lone ESC: Esc, unless the next read continues a sequence
      if (intro !== '[' && intro !== 'O') {
        out.push(key('Esc'));
        i += 1;
        continue;
      }
      if (input.startsWith(PASTE_START, i)) {
        this.inPaste = true;
        i += PASTE_START.length;
        continue;
      }
      const scan = scanSequence(input, i);
      if (scan.done === false) break;
      if (scan.done === 'invalid') {
        // Not a sequence after all: Esc, then the bytes after it as typed.
        out.push(key('Esc'));
        i += 1;
        continue;
      }
      if (scan.token) out.push(scan.token);
      i = scan.next;
    }
    this.buffer = input.slice(i);
    return out;
  }

  /**
   * Nothing more came: what was held becomes keys. A lone ESC is Esc; a cut sequence is Esc and then
   * its bytes as typed; a paste that never ended is delivered as it is.
   */
  flush(): InputToken[] {
    if (this.inPaste) {
      this.inPaste = false;
      const text = this.buffer;
      this.buffer = '';
      return text ? [{ kind: 'paste', text }] : [];
    }
    if (!this.buffer.startsWith(ESC)) return [];
    const rest = this.buffer.slice(1);
    this.buffer = '';
    return [key('Esc'), ...this.push(rest)];
  }
}
