import { describe, expect, it } from 'vitest';
import { safeJson as cliSafeJson } from '../../src/cli/json.js';
import { capDepth, depthMarker, safeJson } from '../../src/text/safe-json.js';

// Built by JSON.parse, as untrusted API data is: V8's parser copes with any depth.
function parsedNest(levels: number): unknown {
  return JSON.parse(`{"trigger_parameters":${'['.repeat(levels)}"core"${']'.repeat(levels)}}`);
}

describe('safeJson', () => {
  it('prints normal data exactly as JSON.stringify does, with terminal-unsafe characters escaped', () => {
    const value = { a: [1, 'x', null, { b: true }], d: new Date(0), u: undefined, s: 'bidi\u202e zw\u200b c1\u009b ls\u2028 tag\udb40\udc41' };
    const plain = JSON.stringify(value, null, 2);
    const out = safeJson(value);
    expect(out).toContain('"bidi\\u202e zw\\u200b c1\\u009b ls\\u2028 tag\\udb40\\udc41"');
    expect(JSON.parse(out)).toEqual(JSON.parse(plain));
    expect(out.replace(/\\u([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))).toBe(plain);
    expect(safeJson(value, false)).toBe(safeJson(value, false).replace(/\n/g, ''));
    expect(cliSafeJson).toBe(safeJson);
  });

  it('prints a value nested 100,000 levels deep with a visible marker instead of overflowing the stack', () => {
    const deep = parsedNest(100_000);
    expect(() => JSON.stringify(deep)).toThrow(/call stack/);
    const out = safeJson(deep, false);
    expect(out).toContain(JSON.stringify(depthMarker(64)));
    expect(out).toBe(`{"trigger_parameters":${'['.repeat(63)}"${depthMarker(64)}"${']'.repeat(63)}}`);
  });
});

describe('capDepth', () => {
  it('returns shallow values themselves, untouched', () => {
    const v = parsedNest(10);
    expect(capDepth(v)).toBe(v);
  });

  it('keeps exactly max levels and keeps a "__proto__" key a plain key', () => {
    const v = JSON.parse('{"__proto__":{"x":[[1]]},"y":{"z":1}}');
    const capped = capDepth(v, 2) as Record<string, unknown>;
    expect(Object.getPrototypeOf(capped)).toBe(Object.prototype);
    expect(JSON.stringify(capped)).toBe(`{"__proto__":{"x":"${depthMarker(2)}"},"y":{"z":1}}`);
    expect(capDepth(v, 4)).toBe(v);
  });
});
