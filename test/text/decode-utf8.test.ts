// decodeUtf8 / Utf8ChunkDecoder: invalid bytes become U+FFFD, never an exception.
import { describe, expect, it } from 'vitest';
import { Utf8ChunkDecoder, decodeUtf8 } from '../../src/text/sanitize.js';

describe('decodeUtf8', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeUtf8(Buffer.from('héllo 漢 🚀', 'utf8'))).toBe('héllo 漢 🚀');
  });

  it('replaces invalid bytes (K1, H1)', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toBe('a\ufffd\ufffdb');
    expect(decodeUtf8(new Uint8Array([0xc0, 0xaf]))).toBe('\ufffd\ufffd');
    expect(decodeUtf8(new Uint8Array([0xe2, 0x80]))).toBe('\ufffd');
    expect(decodeUtf8(new Uint8Array([0x9b, 0x33, 0x31, 0x6d]))).toBe('\ufffd31m');
  });

  it('decodes C1 encoded in UTF-8 to the C1 code point, for the sanitizer to show (H2)', () => {
    expect(decodeUtf8(new Uint8Array([0xc2, 0x9b]))).toBe('\u009b');
  });
});

describe('Utf8ChunkDecoder', () => {
  it('keeps a character split across byte chunks whole', () => {
    const decoder = new Utf8ChunkDecoder();
    const bytes = Buffer.from('a🚀b', 'utf8');
    expect(decoder.push(bytes.subarray(0, 3)) + decoder.push(bytes.subarray(3)) + decoder.end()).toBe('a🚀b');
  });

  it('flushes a truncated tail as U+FFFD', () => {
    const decoder = new Utf8ChunkDecoder();
    expect(decoder.push(new Uint8Array([0x61, 0xe2, 0x80])) + decoder.end()).toBe('a\ufffd');
  });
});
