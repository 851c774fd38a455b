import path from 'node:path';

/** Show a path under the home directory as `~/…` (shorter, and hides the user name in shared output). */
export function displayPath(filePath: string, home: string): string {
  const relative = path.relative(home, filePath);
  if (relative === '') return '~';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return filePath;
  return `~/${relative.split(path.sep).join('/')}`;
}

/**
 * Expand a leading `~` and make the path absolute. Shells do not expand `~` inside
 * `--flag=~/x` or quoted env values, so we do it here.
 */
export function expandPath(input: string, home: string, cwd: string): string {
  if (input === '~') return home;
  if (input.startsWith('~/') || input.startsWith(`~${path.sep}`)) return path.join(home, input.slice(2));
  return path.resolve(cwd, input);
}
