import { seedOf } from '../ids.js';
import { CLIPBOARD_PAYLOAD, CYCLED_PAYLOADS, hasLoneSurrogate, hasRawBytes, TITLE_PAYLOAD, type HostilePayload } from './payloads.js';

// How a display string becomes hostile: the original text stays first (the data is still readable and
// navigable), a corpus payload follows. Fields take payloads in turn, so every corpus row shows up.

export type PayloadFilter = (p: HostilePayload) => boolean;

/** Payloads a string that also travels in a URL can carry (encodeURIComponent throws on a lone surrogate). */
export const urlSafe: PayloadFilter = (p) => !hasLoneSurrogate(p.text);

export class Hostilizer {
  #cursor: number;

  /** `start` offsets the cycle, so two independent users of one do not line up field for field. */
  constructor(start = 0) {
    this.#cursor = start;
  }

  /** `original` followed by the next corpus payload that `accept` allows. */
  next(original: string, accept: PayloadFilter = () => true): string {
    for (let tries = 0; tries < CYCLED_PAYLOADS.length; tries++) {
      const p = CYCLED_PAYLOADS[this.#cursor++ % CYCLED_PAYLOADS.length]!;
      if (accept(p)) return original + p.text;
    }
    return original;
  }

  /** A name a terminal UI puts in titles and lists: OSC 0 (window title) and OSC 52 (clipboard) first, then the next payload. */
  titled(original: string): string {
    return this.next(original + TITLE_PAYLOAD.text + CLIPBOARD_PAYLOAD.text);
  }
}

// Names that join objects (a job's contexts to the context list and the audit log, env var names, logins) must
// turn out the same wherever they are served: their payload depends on the name only. They never carry a lone
// surrogate or raw bytes, which clients could not compare after decoding.
const STABLE_PAYLOADS = CYCLED_PAYLOADS.filter((p) => !hasLoneSurrogate(p.text) && !hasRawBytes(p.text));

export function stableHostile(kind: string, original: string): string {
  return original + STABLE_PAYLOADS[seedOf(`${kind}:${original}`) % STABLE_PAYLOADS.length]!.text;
}

/** An error message or body: the same message always gets the same payloads, OSC 0 and OSC 52 included. */
export function hostileMessage(message: string): string {
  const p = CYCLED_PAYLOADS[seedOf(`message:${message}`) % CYCLED_PAYLOADS.length]!;
  return message + TITLE_PAYLOAD.text + CLIPBOARD_PAYLOAD.text + p.text;
}
