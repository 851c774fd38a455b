// The forms a pasted secret takes in CI output (security.md §3): as typed, base64 at each of the three byte
// alignments it can have inside a longer blob (Jenkins' Base64SecretPatternFactory), URL-safe base64, hex,
// percent-encoding, JSON escapes, upper and lower case (`tr a-z A-Z`), reversed and space-separated. Built in memory only; never written anywhere.

export type Encoding =
  | 'raw'
  | 'upper'
  | 'lower'
  | 'base64'
  | 'base64url'
  | 'hex'
  | 'hex-upper'
  | 'percent'
  | 'percent-lower'
  | 'json'
  | 'json-slash'
  | 'json-unicode'
  | 'reversed'
  | 'spaced';

export interface Needle {
  /** What is looked for (ASCII except for `raw`, `reversed`, `spaced` and `json` of a non-ASCII secret). */
  readonly text: string;
  readonly bytes: Buffer;
  readonly encoding: Encoding;
  /** base64: how many bytes came before the secret in the encoded blob (0, 1 or 2). */
  readonly alignment?: 0 | 1 | 2;
}

export interface NeedlePlan {
  readonly needles: readonly Needle[];
  /** Encodings that were not searched, and why (too short to search without false hits). */
  readonly skipped: readonly { encoding: Encoding; reason: string }[];
}

/** Why CircleCI would not mask this value (and why we refuse to search it blindly), or null when it is maskable. */
export function unmaskableReason(value: string): string | null {
  if ([...value].length < 4) return 'values shorter than 4 characters are never masked by CircleCI and match too much to search';
  if (/^(?:true|True|false|False)$/.test(value)) return 'true/false are never masked by CircleCI';
  return null;
}

/** Encoded forms shorter than this match by chance in large base64 or hex blobs; they are not searched. */
export const MIN_ENCODED_LENGTH = 6;

export interface PlanOptions {
  /** Only the value as typed (no encodings). */
  literalOnly?: boolean;
}

export function planNeedles(value: string, opts: PlanOptions = {}): NeedlePlan {
  const raw = Buffer.from(value, 'utf8');
  const out: Needle[] = [];
  const skipped: { encoding: Encoding; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (text: string, encoding: Encoding, alignment?: 0 | 1 | 2): void => {
    if (seen.has(text)) return;
    if (encoding !== 'raw' && text.length < MIN_ENCODED_LENGTH) {
      if (!skipped.some((s) => s.encoding === encoding)) skipped.push({ encoding, reason: `its ${encoding} form is under ${MIN_ENCODED_LENGTH} characters` });
      return;
    }
    seen.add(text);
    out.push({ text, bytes: Buffer.from(text, 'utf8'), encoding, ...(alignment === undefined ? {} : { alignment }) });
  };
  add(value, 'raw');
  if (opts.literalOnly) return { needles: out, skipped };
  // Only when they differ from the value (an all-capitals key id has no upper form of its own).
  add(value.toUpperCase(), 'upper');
  add(value.toLowerCase(), 'lower');

  for (const k of [0, 1, 2] as const) {
    const frag = base64Fragment(raw, k);
    add(frag, 'base64', k);
    add(frag.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url', k);
  }
  const hex = raw.toString('hex');
  add(hex, 'hex');
  add(hex.toUpperCase(), 'hex-upper');
  const pct = encodeURIComponent(value);
  add(pct, 'percent');
  add(pct.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), 'percent-lower');
  const json = JSON.stringify(value).slice(1, -1);
  add(json, 'json');
  add(json.replace(/\//g, '\\/'), 'json-slash');
  add(jsonAsciiEscape(value), 'json-unicode');
  const chars = [...value];
  if (chars.length >= 8) {
    add(chars.slice().reverse().join(''), 'reversed');
    add(chars.join(' '), 'spaced');
  }
  return { needles: out, skipped };
}

/**
 * The base64 characters that depend only on the secret's bytes when `k` bytes precede it (k = 0, 1, 2): drop the
 * first ceil(8k/6) characters (they mix in the preceding bytes) and stop before the last character that would mix in
 * the following bytes or padding. A match of this fragment is a match inside any blob, padded or not.
 */
export function base64Fragment(bytes: Uint8Array, k: 0 | 1 | 2): string {
  const shifted = Buffer.concat([Buffer.alloc(k, 0x61), bytes]);
  const encoded = shifted.toString('base64');
  return encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
}

/** JSON with every non-alphanumeric character as `\uXXXX` (Go escapes `<>&`, Python escapes non-ASCII). */
function jsonAsciiEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value[i] ?? '';
    out += /[A-Za-z0-9_.-]/.test(ch) ? ch : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** A human name for a needle's encoding, e.g. `base64 (offset 1)`. */
export function describeEncoding(n: { encoding: Encoding; alignment?: 0 | 1 | 2 | undefined }): string {
  if ((n.encoding === 'base64' || n.encoding === 'base64url') && n.alignment) return `${n.encoding} (offset ${n.alignment})`;
  return n.encoding;
}
