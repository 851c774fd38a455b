#!/usr/bin/env node
// Entry shim: chalk (used by Ink) ignores NO_COLOR, so translate it before any import loads chalk.
if (process.env.NO_COLOR && !process.env.FORCE_COLOR) process.env.FORCE_COLOR = '0';
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
