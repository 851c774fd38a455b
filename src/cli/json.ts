// JSON for scripts. JSON.stringify leaves C1 controls, bidi overrides, zero-width and line
// separators raw; escaping them keeps the JSON identical in meaning and safe in a terminal.

const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

export function safeJson(value: unknown, pretty = true): string {
  const s = JSON.stringify(value, null, pretty ? 2 : 0) ?? 'null';
  return s.replace(UNSAFE, (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}
