import { createHash } from 'node:crypto';
import { stableHex } from '../ids.js';
import type { LinkKind } from '../http/presign.js';
import { said, send, type Exchange } from '../http/server-kit.js';
import { simNow, type SimState } from '../http/sim-state.js';

// The S3 stand-in behind every presigned link. Like S3 it refuses a second auth
// mechanism (Authorization header) with 400; it also refuses Circle-Token, so a
// client that leaks its CircleCI token to a third-party origin fails loudly in tests.

function s3Error(state: SimState, ex: Exchange, status: number, code: string, message: string, extra = ''): void {
  const requestId = stableHex(`s3-request:${state.requests.length}`, 16).toUpperCase();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${said(ex, message)}</Message>${extra}<RequestId>${requestId}</RequestId>` +
    `<HostId>${Buffer.from(stableHex(`s3-host:${requestId}`, 48), 'hex').toString('base64')}</HostId></Error>`;
  send(ex, status, { 'content-type': 'application/xml', server: 'AmazonS3', 'x-amz-request-id': requestId }, body);
}

export function storageHandler(state: SimState): (ex: Exchange) => void {
  return (ex) => {
    const h = ex.req.headers;
    if (h.authorization !== undefined || h['circle-token'] !== undefined) {
      const which = h.authorization !== undefined ? 'Authorization' : 'Circle-Token';
      return s3Error(state, ex, 400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', `<ArgumentName>${which}</ArgumentName>`);
    }
    if (ex.method !== 'GET' && ex.method !== 'HEAD') return s3Error(state, ex, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const m = /^\/(output|artifact)\/([^/]+)$/.exec(ex.rawPath);
    if (!m) return s3Error(state, ex, 403, 'AccessDenied', 'Access Denied');
    const kind = m[1] as LinkKind;
    let key: string;
    try {
      key = decodeURIComponent(m[2] ?? '');
    } catch {
      return s3Error(state, ex, 403, 'AccessDenied', 'Access Denied');
    }
    const now = simNow(state);
    const check = state.presigner.check(kind, key, ex.query, now);
    if (check === 'expired') return s3Error(state, ex, 403, 'AccessDenied', 'Request has expired', `<X-Amz-Expires>${ex.query.get('X-Amz-Expires') ?? ''}</X-Amz-Expires>`);
    if (check === 'denied') return s3Error(state, ex, 403, 'AccessDenied', 'Access Denied');

    let body: Buffer;
    let contentType: string;
    if (kind === 'output') {
      const ref = state.world.outputs.get(key);
      if (!ref?.action.output) return s3Error(state, ex, 404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${key}</Key>`);
      body = ref.action.output({ now, simStartedAt: state.startedAt });
      contentType = 'application/json';
    } else {
      const ref = state.world.artifacts.get(key);
      if (!ref) return s3Error(state, ex, 404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${key}</Key>`);
      body = ref.artifact.body;
      contentType = ref.artifact.contentType;
    }
    send(
      ex,
      200,
      {
        'content-type': contentType,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        server: 'AmazonS3',
        'x-amz-request-id': stableHex(`s3-request:${state.requests.length}`, 16).toUpperCase(),
      },
      body,
    );
  };
}
