import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
// Normalise the environment so Ink renders every frame in tests (CI=true makes it print only the last one)
// and colours are stable. Tests that spawn the real CLI pass their own env.
delete process.env.CI;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '0';
// Never let a developer's real token reach a test.
delete process.env.CIRCLE_TOKEN;
delete process.env.CIRCLECI_CLI_TOKEN;
delete process.env.CIRCLE_CLI_TOKEN;
// A command that succeeds with --project remembers it in the settings file (the last-used project). Children that
// inherit this environment (tmux panes, spawned bin tests) write to a temp settings folder, never ~/.config.
if (!process.env.SLEUTH_CONFIG_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'sleuth-test-config-'));
  process.env.SLEUTH_CONFIG_DIR = dir;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.SLEUTH_CONFIG_DIR === dir) delete process.env.SLEUTH_CONFIG_DIR;
  });
}
// RCA sends without an evidence folder and demo worlds go to the state directory ($XDG_STATE_HOME/circle-sleuth):
// a temp one, so no test writes to ~/.local/state.
if (!process.env.XDG_STATE_HOME) {
  const dir = mkdtempSync(join(tmpdir(), 'sleuth-test-state-'));
  process.env.XDG_STATE_HOME = dir;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.XDG_STATE_HOME === dir) delete process.env.XDG_STATE_HOME;
  });
}
