export interface SimOptions {
  /** API server port, 0 = random (default 0). */
  port?: number;
  /** Added to every response on every server (default 0). */
  latencyMs?: number;
  /** Every Nth API request answers 429 (0 = off). Counting restarts when the value changes. */
  rateLimitEvery?: number;
  /** Retry-After value of those 429s (default 1). */
  rateLimitRetryAfterSec?: number;
  /** 429 body is plain text "Rate limited." instead of {"message":"Rate limit exceeded."}. */
  rateLimitTextBody?: boolean;
  /** Fraction (0..1) of API requests answering an HTML 502 page (seeded RNG, deterministic). */
  fail502Ratio?: number;
  /** RNG seed for fault injection (default 1). */
  seed?: number;
  /** If set, API (and artifact-host) requests presenting another token get 401; null = accept any or none. */
  requiredToken?: string | null;
  /** Items per page of every paginated list (default 20). */
  pageSize?: number;
  /** Presigned link lifetime in seconds (default 600). */
  outputLinkTtlSec?: number;
  /**
   * Hostile mode (default false): every display string served (names, branches, tags, commit messages, actors,
   * errors, messages, executors, contexts, steps, commands, artifact paths, env var names, error bodies) carries
   * rows of the terminal-attack corpus (security.md §1.4). Ids, numbers, slugs and URLs stay valid.
   */
  hostile?: boolean;
  /**
   * When the newest pipeline (909) was created, epoch ms; every time of the story follows it (default SIM_ANCHOR_MS,
   * a fixed date, so tests compare bytes). `sleuth demo` passes a time just before now (demoAnchorMs) so ages read as
   * they would on a real project. Ids, numbers and everything else stay the same.
   */
  anchorMs?: number;
  /**
   * CircleCI Server mode (default false; fixed when the simulator starts): artifact URLs point at the API origin
   * itself (`${apiUrl}/output/job/<job-uuid>/artifacts/<node>/<path>`), which wants the token and answers 302 to the
   * storage stand-in; no artifact-host stand-in runs. Web links (v1.1 `build_url`, v2 `web_url`) name the API origin.
   */
  server?: boolean;
  /**
   * The simulator's clock, epoch ms (default Date.now): presigned links are signed and checked against it, the running
   * deploy grows by it and requests are stamped with it. Tests pass a clock they move (`now: () => t`, then `t += …`)
   * instead of waiting out a link's lifetime. Read per request, so it can also be swapped on a running simulator.
   */
  now?: () => number;
}

export interface RecordedRequest {
  server: 'api' | 'storage' | 'artifacts';
  method: string;
  /** Path + query exactly as received. */
  url: string;
  /** Every header, lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Status answered (0 until the response is written). */
  status: number;
  /** When the request arrived, epoch ms on the simulator's clock (SimOptions.now). */
  at: number;
}

export interface Injection {
  /** Tested against path+query: a string matches as a substring, a RegExp with test(). */
  match: string | RegExp;
  /** How many matching requests get this response (default 1). */
  times?: number;
  status: number;
  /** Content-Type defaults to application/json when not given. */
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface SimHandle {
  /** e.g. http://127.0.0.1:41234 (this is CIRCLE_HOST). */
  apiUrl: string;
  /** Presigned output + artifact storage: a different origin (own server, own port). */
  storageUrl: string;
  /**
   * The origin artifact URLs point at: in Cloud mode the artifact host (like *.circle-artifacts.com), a third
   * origin; in Server mode the API origin itself (apiUrl).
   */
  artifactsUrl: string;
  /** 'server' when started with `server: true` (CircleCI Server's artifact URLs), else 'cloud'. */
  mode: 'cloud' | 'server';
  /** Every request received by any of the servers, in arrival order. */
  requests: RecordedRequest[];
  /** Mutable: tests change knobs at run time. */
  options: SimOptions;
  /** The next matching API request(s) get this canned response, before any other logic. */
  inject(i: Injection): void;
  /** Every presigned link issued so far now answers 403. */
  expireOutputLinks(): void;
  close(): Promise<void>;
}
