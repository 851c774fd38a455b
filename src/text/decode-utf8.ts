// Bytes to text for display: invalid UTF-8 becomes U+FFFD (never an exception, never a raw byte).

const decoder = new TextDecoder('utf-8');

/** Decodes UTF-8 with replacement; a leading UTF-8 BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Decodes UTF-8 that arrives in chunks: a character split across chunks is decoded once it is complete. */
export class Utf8ChunkDecoder {
  readonly #decoder = new TextDecoder('utf-8');

  push(bytes: Uint8Array): string {
    return this.#decoder.decode(bytes, { stream: true });
  }

  /** Flushes a truncated trailing sequence as U+FFFD. */
  end(): string {
    return this.#decoder.decode();
  }
}
