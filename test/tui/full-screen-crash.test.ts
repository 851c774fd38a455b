// The TUI's last-resort error line (an uncaught error inside the full-screen app): the credential a Transport was
// given is scrubbed from it and it is one visible line. Runs the built code in a child, since that path exits.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../helpers/sim.js';

const ROOT = resolve(import.meta.dirname, '../..');
const built = existsSync(join(ROOT, 'dist/tui/full-screen.js'));

const CHILD = `
const { createElement } = await import('react');
const { useEffect } = await import('react');
const { Transport } = await import(${JSON.stringify(join(ROOT, 'dist/api/transport.js'))});
const { runFullScreen } = await import(${JSON.stringify(join(ROOT, 'dist/tui/full-screen.js'))});
new Transport({ host: 'https://circleci.com', token: process.env.T });
function Boom() {
  useEffect(() => { void Promise.reject(new Error('server said ' + process.env.T + ' \\x1b]52;c;ZXZpbA==\\x07 and ' + Buffer.from(process.env.T).toString('base64'))); }, []);
  return null;
}
await runFullScreen(createElement(Boom));
`;

describe.skipIf(!built)('the full-screen crash line', () => {
  it('scrubs the token in every form and shows controls visibly', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: ROOT, env: { ...process.env, T: TEST_TOKEN }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sleuth: the TUI stopped on an unexpected error: server said');
    expect(r.stderr).not.toContain(TEST_TOKEN);
    expect(r.stderr).not.toContain(Buffer.from(TEST_TOKEN).toString('base64').slice(0, 20));
    expect(r.stderr).toContain('^[]52;c;');
    expect(r.stderr).not.toContain('\x1b]');
  });
});
