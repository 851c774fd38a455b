// JSON for scripts, evidence and the cache. Two hazards in untrusted data:
// - JSON.stringify leaves C1 controls, bidi overrides, zero-width and line separators raw;
//   escaping them keeps the JSON identical in meaning and safe in a terminal.
// - JSON.stringify recurses: a value nested 100,000 levels deep (JSON.parse copes with it)
//   throws "Maximum call stack size exceeded". capDepth cuts such values without recursing.

const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

/** The most levels of nested arrays/objects kept; deeper containers become a visible marker. */
export const MAX_JSON_DEPTH = 64;

export function depthMarker(max: number): string {
  return `[nested deeper than ${max} levels: not shown]`;
}

export function safeJson(value: unknown, pretty = true): string {
  const s = JSON.stringify(capDepth(value), null, pretty ? 2 : 0) ?? 'null';
  return s.replace(UNSAFE, (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}

// Containers JSON.stringify descends into. A value with toJSON (Date, Buffer) is left whole.
function isContainer(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  return Array.isArray(v) || typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function children(v: object): unknown[] {
  return Array.isArray(v) ? v : Object.keys(v).map((k) => (v as Record<string, unknown>)[k]);
}

/** True when `value` holds a container nested more than `max` levels deep. Iterative. */
export function deeperThan(value: unknown, max: number): boolean {
  if (!isContainer(value)) return false;
  const stack: Array<[object, number]> = [[value, 1]];
  // Each object is walked again only when reached at a shallower level (bounds shared subtrees).
  const seenAt = new Map<object, number>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    const prior = seenAt.get(node);
    if (prior !== undefined && prior <= depth) continue;
    seenAt.set(node, depth);
    for (const child of children(node)) {
      if (isContainer(child)) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function setOwn(target: object, key: string | number, v: unknown): void {
  // defineProperty, not assignment: a "__proto__" key from JSON.parse must stay a plain key.
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * `value` with every array/object nested more than `max` levels deep replaced by a marker
 * string, walking iteratively so untrusted depth cannot overflow the stack. Returns `value`
 * itself when nothing is that deep; otherwise a copy of plain arrays and objects.
 */
export function capDepth<T>(value: T, max = MAX_JSON_DEPTH): T {
  if (!deeperThan(value, max)) return value;
  const marker = depthMarker(max);
  const copyOf = (src: object): object => (Array.isArray(src) ? new Array<unknown>(src.length) : {});
  const root = copyOf(value as object);
  const stack: Array<[object, object, number]> = [[value as object, root, 1]];
  while (stack.length > 0) {
    const [src, dst, depth] = stack.pop()!;
    const keys: Array<string | number> = Array.isArray(src) ? src.map((_, i) => i) : Object.keys(src);
    for (const key of keys) {
      const child = (src as Record<string | number, unknown>)[key];
      if (!isContainer(child)) {
        setOwn(dst, key, child);
      } else if (depth + 1 > max) {
        setOwn(dst, key, marker);
      } else {
        const copy = copyOf(child);
        setOwn(dst, key, copy);
        stack.push([child, copy, depth + 1]);
      }
    }
  }
  return root as T;
}
