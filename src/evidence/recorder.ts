// The folder record: manifest.json read back (or begun) with this run's entry, and the record kept
// while the download runs. Every file goes through put() (atomic write, then a manifest entry);
// have() says what is already there; manifest.json and SHA256SUMS are checkpointed on a timer, on
// demand and at the end, each time with the counts so far, so even a killed run leaves a true
// record. Responses that could not be used are listed in the manifest's `unparsed`, their bodies
// kept raw. Once closed (a stopped run writing its last record) it writes nothing more: a task
// still waiting on the network when the run stopped cannot add a file the record does not list.
import { safeJson } from '../text/safe-json.js';
import type { DownloadFailure, DownloadOptions, DownloadResult } from './download-types.js';
import { EvidenceFsError, type EvidenceDir } from './fs.js';
import {
  machine, MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION, ManifestState, MAX_UNPARSED, parseManifest, sha256, sha256sums, SUMS_NAME,
  type FileRecord, type Manifest, type MissingItem, type QueryRecord, type RunRecord, type SetAside, type UnparsedRecord,
} from './manifest.js';
import type { ProgressMeter } from './progress.js';
import { quote } from './safe-name.js';
import { keepAside, setAsideTampered } from './tamper.js';

export type FileMeta = Omit<FileRecord, 'path' | 'size' | 'sha256'>;

/** A write refused because the run has stopped and recorded itself. */
export class RecorderClosedError extends Error {
  constructor(rel: string) {
    super(`not written: the download had stopped (${rel})`);
    this.name = 'RecorderClosedError';
  }
}

const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/** What opening the record needs to know about the run. */
export interface RecordStart {
  options: Pick<DownloadOptions, 'tool' | 'sameHost' | 'checkpointMs'>;
  host: string;
  query: QueryRecord;
  startedAt: Date;
  /** Who CircleCI says we are (null: stopped before it said). */
  me: { login: string; id: string } | null;
  /** Notes on what was read back (entries of a tampered manifest dropped). */
  notes: string[];
  meter: ProgressMeter;
}

/** An endpoint without its query: all pages of one list share it. */
const subject = (endpoint: string): string => endpoint.split('?', 1)[0]!;

export class Recorder {
  readonly counts = { jobsComplete: 0, alreadyComplete: 0, outputs: 0, outputsThere: 0, artifacts: 0, artifactsThere: 0, written: 0, unchanged: 0, replaced: 0, bytes: 0 };
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** What earlier runs could not parse; an entry goes once this run parses its endpoint (or fails on it again). */
  private readonly earlier: UnparsedRecord[];
  private readonly unparsedNow = new Map<string, UnparsedRecord>();
  private readonly usedNow = new Set<string>();
  /** Files kept aside this run: changed since recorded, or unrecorded and in the way of a write (tamper.ts). */
  readonly setAside: SetAside[] = [];
  /** Paths whose changed file could not be moved aside: never overwritten. */
  private readonly stuck = new Set<string>();
  private closed = false;
  /** put() calls under way: close() waits for them, so each ends up in the last record. */
  private readonly writing = new Set<Promise<unknown>>();

  /**
   * The folder's record with this run begun in it: manifest.json read back (refused when it is not a
   * circle-sleuth manifest, or names another CircleCI host), or a fresh one.
   */
  static async open(dir: EvidenceDir, start: RecordStart): Promise<Recorder> {
    const state = new ManifestState(await loadManifest(dir, start));
    const run: RunRecord = {
      started_at: start.startedAt.toISOString(),
      finished_at: null,
      query: start.query,
      me: start.me,
      outcome: 'running',
      files_written: 0,
      files_unchanged: 0,
      files_replaced: 0,
      bytes_written: 0,
      failures: [],
      unparsed: 0,
    };
    state.manifest.runs.push(run);
    state.manifest.query = run.query;
    if (start.me) state.manifest.circleci.me = start.me;
    return new Recorder(dir, state, run, start.meter, start.options.checkpointMs ?? 1000);
  }

  constructor(
    private readonly dir: EvidenceDir,
    readonly state: ManifestState,
    readonly run: RunRecord,
    private readonly meter: ProgressMeter,
    private readonly checkpointMs: number,
  ) {
    this.earlier = state.manifest.unparsed ?? [];
  }

  /** Writes `data` at `rel` unless the folder already holds exactly it; records it either way. */
  async put(rel: string, data: Buffer, meta: FileMeta): Promise<'written' | 'unchanged' | 'replaced'> {
    if (this.closed) throw new RecorderClosedError(rel);
    const write = this.putNow(rel, data, meta);
    this.writing.add(write);
    try {
      return await write;
    } finally {
      this.writing.delete(write);
    }
  }

