// What one HTTP exchange returns: its own module so that the transport (which makes it) and the error wording
// (which reads it) import it without importing each other.
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that produced this response (after redirects). Sensitive when presigned. */
  url: string;
}
