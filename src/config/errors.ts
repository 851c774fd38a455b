/**
 * A user-facing configuration problem. The CLI prints only `message` (one line, no stack),
 * so messages must say what was wrong and what form was expected.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const MAX_SHOWN = 80;

/**
 * Quote user input for an error message. Input may come from env vars or pasted URLs, so strip
 * control characters (terminal escape injection) and cap the length to keep the message one line.
 */
export function quoteInput(input: string): string {
  const printable = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const shown = printable.length > MAX_SHOWN ? `${printable.slice(0, MAX_SHOWN)}…` : printable;
  return JSON.stringify(shown);
}
