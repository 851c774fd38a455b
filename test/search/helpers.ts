// Builders for hand-made evidence folders (the seed layout) and fake secrets assembled from fragments, so that
// secret scanners and push protection never flag this test source.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const fake = (...parts: string[]): string => parts.join('');

/** Writes `files` (path → content) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): string {
  for (const [rel, body] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, body);
  }
  return root;
}

/** A step output body as the API returns it: a JSON array of messages. */
export function outputJson(...messages: string[]): string {
  return JSON.stringify(messages.map((message, i) => ({ message, time: `2026-11-20T12:00:0${i % 10}Z`, type: 'out' })));
}

export const WF = '3f1c2e7a-0b4d-4e8a-9c1f-5a6b7c8d9e0f';
