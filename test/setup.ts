// Normalise the environment so Ink renders every frame in tests (CI=true makes it print only the last one)
// and colours are stable. Tests that spawn the real CLI pass their own env.
delete process.env.CI;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '0';
// Never let a developer's real token reach a test.
delete process.env.CIRCLE_TOKEN;
delete process.env.CIRCLECI_CLI_TOKEN;
delete process.env.CIRCLE_CLI_TOKEN;
