// security.md §7 case 12: J1–J3 (bidi controls, zero-width characters, tag characters) are shown as <U+XXXX>, and a
// homoglyph host (J4) is flagged: a Cyrillic/Greek letter that looks Latin, written where a Latin word or host name
// goes on, is shown as <U+XXXX>. The same letters in Cyrillic or Greek text stay letters.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { TerminalSanitizer, sanitize } from '../../src/text/sanitize.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { expectTerminalSafe } from '../text/terminal-safety.js';

const sim = useSim();
const tmp = useTmpDirs();
const plain = { keepColor: false } as const;
const CYR_A = '\u0430';

describe('render_bidi_zero_width_tags', () => {
  it.each([
    ['J1 bidi override', 'ab\u202ecd', 'ab<U+202E>cd'],
    ['J1 isolates', '\u2066isAdmin\u2069', '<U+2066>isAdmin<U+2069>'],
    ['J1 RLM and ALM', '\u200fx\u061c', '<U+200F>x<U+061C>'],
    ['J2 zero-width in a secret', 'AKIA\u200bIOSF\u200dOD\u2060NN\ufeff7', 'AKIA<U+200B>IOSF<U+200D>OD<U+2060>NN<U+FEFF>7'],
    ['J3 tag characters', `ok${String.fromCodePoint(0xe0001, 0xe0069, 0xe007f)}`, 'ok<U+E0001><U+E0069><U+E007F>'],
  ])('%s: every invisible character is shown', (_row, input, shown) => {
    const out = sanitize(input, plain);
    expect(out).toBe(shown);
    expectTerminalSafe(out);
  });

  it.each([
    ['as in the corpus', `https://${CYR_A}pp.circleci.com/pipelines`, 'https://<U+0430>pp.circleci.com/pipelines'],
    ['inside a label', 'https://app.circlec\u0456.com', 'https://app.circlec<U+0456>.com'],
    ['after a dot', 'https://app.\u0441ircleci.com', 'https://app.<U+0441>ircleci.com'],
    ['in the TLD', 'circleci.c\u043em', 'circleci.c<U+043E>m'],
    ['after @', 'git@gith\u0443b.com', 'git@gith<U+0443>b.com'],
    ['a run of them', 'https://\u0435\u0445\u0430mple.com', 'https://<U+0435><U+0445><U+0430>mple.com'],
    ['Greek capitals', 'AWS_\u039a\u0395Y', 'AWS_<U+039A><U+0395>Y'],
    ['behind a colour code', `https://\x1b[32m${CYR_A}pp.circleci.com`, 'https://<U+0430>pp.circleci.com'],
  ])('J4 %s: flagged', (_where, input, shown) => {
    expect(sanitize(input, plain)).toBe(shown);
  });

  it('J4 is flagged in inverse video like every other visible control, and the same whatever the chunking', () => {
    const input = `see https://${CYR_A}pp.circleci.com/x and C${CYR_A}T`;
    const whole = sanitize(input);
    expect(whole).toContain('\x1b[7m<U+0430>\x1b[27m');
    for (let cut = 1; cut < input.length; cut++) {
      const s = new TerminalSanitizer();
      expect(s.push(input.slice(0, cut)) + s.push(input.slice(cut)) + s.end(), `cut at ${cut}`).toBe(whole);
    }
  });

  it.each([
    ['Russian prose', 'Ошибка: файл не найден, повторите операцию'],
    ['a hyphenated Russian word', 'по-русски и кое-что ещё'],
    ['a Russian word after a colon and a space', 'ERROR: сервер недоступен'],
    ['Greek prose', 'Ο διακομιστής δεν απαντά'],
    ['Cyrillic after a digit and space', '3 ошибки, 10 секунд'],
  ])('%s: no letter is flagged (harness: its look-alike letters are, right after a Latin one)', (_what, text) => {
    expect(sanitize(text, plain)).toBe(text);
    const lookalikes = [...text].filter((ch) => sanitize(`x${ch}`, plain) !== `x${ch}`);
    expect(lookalikes.length).toBeGreaterThan(0);
  });

  it('sleuth log shows the simulator hostile step with the J4 host flagged and J1–J3 visible', async () => {
    const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp(), NO_COLOR: '1' }, { tty: true });
    const code = await main(['node', 'sleuth', 'log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', SIM_PROJECT], c.io);
    expect(code).toBe(0);
    const lines = c.out().replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const row = (id: string) => lines.find((l) => l.includes(`[${id}]`)) ?? '';
    expect(row('J4')).toContain('https://<U+0430>pp.circleci.com');
    expect(row('J1.1')).toContain('<U+202E>');
    expect(row('J2.1')).toContain('AKIA<U+200B>IOSFODNN7EXAMPLE');
    expect(row('J3')).toContain('<U+E0001>');
  });
});
