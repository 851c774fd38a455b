// Fuzzy filter for list panes (fuse.js). Lists are at most a few thousand rows, so Fuse is fine
// here; log search uses its own literal scan.
import Fuse from 'fuse.js';

export function fuzzyFilter<T>(items: T[], text: (item: T) => string, query: string): T[] {
  const q = query.trim();
  if (!q) return items;
  const fuse = new Fuse(items.map((item) => ({ item, s: text(item) })), { keys: ['s'], ignoreLocation: true, threshold: 0.35 });
  return fuse.search(q).map((r) => r.item.item);
}
