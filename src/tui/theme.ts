// Colours for 16-colour terminals (SSH rarely has truecolour). Tone → Ink colour name.
import { statusTone } from '../cli/color.js';

export const toneColor: Record<string, string | undefined> = {
  ok: 'green', error: 'red', bad: 'red', warn: 'yellow', waiting: 'yellow', active: 'cyan', info: undefined, muted: 'gray',
};

export function statusColor(status: string): string | undefined {
  return toneColor[statusTone(status)];
}
