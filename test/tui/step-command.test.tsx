// The step's command is on screen: a COMMAND column in the steps pane, a `$` row in the log pane, the whole
// bash_command one key away (`c`), and in the wide preview. The hostile step's `env | grep` without --json.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { SIM_MALICIOUS } from '../../src/sim/story.js';
import { App } from '../../src/tui/App.js';
import { commandPreview } from '../../src/tui/state/step-rows.js';
import { stackFor } from '../../src/tui/state/stack.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { useSim, useLiveSources } from '../helpers/sim.js';

const sim = useSim();
const { cleanups, source } = useLiveSources(sim);

async function mountAt(link: { job: number; step?: string }, size = { columns: 80, rows: 24 }) {
  const src = source();
  const r = render(<App source={src} size={size} initialStack={stackFor(await resolveDeepLink(src, link))} />);
  cleanups.push(() => r.unmount());
  return r;
}

const ENV_GREP = "env | grep -E '^(AWS_|NPM_)'";

describe('the step command', () => {
  it('commandPreview skips the #! line and says how many lines follow', () => {
    expect(commandPreview('#!/bin/bash -eo pipefail\necho "Uploading coverage report..."\nenv | grep x\n')).toBe('echo "Uploading coverage report..."  (+1 line)');
    expect(commandPreview('#!/bin/bash -eo pipefail\n\nset -eo pipefail\nmake test')).toBe('make test');
    expect(commandPreview('npm ci')).toBe('npm ci');
    expect(commandPreview('# Workaround old git\nmkdir -p ~/.ssh\necho ok')).toBe('mkdir -p ~/.ssh  (+1 line)');
    expect(commandPreview('# only a comment')).toBe('# only a comment');
    expect(commandPreview(null)).toBe('');
  });

  it('steps pane at 80x24: a COMMAND column with the first telling line of each step', async () => {
    const { lastFrame } = await mountAt({ job: SIM_MALICIOUS.jobs.test });
    const f = await waitForFrame(lastFrame, (x) => x.includes('Upload coverage') && x.includes('COMMAND'), 'steps with commands');
    const row = f.split('\n').find((l) => l.includes('Upload coverage'))!;
    expect(row).toMatch(/echo "Upload/);
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
  });

  it('c on the hostile step shows the whole command, env | grep included; Esc comes back to the same row', async () => {
    const { lastFrame, stdin } = await mountAt({ job: SIM_MALICIOUS.jobs.test });
    await waitForFrame(lastFrame, (x) => x.includes('Upload coverage'), 'steps');
    // Harness check: the steps list itself does not show the env | grep line.
    expect(lastFrame()).not.toContain('env | grep');
    const rows = lastFrame()!.split('\n');
    const at = rows.findIndex((l) => l.includes('Upload coverage')) - rows.findIndex((l) => l.includes('COMMAND'));
    for (let i = 1; i < at; i++) await press(stdin, 'j');
    await waitForFrame(lastFrame, (x) => x.includes(`${at}/`), 'cursor on Upload coverage');
    await press(stdin, 'c');
    const f = await waitForFrame(lastFrame, (x) => x.includes('Command of Upload coverage'), 'command view');
    expect(f).toContain(ENV_GREP);
    expect(f).toContain('curl -sS -X POST');
    expect(f).toContain('› command');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (x) => x.includes('Steps of job') && x.includes(`${at}/`), 'back on the same row');
  });

  it('the log pane shows the command under its title, and c shows all of it there too', async () => {
    const { lastFrame, stdin } = await mountAt({ job: SIM_MALICIOUS.jobs.test, step: String(SIM_MALICIOUS.maliciousStep) });
    const f = await waitForFrame(lastFrame, (x) => x.includes('$ echo "Uploading coverage report..."'), 'command row');
    expect(f).toContain('c shows all');
    expect(f.split('\n')[2]).toContain('$ echo');
    await press(stdin, 'c');
    const all = await waitForFrame(lastFrame, (x) => x.includes('Command of Upload coverage'), 'command view');
    expect(all).toContain(ENV_GREP);
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (x) => x.includes('$ echo "Uploading'), 'back in the log');
  });

  it('the wide preview shows the highlighted step command above its output', async () => {
    const { lastFrame, stdin } = await mountAt({ job: SIM_MALICIOUS.jobs.test }, { columns: 160, rows: 30 });
    await waitForFrame(lastFrame, (x) => x.includes('Upload coverage'), 'steps');
    const rows = lastFrame()!.split('\n');
    const at = rows.findIndex((l) => l.includes('Upload coverage')) - rows.findIndex((l) => l.includes('COMMAND'));
    for (let i = 1; i < at; i++) await press(stdin, 'j');
    const f = await waitForFrame(lastFrame, (x) => x.includes(ENV_GREP), 'preview with the command');
    expect(f).toContain('$ #!/bin/bash');
  });
});
