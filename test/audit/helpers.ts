// Audit test helpers: files in a temp dir, and reading them back whole.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectAudit, type ReadOptions } from '../../src/audit/index.js';

export function put(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export async function readAll(paths: string | string[], opts: ReadOptions = {}) {
  return collectAudit(Array.isArray(paths) ? paths : [paths], opts);
}
