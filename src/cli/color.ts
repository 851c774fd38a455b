// Minimal SGR colouring for CLI tables. Off when NO_COLOR is set, FORCE_COLOR=0, TERM=dumb,
// or the stream is not a terminal.

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

/** Status → colour, shared by every table (and mirrored by the TUI theme). */
export function statusTone(status: string | null | undefined): 'ok' | 'bad' | 'active' | 'waiting' | 'muted' {
  switch (status) {
    case 'success': case 'fixed': case 'created': return 'ok';
    case 'failed': case 'error': case 'errored': case 'failing': case 'infrastructure_fail': case 'timedout': case 'unauthorized': case 'terminated-unknown': return 'bad';
    case 'running': case 'queued': case 'setup': case 'setup-pending': case 'pending': return 'active';
    case 'on_hold': case 'blocked': case 'not_running': return 'waiting';
    default: return 'muted';
  }
}

export function paintStatus(p: Palette, status: string): string {
  const tone = statusTone(status);
  return tone === 'ok' ? p.green(status) : tone === 'bad' ? p.red(status) : tone === 'active' ? p.blue(status) : tone === 'waiting' ? p.yellow(status) : p.gray(status);
}