  /**
   * No more writes: waits for the ones under way (local disk only, never the network) and for a
   * checkpoint in progress. The caller then writes the last checkpoint.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelSave();
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
    await this.saving;
  }

  /**
   * The run's last record (after close(), once what it says is known): the run's outcome and
   * failures in its entry, the notes merged into the manifest's, and a last checkpoint.
   */
  async finish(end: { outcome: DownloadResult['outcome']; finishedAt: string; failures: DownloadFailure[]; missing: MissingItem[]; notes: string[] }): Promise<void> {
    Object.assign(this.run, {
      finished_at: end.finishedAt,
      outcome: end.outcome,
      failures: end.failures.slice(0, 1000).map(({ what, error }) => ({ what, error })),
      missing: end.missing.slice(0, 1000),
    });
    const manifest = this.state.manifest;
    manifest.finished_at = end.finishedAt;
    manifest.complete = end.outcome === 'complete';
    manifest.notes = [...new Set([...manifest.notes, ...end.notes])].slice(-1000);
    await this.checkpoint();
  }

  /**
   * Every recorded file read and compared with its sha256 (call before anything is written); one
   * that differs is kept aside, and the job it belongs to is no longer complete, so it is fetched again.
   */
  async checkRecorded(signal?: AbortSignal): Promise<void> {
    for (const aside of await setAsideTampered(this.dir, [...this.state.files.values()], () => new Date(), signal)) this.noteAside(aside);
  }

  private noteAside(aside: SetAside): void {
    this.setAside.push(aside);
    if (!aside.kept_as) this.stuck.add(aside.path);
    const [, workflowId, jobNumber] = /^([^/]+)\/job-(\d+)\//.exec(aside.path) ?? [];
    const job = jobNumber !== undefined ? this.state.manifest.jobs[jobNumber] : undefined;
    if (job && job.workflow_id === workflowId) Object.assign(job, { complete: false, completed_at: null });
    this.saveSoon();
  }

  private async putNow(rel: string, data: Buffer, meta: FileMeta): Promise<'written' | 'unchanged' | 'replaced'> {
    if (this.stuck.has(rel)) throw new EvidenceFsError(`${rel} changed since it was recorded and could not be kept aside; not overwritten`);
    const digest = sha256(data);
    const prev = this.state.files.get(rel);
    // A folder made by this run holds nothing it did not write, so a new name there needs no lstat.
    const onDisk = !prev && this.dir.inNewFolder(rel) ? null : await this.dir.statFile(rel);
    // Recorded files on disk were checked against their sha256 when the run began (checkRecorded).
    if (prev && prev.sha256 === digest && onDisk && onDisk.size === data.length) {
      this.counts.unchanged++;
      return 'unchanged';
    }
    let aside: SetAside | null = null;
    if (!prev && onDisk) {
      // A file no record names (a killed run's last write, or something planted): kept unless it holds these very bytes.
      const found = await this.dir.digest(rel);
      if (found && !('sha256' in found && found.sha256 === digest)) {
        aside = await keepAside(this.dir, rel, null, found, new Date());
        this.noteAside(aside);
        if (!aside.kept_as) throw new EvidenceFsError(`${rel} holds a file no record names and it could not be kept aside; not overwritten`);
      }
    }
    await this.dir.write(rel, data, { checked: true });
    const now = new Date().toISOString();
    const record: FileRecord = { path: rel, ...meta, size: data.length, sha256: digest };
    let outcome: 'written' | 'replaced' = 'written';
    if (prev && prev.sha256 !== digest) {
      record.replaced = [...(prev.replaced ?? []), { sha256: prev.sha256, size: prev.size, fetched_at: prev.fetched_at, replaced_at: now }];
      outcome = 'replaced';
    } else if (prev?.replaced) {
      record.replaced = prev.replaced;
    }
    if (prev && prev.sha256 === digest) record.note = 'the file on disk did not match the manifest; restored';
    else if (aside) record.note = `a different file no record named was here: kept aside as ${aside.kept_as}`;
    else if (!prev && onDisk) record.note = 'a file no record named held these very bytes; recorded';
    this.state.files.set(rel, record);
    this.counts[outcome]++;
    this.counts.bytes += data.length;
    this.meter.wrote(data.length);
    this.saveSoon();
    return outcome;
  }

  /** The file is recorded and on disk with the recorded size. */
  async have(rel: string): Promise<FileRecord | null> {
    const record = this.state.files.get(rel);
    if (!record) return null;
    try {
      const st = await this.dir.statFile(rel);
      return st && st.size === record.size ? record : null;
    } catch {
      return null;
    }
  }

