// A step's output body is a JSON array of {message, time, type}. Join the messages in order and
// keep every character (control sequences, NUL, lone surrogates). A body that is not such an
// array is kept verbatim as text, so nothing a step printed is ever lost to a parse error.
import { isObj } from './coerce.js';
import type { StepOutput } from './types.js';

export function parseStepOutput(body: Buffer): StepOutput {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { text, format: 'text', messages: 0, truncated: false, times: [] };
  }
  if (!Array.isArray(parsed)) return { text, format: 'text', messages: 0, truncated: false, times: [] };
  const parts: string[] = [];
  const times: { offset: number; time: string }[] = [];
  let offset = 0;
  let truncated = false;
  for (const m of parsed) {
    const message = typeof m === 'string' ? m : isObj(m) && typeof m.message === 'string' ? m.message : null;
    if (isObj(m) && m.truncated === true) truncated = true;
    if (message === null) continue;
    if (isObj(m) && typeof m.time === 'string') times.push({ offset, time: m.time });
    parts.push(message);
    offset += message.length;
  }
  return { text: parts.join(''), format: 'json', messages: parsed.length, truncated, times };
}
