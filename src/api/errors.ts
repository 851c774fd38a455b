// Every failure the tool reports is one line a responder can act on. Messages never carry the
// token or a presigned query string (see redact.ts).

export type ApiErrorKind =
  | 'auth'          // 401: token rejected
  | 'forbidden'     // 403
  | 'not-found'     // 404: missing, or the token cannot see it
  | 'rate-limited'  // 429 after every retry
  | 'server'        // 5xx after every retry
  | 'network'       // connection refused / reset / DNS
  | 'timeout'
  | 'malformed'     // a 2xx whose body is not what the endpoint promises
  | 'refused'       // we refused to send the request (unsafe URL, token hygiene)
  | 'http';         // any other status

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  constructor(kind: ApiErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
