// Terminal-safe text: sanitizing untrusted strings for display, stripping for search, measuring width.

export { TerminalSanitizer, sanitize, sanitizeLines, stripAnsi, visibleWidth, decodeUtf8, Utf8ChunkDecoder } from './sanitize.js';
export type { SanitizeOptions } from './sanitize.js';
