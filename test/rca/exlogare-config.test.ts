// A refused EXLOGARE_URL is named in the error, but never with the user name or password it carried: the message
// reaches the terminal, CI logs and bug reports.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { resolveExlogare } from '../../src/rca/exlogare/config.js';
import { sleuthRca } from './helpers.js';

const USER = 'deploybot';
const PASS = 'hunter2Secret';

/** The message of the error resolveExlogare throws for `url` (fails the test when it does not throw). */
function refusal(url: string): string {
  try {
    resolveExlogare({ EXLOGARE_URL: url, EXLOGARE_TOKEN: 'x' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`${url} was accepted`);
}

const pieces = (s: string) => [s, s.slice(0, 6), s.slice(-6), encodeURIComponent(s)];

describe('a refused EXLOGARE_URL', () => {
  it.each([
    [`https://${USER}:${PASS}@api.exlogare.net`, /user name or password/],
    [`https://:${PASS}@api.exlogare.net/`, /user name or password/],
    [`https://${PASS}@api.exlogare.net`, /user name or password/],
    [`http://${USER}:${PASS}@exlogare.example`, /EXLOGARE_URL/],
    [`ftp://${USER}:${PASS}@exlogare.example`, /EXLOGARE_URL/],
    [`https:${USER}:${PASS}@api.exlogare.net`, /user name or password/],
    [`https:///${USER}:${PASS}@api.exlogare.net`, /EXLOGARE_URL/],
    [`https://${USER}:${PASS.slice(0, 6)}/${PASS.slice(6)}@api.exlogare.net`, /EXLOGARE_URL/],
    [`https://${USER}:${PASS.slice(0, 6)}?${PASS.slice(6)}@api.exlogare.net`, /EXLOGARE_URL/],
    [`https://${USER}:${PASS.slice(0, 6)}#${PASS.slice(6)}@api.exlogare.net`, /EXLOGARE_URL/],
    [`https://api.exlogare.net/?token=${PASS}`, /query or fragment/],
    [`  https://${USER}:${PASS}@api.exlogare.net  `, /user name or password/],
    [`https://${USER}:${PASS}\u001b]0;x\u0007@api.exlogare.net`, /EXLOGARE_URL/],
  ])('never echoes the user name or password: %j', (url, why) => {
    const msg = refusal(url);
    expect(msg).toMatch(/^EXLOGARE_URL /);
    expect(msg).toMatch(why);
    for (const p of [...pieces(PASS), USER]) expect(msg).not.toContain(p);
    expect(msg).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('still names the host it refused, so the user knows which value to fix', () => {
    expect(refusal(`https://${USER}:${PASS}@api.exlogare.net`)).toContain('api.exlogare.net');
    expect(refusal('http://exlogare.example')).toBe('EXLOGARE_URL "http://exlogare.example" must use https (http is only allowed for localhost)');
  });

  it('through `sleuth rca --send`: exit 2, one line, no password on stdout or stderr', async () => {
    const r = await sleuthRca(['5016', '--project', 'gh/acme/payments', '--send', '--yes'], { env: { CIRCLE_TOKEN: 'x', EXLOGARE_URL: `http://${USER}:${PASS}@exlogare.example`, EXLOGARE_TOKEN: 'exl_x' } });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^sleuth: EXLOGARE_URL /);
    for (const p of [...pieces(PASS), USER]) expect(r.out + r.err).not.toContain(p);
  });
});
