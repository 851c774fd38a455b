import { describe, expect, it } from 'vitest';
import { ERROR_PATTERNS, errorPrefilter, isErrorLine, matchErrorLine } from '../../src/log/error-patterns.js';

const errors: [string, string][] = [
  ['npm ERR! code ELIFECYCLE', 'npm-err'],
  ['TypeError: Cannot read properties of undefined', 'error'],
  ['error: failed to push some refs', 'error'],
  ['2026-11-20 ERROR upstream timeout', 'error'],
  ['Tests: 2 FAILED, 10 passed', 'failed'],
  ['FAIL src/ledger.test.ts', 'failed'],
  ['Traceback (most recent call last):', 'traceback'],
  ['Caused by: java.lang.IllegalStateException', 'exception'],
  ['panic: runtime error: index out of range', 'panic'],
  ['fatal: repository not found', 'fatal'],
  ['FATAL database is down', 'fatal'],
  ['make: *** [all] exit status 2', 'exit-status'],
  ['Exited with code exit status 1', 'exit-status'],
  ['Exited with code 137', 'exit-status'],
  ['process exit code 3', 'exit-status'],
  ['Killed', 'killed'],
  ['Reason: OOMKilled', 'oom'],
  ['JavaScript heap out of memory', 'out-of-memory'],
  ['Segmentation fault (core dumped)', 'segfault'],
];

const fine = [
  'handles errors gracefully',
  'exit status 0',
  'Exited with code 0',
  'ERRORS_TOTAL=0',
  'fail-fast: true',
  '✓ refunds › closed session',
  'zoom in',
];

describe('error patterns', () => {
  it.each(errors)('%s is an error (%s)', (line, name) => {
    expect(matchErrorLine(line)?.name).toBe(name);
  });

  it.each(fine)('%s is not an error', (line) => {
    expect(isErrorLine(line)).toBe(false);
  });

  it('every error contains its pattern keyword once lower-cased, so the prefilter never misses one', () => {
    for (const [line] of errors) {
      const p = matchErrorLine(line);
      expect(line.toLowerCase()).toContain(p?.keyword);
      const re = errorPrefilter();
      expect(re.test(line.toLowerCase())).toBe(true);
    }
    for (const p of ERROR_PATTERNS) expect(p.keyword).toBe(p.keyword.toLowerCase());
  });
});
