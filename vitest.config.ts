import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // One process per test file; on a 2-core CI machine vitest runs one file at a time (cores − 1 forks).
    pool: 'forks',
    // Ceilings, not budgets: every wait in the suite ends as soon as what it waits for is there, so a generous limit
    // costs nothing when the machine is idle. On a busy 2-core machine building the 20 MB log alone takes ~15 s, and
    // an end-to-end test drives a real terminal through several screens. The wait helpers' own limits
    // (test/helpers/ink.ts, test/e2e/tmux.ts) stay below these so a failure shows the last screen, not just "timed out".
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
