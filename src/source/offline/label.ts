// The header label of an evidence folder: `evidence ./circleci-output` when it is under the
// working directory, else the absolute path.
import { isAbsolute, relative, sep } from 'node:path';

export function evidenceLabel(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  if (rel === '') return 'evidence .';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return `evidence ${dir}`;
  return `evidence ./${rel.split(sep).join('/')}`;
}
