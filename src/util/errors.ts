/** A failure with a clear one-line message for the user (exit 1, no stack trace, no "unexpected"). */
export class FailError extends Error {}

/** A mistake in how the command was called: exit code 2 (the search core raises it for a pattern it cannot use). */
export class UsageError extends Error {}
