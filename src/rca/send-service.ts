// The one way a failed log is sent to Exlogare, for the CLI (`rca --send`) and the TUI (`S` in the RCA pane) alike:
// the same known secrets redacted (Exlogare's token, the CircleCI token sleuth is configured with) before the
// secret scanner and the credential pass, the same check that the send can be recorded (before anything is read,
// and again just before the bytes leave), the same record (evidence folder, else the state directory).
import { redactSecret } from '../api/redact.js';
import type { TransportEvent } from '../api/transport.js';
import { displayPath } from '../config/home-path.js';
import { resolveToken } from '../config/token.js';
import { sendPrepared, type SendOutcome } from './exlogare/client.js';
import { requireExlogareToken, resolveExlogare, type ExlogareConfig } from './exlogare/config.js';
import { prepareSend, type PreparedSend } from './exlogare/prepare.js';
import { exlogareTransport, type ExlogareTransportTuning } from './exlogare/transport.js';
import { recordFileOf, recordPlaceFor, type RecordPlace, type RecordPlaceQuery } from './record-place.js';
import { combine, scannerRedactor, type Redactor } from './redaction.js';
import { sendFacts, type SendFact } from './send-facts.js';
import { checkRecordable } from './send-record.js';
import type { CollectedJob } from './types.js';

export interface RcaServiceOptions {
  /** EXLOGARE_URL / EXLOGARE_TOKEN, the CircleCI token, XDG_STATE_HOME, proxies. */
  env: NodeJS.ProcessEnv;
  home: string;
  /** `circle-sleuth/0.1.0`: the User-Agent and the record's `tool`. */
  tool: string;
  /** The shape-based pass; default the secret scanner (src/scan). Tests may pass another. */
  scanner?: Redactor;
  /** Exlogare retry timing (tests make it fast). */
  tuning?: ExlogareTransportTuning;
  onEvent?: (e: TransportEvent) => void;
  now?: () => Date;
}

/** A prepared send and where it will be recorded. */
export interface PlannedSend {
  prepared: PreparedSend;
  place: RecordPlace;
  /** The record file's absolute path. */
  recordFile: string;
}

export class RcaSendService {
  /** Throws ConfigError for an unsafe EXLOGARE_URL. */
  readonly cfg: ExlogareConfig;
  readonly #known: string[];

  constructor(private readonly o: RcaServiceOptions) {
    this.cfg = resolveExlogare(o.env);
    // The CircleCI token as sleuth resolves it for a session (env, then the CLI's cli.yml), live or offline: a
    // log that echoes it must not carry it out, whichever source the log came from.
    const circle = resolveToken({ env: o.env, home: o.home }).token;
    this.#known = [this.cfg.token, circle].filter((t): t is string => Boolean(t));
  }

  /** Where a send of this job is recorded (record-place.ts). */
  placeFor(q: Omit<RecordPlaceQuery, 'env' | 'home'>): Promise<RecordPlace> {
    return recordPlaceFor({ ...q, env: this.o.env, home: this.o.home });
  }

  /** Everything that can refuse a send, before the log is read: no Exlogare token, a record that cannot be written. */
  async ready(place: RecordPlace): Promise<void> {
    requireExlogareToken(this.cfg);
    await checkRecordable(place.dir);
  }

  /** Known values, then the scanner's findings, then credentials named by their context (redaction.ts). */
  redactor(): Redactor {
    return combine(this.o.scanner ?? scannerRedactor, this.#known);
  }

  /** The exact bytes that would be sent, redacted and capped. Sends nothing, needs no token. */
  prepare(job: CollectedJob, place: RecordPlace, limit?: number): PlannedSend {
    const prepared = prepareSend(job, { redact: this.redactor(), destination: this.cfg.destination, ...(limit ? { limit } : {}) });
    return { prepared, place, recordFile: recordFileOf(place) };
  }

  /** What the confirmation shows, the record file included. */
  facts(plan: PlannedSend, job: CollectedJob): SendFact[] {
    return sendFacts(plan.prepared, job.summary.job, this.shownPath(plan.recordFile));
  }

  /** A path as messages show it (`~/…` under the home directory). */
  shownPath(path: string): string {
    return displayPath(path, this.o.home);
  }

  /**
   * Posts the body and records the send. The record is checked once more first: a confirmation may have waited
   * while the folder changed, and a send that cannot be recorded does not happen.
   */
  async send(plan: PlannedSend, signal?: AbortSignal): Promise<SendOutcome> {
    const token = requireExlogareToken(this.cfg);
    await checkRecordable(plan.place.dir);
    const transport = exlogareTransport(this.cfg, token, {
      env: this.o.env,
      userAgent: this.o.tool,
      ...(this.o.tuning ? { tuning: this.o.tuning } : {}),
      ...(this.o.onEvent ? { onEvent: this.o.onEvent } : {}),
    });
    try {
      return await sendPrepared(plan.prepared, { transport, cfg: this.cfg, recordDir: plan.place.dir, tool: this.o.tool, ...(signal ? { signal } : {}), ...(this.o.now ? { now: this.o.now } : {}) });
    } finally {
      await transport.close();
    }
  }

  /** Text for a message with every known token removed (an error may quote a URL or a server's words). */
  scrub(text: string): string {
    return this.#known.reduce((t, s) => redactSecret(t, s), text);
  }
}
