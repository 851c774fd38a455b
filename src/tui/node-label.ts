// A parallel node is named one way everywhere in the TUI (log status, breadcrumb, search hits): by its CircleCI
// index, the number `--node`, CIRCLE_NODE_INDEX and the evidence files (`step-104-node-2.txt`) use, never 1-based.
// "node index 2 of 4" is the third of four nodes.

/** `node index 2 of 4`; `node index 2` when the count is not known. */
export function nodeLabel(index: number, count?: number): string {
  return count === undefined ? `node index ${index}` : `node index ${index} of ${count}`;
}
