// Minimal SGR colouring for CLI tables. Off when NO_COLOR is set, FORCE_COLOR=0, TERM=dumb,
// or the stream is not a terminal.
import { statusTone } from '../api/status.js';

export type Paint = (s: string) => string;
export interface Palette { green: Paint; red: Paint; yellow: Paint; blue: Paint; gray: Paint; bold: Paint; dim: Paint; inverse: Paint }

const sgr = (open: number, close: number): Paint => (s) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain: Paint = (s) => s;

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export function palette(enabled: boolean): Palette {
  if (!enabled) return { green: plain, red: plain, yellow: plain, blue: plain, gray: plain, bold: plain, dim: plain, inverse: plain };
  return { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(36, 39), gray: sgr(90, 39), bold: sgr(1, 22), dim: sgr(2, 22), inverse: sgr(7, 27) };
}

export function paintStatus(p: Palette, status: string): string {
  const tone = statusTone(status);
  return tone === 'ok' ? p.green(status) : tone === 'bad' ? p.red(status) : tone === 'active' ? p.blue(status) : tone === 'waiting' ? p.yellow(status) : p.gray(status);
}
