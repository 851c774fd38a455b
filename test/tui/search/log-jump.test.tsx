// The LogPane `jumpTo` prop the search and findings panes open logs with.
import { afterEach, describe, expect, it } from 'vitest';
import { waitForFrame } from '../../helpers/ink.js';
import { mountLogPane, output, stubSource } from '../log/log-pane-harness.js';

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});
const plain = (f: string) => f.replace(/\x1b\[[0-9;:]*m/g, '');
const log = Array.from({ length: 400 }, (_, i) => (i === 250 ? 'export TOKEN=\x1b[1mghp_secretvalue\x1b[0m here' : `line number ${i + 1}`)).join('\n') + '\n';

describe('LogPane jumpTo', () => {
  it('opens at the line, the match highlighted and ready for n/N', async () => {
    const { source } = stubSource({ 0: output(log) });
    const m = mountLogPane({ source, height: 12, jumpTo: { line: 250, query: 'ghp_secretvalue' } });
    mounted.push(m);
    const frame = await waitForFrame(m.lastFrame, (f) => plain(f).includes('/ghp_secretvalue'), 'the jump');
    expect(plain(frame)).toContain('251 export TOKEN=ghp_secretvalue here');
    expect(plain(frame.split('\n').at(-1) ?? '')).toContain('/ghp_secretvalue 1 of 1');
  });

  it('without a query only marks the line; a line past the end is clamped; a notice shows', async () => {
    const { source } = stubSource({ 0: output(log) });
    const m = mountLogPane({ source, height: 12, jumpTo: { line: 10_000, notice: 'from the findings list' } });
    mounted.push(m);
    const f = plain(await waitForFrame(m.lastFrame, (x) => x.includes('from the findings list'), 'the jump'));
    expect(f).toContain('400 line number 400');
    expect(f.split('\n').at(-1)).toContain('from the findings list');
  });
});
