// security.md §7 case 15: a secret printed across two or more API messages (CircleCI's chunks of step output), and
// one whose second half arrives in a later poll of a running step, is still found: by `sleuth search` (raw and its
// base64), by the scanner, and by the log view's `/` search.
import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../src/log/log-buffer.js';
import { parseStepOutput } from '../../src/api/step-output.js';
import { scanCorpus } from '../../src/scan/scan-corpus.js';
import { evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from '../search/helpers.js';

const tmp = useTmpDirs();
const AWS = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
const GH = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');

/** A step output body as the API returns it: one JSON object per message. */
const body = (...messages: string[]) => JSON.stringify(messages.map((message, i) => ({ message, time: `2026-11-20T12:00:0${i % 10}Z`, type: 'out' })));

/** The env dump's base64, cut into messages at arbitrary points (not at line ends). */
function base64Messages(): string[] {
  const b64 = Buffer.from(`HOME=/root\nGITHUB_TOKEN=${GH}\nPATH=/bin\n`).toString('base64');
  return [`dump: ${b64.slice(0, 13)}`, b64.slice(13, 41), `${b64.slice(41)}\r\n`];
}

describe('search_secret_across_chunks', () => {
  it('(harness check) no single message holds the secret', () => {
    const messages = ['aws_access_key_id = ', AWS.slice(0, 7), `\x1b[0m${AWS.slice(7, 15)}`, `${AWS.slice(15)}\r\n`];
    for (const m of messages) expect(m.includes(AWS)).toBe(false);
    expect(parseStepOutput(Buffer.from(body(...messages))).text).toContain(AWS.slice(7, 15));
  });

  it('sleuth search finds the raw value and its base64 across messages, in the body exactly as downloaded', async () => {
    const dir = writeTree(tmp(), {
      [`${WF}/job-7/step-102.json`]: body('start\r\n', `key ${AWS.slice(0, 7)}`, AWS.slice(7, 15), `${AWS.slice(15)} end\r\n`),
      [`${WF}/job-7/step-103.json`]: body(...base64Messages()),
    });
    const corpus = evidenceCorpus(dir);
    const aws = await runSearch({ pattern: AWS, mode: 'exact', corpus });
    expect(aws.hits.map((h) => [h.step, h.line, h.column, h.encoding])).toEqual([[102, 2, 5, 'raw']]);
    const gh = await runSearch({ pattern: GH, mode: 'exact', corpus });
    expect(gh.hits.map((h) => [h.step, h.encoding.replace(/ \(offset \d\)/, '')])).toEqual([[103, 'base64']]);
  });

  it('the scanner finds both, with a colour code at one split', async () => {
    const dir = writeTree(tmp(), {
      [`${WF}/job-7/step-102.json`]: body('aws_access_key_id = ', AWS.slice(0, 7), `\x1b[0m${AWS.slice(7, 15)}`, `${AWS.slice(15)}\r\n`),
      [`${WF}/job-7/step-103.json`]: body(...base64Messages()),
    });
    const r = await scanCorpus({ corpus: evidenceCorpus(dir) });
    const found = r.findings.map((f) => [f.step, f.ruleId, f.encoding]);
    expect(found).toEqual(expect.arrayContaining([[102, 'aws-access-key-id', 'raw'], [103, 'github-pat', 'base64']]));
    expect(r.findings.find((f) => f.ruleId === 'aws-access-key-id')!.secret).toBe(AWS);
  });

  it('the log view: a running step whose next poll completes the secret finds it on the line it spans', () => {
    const first = parseStepOutput(Buffer.from(body('deploying\r\n', `token=${GH.slice(0, 20)}`))).text;
    const log = new LogBuffer(first);
    log.prepareSearch();
    expect(log.find(GH, -1, 1)).toBeNull();
    const next = parseStepOutput(Buffer.from(body('deploying\r\n', `token=${GH.slice(0, 20)}`, `${GH.slice(20)}\r\n`, 'done\r\n'))).text;
    log.replace(next);
    expect(log.find(GH, -1, 1)).toBe(1);
    expect(log.find(GH.toLowerCase(), -1, 1)).toBe(1);
  });
});
