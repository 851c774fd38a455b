import { between, seededRandom } from '../ids.js';
import { iso } from '../time.js';

/** One element of a presigned step-output body: `[{"message","time","type"}, …]`. */
export interface OutputMessage {
  message: string;
  time: string;
  type: 'out' | 'err';
  /**
   * Exact bytes to place between the quotes of `"message"` instead of JSON-escaping
   * `message`. Used to serve invalid UTF-8 (raw 0x9b, 0xff …), which no JS string can hold.
   */
  rawMessage?: Buffer;
}

export interface LogLine {
  text: string;
  type?: 'out' | 'err';
}

export const out = (text: string): LogLine => ({ text, type: 'out' });
export const err = (text: string): LogLine => ({ text, type: 'err' });

export interface ChunkOptions {
  startMs: number;
  endMs: number;
  seed: number;
  /** Lines per message; defaults to 1–8 for short logs and 50–200 for long ones. */
  minLines?: number;
  maxLines?: number;
}

/**
 * Groups lines into messages the way CircleCI's output stream does: consecutive lines of
 * the same stream share a message, every line ends with "\r\n", times rise monotonically.
 */
export function linesToMessages(lines: readonly LogLine[], opts: ChunkOptions): OutputMessage[] {
  const rng = seededRandom(opts.seed);
  const long = lines.length > 400;
  const min = opts.minLines ?? (long ? 50 : 1);
  const max = opts.maxLines ?? (long ? 200 : 8);
  const messages: OutputMessage[] = [];
  const span = Math.max(0, opts.endMs - opts.startMs);
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (!first) break;
    const type = first.type ?? 'out';
    const size = between(rng(), min, max);
    const texts: string[] = [];
    while (i < lines.length && texts.length < size) {
      const line = lines[i];
      if (!line || (line.type ?? 'out') !== type) break;
      texts.push(line.text, '\r\n');
      i++;
    }
    const at = opts.startMs + Math.floor((span * i) / lines.length);
    messages.push({ message: texts.join(''), time: iso(at), type });
  }
  return messages;
}

/** Bytes of a JSON string body (without quotes) mixing escaped text and raw bytes. */
export function rawJsonString(parts: ReadonlyArray<string | Uint8Array>): Buffer {
  return Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(JSON.stringify(p).slice(1, -1), 'utf8') : Buffer.from(p))),
  );
}

/** Serializes an output body exactly as the storage server sends it (compact JSON array). */
export function serializeOutput(messages: readonly OutputMessage[]): Buffer {
  if (!messages.some((m) => m.rawMessage)) {
    return Buffer.from(JSON.stringify(messages.map(({ message, time, type }) => ({ message, time, type }))), 'utf8');
  }
  const parts: Buffer[] = [Buffer.from('[')];
  messages.forEach((m, i) => {
    const body = m.rawMessage
      ? Buffer.concat([Buffer.from('"'), m.rawMessage, Buffer.from('"')])
      : Buffer.from(JSON.stringify(m.message), 'utf8');
    parts.push(
      Buffer.from(`${i > 0 ? ',' : ''}{"message":`),
      body,
      Buffer.from(`,"time":${JSON.stringify(m.time)},"type":${JSON.stringify(m.type)}}`),
    );
  });
  parts.push(Buffer.from(']'));
  return Buffer.concat(parts);
}
