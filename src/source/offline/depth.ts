// Whether a parsed JSON value nests deeper than `max`, checked without recursion. Raw values kept
// from evidence (a pipeline's trigger_parameters) are copied for every pane; a hostile file nested a
// million deep would overflow the stack there, so such a value is dropped when the folder is opened.

export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