  /** A recorded file read back, if it still matches its digest. */
  async readBack(record: FileRecord): Promise<Buffer | null> {
    const body = await this.dir.readSmall(record.path, record.size).catch(() => null);
    return body && sha256(body) === record.sha256 ? body : null;
  }

  /** `endpoint` could not be used; its body (if any) is already kept in `file`. */
  unparsed(entry: Omit<UnparsedRecord, 'fetched_at'> & { fetched_at?: string }): void {
    if (this.closed) return;
    this.unparsedNow.set(entry.endpoint, { endpoint: entry.endpoint, file: entry.file, reason: entry.reason, fetched_at: entry.fetched_at ?? new Date().toISOString() });
    this.saveSoon();
  }

  /** `endpoint` (every page of it, for a list) was parsed and used this run. */
  used(endpoint: string): void {
    this.usedNow.add(subject(endpoint));
  }

  /** This run's unparsed responses. */
  unparsedThisRun(): UnparsedRecord[] {
    return [...this.unparsedNow.values()];
  }

  saveSoon(): void {
    if (this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.checkpoint().catch(() => undefined);
    }, this.checkpointMs);
    this.saveTimer.unref?.();
  }

  cancelSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  /** manifest.json (with the counts so far), then SHA256SUMS over every recorded file and the manifest. Serialised. */
  checkpoint(): Promise<void> {
    const next = this.saving.then(async () => {
      this.syncRun();
      const manifest = Buffer.from(`${safeJson(this.state.toJSON())}\n`, 'utf8');
      await this.dir.write(MANIFEST_NAME, manifest);
      const entries = [...this.state.files.values()].map((f) => ({ path: f.path, sha256: f.sha256 }));
      entries.push({ path: MANIFEST_NAME, sha256: sha256(manifest) });
      await this.dir.write(SUMS_NAME, Buffer.from(sha256sums(entries), 'utf8'));
      await this.dir.syncDir();
    });
    this.saving = next.catch(() => undefined);
    return next;
  }

  /** The run record and the manifest's `unparsed` brought up to date. */
  private syncRun(): void {
    const counts = this.counts;
    Object.assign(this.run, { files_written: counts.written, files_unchanged: counts.unchanged, files_replaced: counts.replaced, bytes_written: counts.bytes, unparsed: this.unparsedNow.size });
    if (this.setAside.length > 0) this.run.tampered = this.setAside.slice(0, MAX_UNPARSED);
    const kept = this.earlier.filter((u) => !this.unparsedNow.has(u.endpoint) && !this.usedNow.has(subject(u.endpoint)));
    const all = kept.concat(this.unparsedThisRun());
    this.state.manifest.unparsed = all.length > MAX_UNPARSED ? all.slice(-MAX_UNPARSED) : all;
  }
}

/** manifest.json read back (what does not validate dropped, with a note), or a fresh manifest. */
async function loadManifest(dir: EvidenceDir, start: RecordStart): Promise<Manifest> {
  const { options, host, me } = start;
  const bytes = await dir.readSmall(MANIFEST_NAME, MAX_MANIFEST_BYTES);
  const fresh = (): Manifest => ({
    format: MANIFEST_FORMAT,
    format_version: MANIFEST_VERSION,
    tool: options.tool ?? { name: 'circle-sleuth', version: 'unknown' },
    node: process.version,
    machine: machine(),
    circleci: { host, me },
    query: start.query,
    started_at: start.startedAt.toISOString(),
    finished_at: null,
    complete: false,
    runs: [],
    workflows: {},
    jobs: {},
    files: [],
    unparsed: [],
    notes: [],
  });
  if (bytes === null) return fresh();
  const read = parseManifest(bytes, start.notes);
  if (!read) throw new EvidenceFsError(`${dir.label}/${MANIFEST_NAME} is not a circle-sleuth manifest; download into another folder (--out)`);
  const recorded: unknown = read.circleci?.host;
  if (recorded && recorded !== host && !(typeof recorded === 'string' && options.sameHost?.(recorded))) {
    throw new EvidenceFsError(`${dir.label} holds evidence from ${quote(read.circleci.host)}, not ${host}; download into another folder (--out)`);
  }
  return {
    ...fresh(),
    ...read,
    tool: options.tool ?? read.tool,
    node: process.version,
    machine: machine(),
    circleci: { host, me: me ?? read.circleci?.me ?? null },
    started_at: typeof read.started_at === 'string' ? read.started_at : start.startedAt.toISOString(),
  };
}
