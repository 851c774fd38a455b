// What left the machine, kept beside the evidence: one JSON line per send in `rca-sends.jsonl` (append-only,
// 0600, never through a symlink). The payload itself is not kept, only its sha256: the record must not become a
// second copy of the log.
import { constants } from 'node:fs';
import { access, lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { EvidenceDir } from '../evidence/fs.js';
import { FailError } from '../util/errors.js';

export const SEND_RECORD_NAME = 'rca-sends.jsonl';

export interface SendRecord {
  /** UTC, ISO-8601. */
  time: string;
  destination: string;
  project_slug: string;
  job_number: number;
  /** Bytes of the JSON body sent. */
  bytes: number;
  sha256: string;
  redactions: number;
  log_bytes: number;
  truncated: boolean;
  /** HTTP status of the final answer; null when no answer came. */
  http_status: number | null;
  outcome: 'delivered' | 'rejected' | 'no-answer';
  tool: string;
}

const FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/**
 * Checked before anything is sent: a send that cannot be recorded does not happen. Creates the folder (0700) when
 * missing, refuses a symlinked folder or record file, and a folder this user cannot write. Creates no file.
 */
export async function checkRecordable(dir: string): Promise<void> {
  let root: EvidenceDir;
  try {
    root = await EvidenceDir.open(dir);
  } catch (e) {
    throw new FailError(`cannot record sends in ${dir}: ${(e as Error).message}; nothing was sent`);
  }
  const path = join(root.root, SEND_RECORD_NAME);
  const st = await lstat(path).catch(() => null);
  if (st && !st.isFile()) throw new FailError(`${SEND_RECORD_NAME} in ${dir} is ${st.isSymbolicLink() ? 'a symlink' : 'not a regular file'}; refusing to send what could not be recorded`);
  try {
    await access(st ? path : root.root, constants.W_OK);
  } catch {
    throw new FailError(`cannot write ${SEND_RECORD_NAME} in ${dir} (permission denied); nothing was sent`);
  }
}

/** Appends one record; creates the folder (0700) and the file (0600) when missing. Returns the file's path. */
export async function appendSendRecord(dir: string, rec: SendRecord): Promise<string> {
  const root = await EvidenceDir.open(dir);
  const path = join(root.root, SEND_RECORD_NAME);
  let fh;
  try {
    fh = await open(path, FLAGS, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ELOOP' ? `${SEND_RECORD_NAME} in ${dir} is a symlink; refusing to write through it` : `cannot write ${SEND_RECORD_NAME} in ${dir} (${code ?? 'error'})`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${SEND_RECORD_NAME} in ${dir} is not a regular file`);
    if ((st.mode & 0o777) !== 0o600) await fh.chmod(0o600);
    await fh.write(`${JSON.stringify(rec)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return path;
}
