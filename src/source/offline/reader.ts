// Reads metadata and output files of one evidence folder, turning every bad file into a warning
// instead of an exception: a malformed file is treated as missing.
import { relative, sep } from 'node:path';
import { isObj } from '../../api/coerce.js';
import { decodeEvidence, EvidenceReadError, readEvidenceBytes } from './safe-read.js';
import type { OfflineLimits } from './limits.js';

export class EvidenceReader {
  constructor(readonly root: string, readonly limits: OfflineLimits, readonly warnings: string[]) {}

  /** How messages name a file: its path inside DIR, with forward slashes. */
  label(path: string): string {
    return relative(this.root, path).split(sep).join('/') || '.';
  }

  /** Parsed JSON, or undefined (with a warning) when the file is missing, unreadable or malformed. */
  async json(path: string): Promise<unknown> {
    const label = this.label(path);
    let text: string;
    try {
      text = decodeEvidence(await readEvidenceBytes(this.root, path, label, this.limits.maxJsonBytes), label);
    } catch (e) {
      this.warnings.push(e instanceof EvidenceReadError ? `${e.message}; treated as missing` : `${label}: cannot read; treated as missing`);
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The parser's message quotes the file; the file is untrusted, so it is not repeated here.
      this.warnings.push(`${label}: not valid JSON; treated as missing`);
      return undefined;
    }
  }

  /** Like json(), for files that must hold one JSON object: anything else is treated as missing. */
  async object(path: string): Promise<Record<string, unknown> | undefined> {
    const v = await this.json(path);
    if (v === undefined || isObj(v)) return v;
    this.warnings.push(`${this.label(path)}: not a JSON object; treated as missing`);
    return undefined;
  }

  /** Raw bytes of a step output file; throws a one-line EvidenceReadError. */
  output(path: string): Promise<Buffer> {
    return readEvidenceBytes(this.root, path, this.label(path), this.limits.maxOutputBytes);
  }
}

/** Run `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
