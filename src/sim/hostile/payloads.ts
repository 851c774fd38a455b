import { TERMINAL_ATTACK_CORPUS, type PayloadPart } from '../output/terminal-attack-corpus.js';

// The terminal-attack corpus (security.md §1.4) as strings the hostile simulator appends to the
// display fields it serves. A row's raw bytes (H1, K1: invalid UTF-8 no JS string can hold) are
// carried inside the string between two noncharacters and written raw by wireBytes().

/** Opens / closes a run of raw bytes (hex) inside a hostile string. Noncharacters: no real data has them. */
const BYTES_OPEN = '\ufdd0';
const BYTES_CLOSE = '\ufdd1';
const BYTE_RUN = /\ufdd0([0-9a-f]*)\ufdd1/g;

export interface HostilePayload {
  /** Corpus row id (A1 … X1). */
  row: string;
  variant: number;
  /** The payload, raw bytes as a BYTES_OPEN hex BYTES_CLOSE run. */
  text: string;
}

function partText(part: PayloadPart): string {
  return typeof part === 'string' ? part : `${BYTES_OPEN}${Buffer.from(part).toString('hex')}${BYTES_CLOSE}`;
}

/** Longer variants (B4's 200 KB SGR) would be repeated in thousands of fields: they are served once, on purpose. */
const MAX_CYCLED_LENGTH = 16 * 1024;

const ALL: HostilePayload[] = TERMINAL_ATTACK_CORPUS.flatMap((row) =>
  row.variants.map((parts, variant) => ({ row: row.id, variant, text: parts.map(partText).join('') })),
);

/** Every variant of every row, in corpus order, except the oversized ones: what display fields cycle through. */
export const CYCLED_PAYLOADS: readonly HostilePayload[] = ALL.filter((p) => p.text.length <= MAX_CYCLED_LENGTH);

/** Variants too big to cycle (B4's SGR parser DoS), each served in exactly one field. */
export const OVERSIZED_PAYLOADS: readonly HostilePayload[] = ALL.filter((p) => p.text.length > MAX_CYCLED_LENGTH);

function payload(row: string, variant = 0): HostilePayload {
  const p = ALL.find((x) => x.row === row && x.variant === variant);
  if (!p) throw new Error(`no corpus row ${row} variant ${variant}`);
  return p;
}

/** E1 (OSC 0: set the window title) and E2 (OSC 52: write the clipboard): what a title-like name carries. */
export const TITLE_PAYLOAD = payload('E1');
export const CLIPBOARD_PAYLOAD = payload('E2');

/** True when `text` holds a lone UTF-16 surrogate (encodeURIComponent throws on it). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

export function hasRawBytes(text: string): boolean {
  return text.includes(BYTES_OPEN);
}

/** The bytes to serve for a body: UTF-8, except raw byte runs, which are written as the bytes themselves. */
export function wireBytes(body: string): Buffer {
  if (!body.includes(BYTES_OPEN)) return Buffer.from(body, 'utf8');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of body.matchAll(BYTE_RUN)) {
    parts.push(Buffer.from(body.slice(last, m.index), 'utf8'), Buffer.from(m[1] ?? '', 'hex'));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(body.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/** What a client reads back from a hostile string served in JSON: raw byte runs decoded as UTF-8 (invalid → U+FFFD). */
export function asReceived(text: string): string {
  return text.replace(BYTE_RUN, (_, hex: string) => new TextDecoder().decode(Buffer.from(hex, 'hex')));
}
