// The one place that fetches a step output from its presigned link (the client's stepOutput and the
// evidence downloader both use it): no credentials, one refresh of an expired link, and what a
// non-200 from storage means. A fake transport answers from a table: no network, no clock.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { fetchOutputLink, storageError } from '../../src/api/storage.js';
import type { HttpResponse, Transport } from '../../src/api/transport.js';
import type { StepAction } from '../../src/api/types.js';

function fakeTransport(answers: Record<string, number>) {
  const asked: { url: string; credentials: string }[] = [];
  const transport = {
    fetchUrl: async (url: string, opts: { credentials: string }): Promise<HttpResponse> => {
      asked.push({ url, credentials: opts.credentials });
      const status = answers[url];
      if (status === undefined) throw new ApiError('network', `no answer for ${url}`);
      return { status, headers: {}, body: Buffer.from(status === 200 ? `body of ${url}` : 'Request has expired'), url };
    },
  } as unknown as Transport;
  return { transport, asked };
}

const action = (url: string, status = 'success'): StepAction => ({ step: 3, index: 0, status, has_output: true, output_url: url } as StepAction);

describe('fetchOutputLink', () => {
  it('fetches the link with no credentials and, when it answers 200, asks for no fresh link', async () => {
    const { transport, asked } = fakeTransport({ 'https://s/old': 200 });
    let refreshed = 0;
    const { res, action: from } = await fetchOutputLink('https://s/old', action('https://s/old'), {
      transport, freshAction: async () => (refreshed++, action('https://s/new')),
    });
    expect(res.body.toString()).toBe('body of https://s/old');
    expect(from.output_url).toBe('https://s/old');
    expect(refreshed).toBe(0);
    expect(asked).toEqual([{ url: 'https://s/old', credentials: 'none' }]);
  });

  it('an expired link (403 or 400) gets one fresh action, whose link and status are used', async () => {
    for (const expired of [403, 400]) {
      const { transport, asked } = fakeTransport({ 'https://s/old': expired, 'https://s/new': 200 });
      let refreshed = 0;
      const { res, action: from } = await fetchOutputLink('https://s/old', action('https://s/old', 'running'), {
        transport, freshAction: async () => (refreshed++, action('https://s/new', 'success')),
      });
      expect(res.body.toString()).toBe('body of https://s/new');
      expect(from.status).toBe('success');
      expect(refreshed).toBe(1);
      expect(asked.map((a) => a.credentials)).toEqual(['none', 'none']);
    }
  });

  it('a link still refused after the refresh throws once, through asError with the body', async () => {
    const { transport, asked } = fakeTransport({ 'https://s/old': 403, 'https://s/new': 403 });
    const seen: { error: unknown; body?: string }[] = [];
    const err = await fetchOutputLink('https://s/old', action('https://s/old'), {
      transport,
      what: 'output of step 3 of job 7',
      freshAction: async () => action('https://s/new'),
      asError: (error, body) => (seen.push({ error, body: body?.toString() }), error),
    }).catch((e: unknown) => e);
    expect(asked).toHaveLength(2);
    expect(err).toMatchObject({ kind: 'forbidden', status: 403, message: 'the output of step 3 of job 7: refused (403), even with a fresh link' });
    expect(seen).toEqual([{ error: err, body: 'Request has expired' }]);
  });

  it('no fresh action (the build no longer lists it): the first answer stands', async () => {
    const { transport, asked } = fakeTransport({ 'https://s/old': 403 });
    await expect(fetchOutputLink('https://s/old', action('https://s/old'), { transport, freshAction: async () => undefined }))
      .rejects.toMatchObject({ kind: 'forbidden', status: 403 });
    expect(asked).toHaveLength(1);
  });

  it('a failure to fetch goes through asError too', async () => {
    const { transport } = fakeTransport({});
    const err = await fetchOutputLink('https://s/gone', action('https://s/gone'), {
      transport, freshAction: async () => undefined, asError: (e) => new Error(`wrapped: ${(e as Error).message}`),
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('wrapped: no answer for https://s/gone');
  });
});

describe('storageError', () => {
  it('says what each status from storage means, short, naming the item only when asked', () => {
    expect(storageError(401)).toMatchObject({ kind: 'auth', status: 401, message: 'needs credentials (401)' });
    expect(storageError(403)).toMatchObject({ kind: 'forbidden', message: 'refused (403), even with a fresh link' });
    expect(storageError(404)).toMatchObject({ kind: 'not-found', message: 'gone (404)' });
    expect(storageError(429)).toMatchObject({ kind: 'rate-limited', message: 'rate limited (429)' });
    expect(storageError(503)).toMatchObject({ kind: 'server', message: 'answered 503' });
    expect(storageError(418)).toMatchObject({ kind: 'http', message: 'answered 418' });
    expect(storageError(404, 'output of step 2 of job 9').message).toBe('the output of step 2 of job 9: gone (404)');
  });
});
