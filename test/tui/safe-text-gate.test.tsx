// The display gate: SafeText is the only way text reaches Ink, and nothing from data gets through it live.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TERMINAL_ATTACK_CORPUS } from '../../src/sim/output/terminal-attack-corpus.js';
import { Display, display, screenText } from '../../src/text/display.js';
import { SafeText } from '../../src/tui/components/SafeText.js';
import { decodeUtf8 } from '../../src/text/sanitize.js';
import { expectTerminalSafe } from '../text/terminal-safety.js';

const TUI = join(import.meta.dirname, '../../src/tui');
const GATE = 'components/SafeText.tsx';
/** What src/tui may take from Ink: layout, hooks and types, never a component that prints a string. */
const ALLOWED_FROM_INK = new Set(['Box', 'render', 'useApp', 'useInput', 'useStdout', 'useStdin', 'useFocus', 'measureElement', 'Key', 'DOMElement', 'type Key', 'type DOMElement']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Ways around the gate found in one source file. */
export function gateBreaches(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'ink'/g)) {
    for (const name of (m[2] ?? '').split(',').map((s) => s.trim().replace(/\s+as\s+\w+$/, '')).filter(Boolean)) {
      if (!ALLOWED_FROM_INK.has(name) && !m[1]) out.push(`imports ${name} from ink`);
    }
  }
  if (/import\s+(?:\*\s+as\s+)?\w+\s*(?:,\s*\{[^}]*\})?\s+from\s+'ink'/.test(source)) out.push('imports ink whole');
  if (/from\s+'ink-(?!testing-library)[\w-]+'/.test(source)) out.push('imports an ink-* component package (it prints strings itself)');
  if (/['"]ink-text['"]/.test(source)) out.push("creates Ink's host text element directly");
  if (/dangerouslySetInnerHTML|process\.stdout\.write|\.write\(/.test(source)) out.push('writes to the terminal around Ink');
  return out;
}

describe('the display gate', () => {
  it('would see each way around it (the check is not blind)', () => {
    expect(gateBreaches("import { Box, Text } from 'ink';")).toEqual(['imports Text from ink']);
    expect(gateBreaches("import { Transform } from 'ink';")).toEqual(['imports Transform from ink']);
    expect(gateBreaches("import * as ink from 'ink';")).toContain('imports ink whole');
    expect(gateBreaches("import SelectInput from 'ink-select-input';")).toHaveLength(1);
    expect(gateBreaches("createElement('ink-text', {}, name)")).toHaveLength(1);
    expect(gateBreaches('process.stdout.write(name)')).toHaveLength(1);
    expect(gateBreaches("import { Box, useInput } from 'ink';\nimport type { Key } from 'ink';")).toEqual([]);
  });

  it('no file in src/tui but the gate takes a text component from Ink or writes around it', () => {
    const found: string[] = [];
    const all = files(TUI);
    expect(all.length).toBeGreaterThan(40);
    for (const f of all) {
      const rel = relative(TUI, f);
      if (rel === GATE) continue;
      for (const b of gateBreaches(readFileSync(f, 'utf8'))) found.push(`${rel}: ${b}`);
    }
    // full-screen.ts owns the terminal modes (alternate screen, cursor) with constant sequences; clipboard/osc52.ts
    // writes OSC 52 when the user presses y/Y (base64 of text built from checked ids). The only two exceptions.
    const allowed = ['full-screen.ts: writes', 'clipboard/osc52.ts: writes'];
    expect(found.filter((f) => !allowed.some((a) => f.startsWith(a)))).toEqual([]);
  });

  it("would see a leak: Ink's own Text passes an OSC 52 write through raw", () => {
    const { lastFrame, unmount } = render(<Text>{'wf \x1b]52;c;ZXZpbA==\x07'}</Text>);
    const frame = lastFrame() ?? '';
    unmount();
    expect(() => expectTerminalSafe(frame)).toThrow();
  });

  it('shows every corpus row visibly, as a string, inside nested text, in arrays and as a number', () => {
    const texts = TERMINAL_ATTACK_CORPUS.flatMap((row) => row.variants.map((parts) => parts.map((p) => (typeof p === 'string' ? p : decodeUtf8(p))).join('')));
    expect(texts.length).toBeGreaterThan(60);
    for (const text of texts) {
      const { lastFrame, unmount } = render(
        <SafeText>
          title {text}
          <SafeText bold>{[text, 7]}</SafeText>
          {[<SafeText key="a">{text}</SafeText>]}
        </SafeText>,
      );
      const frame = lastFrame() ?? '';
      unmount();
      expectTerminalSafe(frame);
      expect(frame.startsWith('title'), JSON.stringify(frame.slice(0, 200))).toBe(true);
    }
  });

  it('passes a Display as made, keeping its colours, and refuses a Display not made by the sanitizer', () => {
    const d = display('\x1b[31mred\x1b[0m \x1b]0;t\x07');
    expect(d.text).toContain('\x1b[31m');
    expect(d.text).not.toContain('\x1b]');
    expect(() => new Display(Symbol('display'), '\x1b]52;c;ZXZpbA==\x07')).toThrow(TypeError);
  });

  it('puts a line break from data on one line, and leaves plain text untouched', () => {
    expect(screenText('build\n\x1b[2Jdeploy')).toBe('build⏎^[[2Jdeploy');
    const plain = 'Jobs of build-test · 3/45 ↓';
    expect(screenText(plain)).toBe(plain);
  });
});
