/** A failure with a clear one-line message for the user (exit 1, no stack trace, no "unexpected"). */
export class FailError extends Error {}
