/**
 * JSON laid out the way CircleCI's Clojure/Jackson stack pretty-prints it:
 * `"key" : value`, two-space indent, `[ {` … `}, {` … `} ]` for arrays of objects.
 * Clients must not depend on whitespace, and this keeps them honest.
 */
export function prettyJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => prettyJson(v === undefined ? null : v, indent)).join(', ')} ]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
