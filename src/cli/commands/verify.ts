// `sleuth verify DIR`: the folder against its manifest.json and SHA256SUMS (evidence/verify.ts).
// One line per difference, then a count. Exit 0 everything matches, 1 any difference, 2 DIR is
// not an evidence folder (no manifest). Names come from the folder and are hostile: quoted.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { quote } from '../../evidence/safe-name.js';
import { NotEvidenceError, verifyEvidence, type Difference, type VerifyReport } from '../../evidence/verify.js';
import { sanitize } from '../../text/sanitize.js';
import type { Io } from '../io.js';
import { safeJson } from '../json.js';

export interface VerifyFlags {
  json?: boolean;
}

type Runner = (...args: never[]) => Promise<number>;

export function registerVerify(program: Command, io: Io, h: { run: (fn: Runner) => (...args: unknown[]) => Promise<void> }): void {
  program.command('verify').argument('<dir>', 'evidence folder (what `sleuth download` wrote)')
    .description('check a folder against its manifest.json and SHA256SUMS: every file present, same size and sha256, nothing unrecorded')
    .option('--json', 'print JSON')
    .action(h.run((dir: never, flags: never) => verifyCommand(dir, flags, io)));
}

export async function verifyCommand(dir: string, flags: VerifyFlags, io: Io): Promise<number> {
  let r: VerifyReport;
  try {
    r = await verifyEvidence(resolve(io.cwd, dir));
  } catch (e) {
    if (!(e instanceof NotEvidenceError)) throw e;
    io.err.write(`sleuth: ${clean(e.message)}\n`);
    return 2;
  }
  const ok = r.differences.length === 0;
  if (flags.json) {
    io.out.write(`${safeJson({ ok, ...r })}\n`);
    return ok ? 0 : 1;
  }
  for (const d of r.differences) io.out.write(`${lineOf(d)}\n`);
  for (const k of r.keptAside) io.out.write(`kept aside: ${quote(k.path, 300)} (the changed copy of ${quote(k.was, 300)}${k.noticed_at ? `, noticed ${clean(k.noticed_at)}` : ''})\n`);
  for (const n of r.notes) io.out.write(`note: ${clean(n)}\n`);
  const files = `${r.recorded} recorded file${r.recorded === 1 ? '' : 's'}`;
  io.out.write(ok
    ? `verified: ${files} match manifest.json and SHA256SUMS, nothing unrecorded → ${clean(r.dir)}\n`
    : `${r.differences.length} difference${r.differences.length === 1 ? '' : 's'}: ${r.matched} of ${files} match → ${clean(r.dir)}\n`);
  return ok ? 0 : 1;
}

function lineOf(d: Difference): string {
  return `${d.kind}: ${d.path === null ? '(folder)' : quote(d.path, 300)} ${clean(d.detail)}`;
}

const clean = (text: string): string => sanitize(text, { keepColor: false, maxLineLength: 500 }).replace(/\n/g, ' ');
