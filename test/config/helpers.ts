import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

/** A fresh temp dir, removed after each test. Tests never use the real home. */
export function tempDir(prefix = 'sleuth-config-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Write `~/.circleci/cli.yml` under a fake home with the given mode. */
export function writeCliYml(home: string, text: string, mode = 0o600): string {
  const dir = path.join(home, '.circleci');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'cli.yml');
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode); // explicit: writeFileSync's mode is filtered by the umask
  return file;
}

/** Write a file, creating parent folders. */
export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
