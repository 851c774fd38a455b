import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { displayPath } from './home-path.js';
import { APP_DIR_NAME } from './cache-dir.js';
import { resolveSettingsDir, type SettingsOptions } from './settings-dir.js';

/**
 * Non-secret preferences only. The token never goes here: conf's encryption is obfuscation,
 * and these values are shown by `sleuth doctor`.
 */
export type SettingsValues = {
  lastProject?: string;
  lastSince?: string;
  lastUntil?: string;
};
export type SettingKey = keyof SettingsValues;
export const SETTING_KEYS: readonly SettingKey[] = ['lastProject', 'lastSince', 'lastUntil'];

/** Refuse anything that looks like a CircleCI token (personal, project, or legacy 40-hex). */
const TOKEN_LIKE = /CCIPAT_|CCIPRJ_|^[0-9a-f]{40}$/i;
const MAX_VALUE_LENGTH = 500;

const valueSchema = { type: 'string', maxLength: MAX_VALUE_LENGTH } as const;
const schema = { lastProject: valueSchema, lastSince: valueSchema, lastUntil: valueSchema };

export { resolveSettingsDir, type SettingsOptions } from './settings-dir.js';

export function openSettings(options: SettingsOptions = {}): Settings {
  return new Settings(options);
}

/**
 * Typed wrapper over conf. Never throws: read failures give empty values, write failures
 * return false; both add to `warnings` for the caller to show.
 */
export class Settings {
  readonly dir: string;
  readonly path: string;
  /** Where `dir` came from: `parameter`, `env SLEUTH_CONFIG_DIR`, `env XDG_CONFIG_HOME` or `default`. */
  readonly source: string;
  readonly #home: string;
  readonly #platform: NodeJS.Platform;
  readonly #warnings: string[] = [];
  #conf: Conf<SettingsValues> | undefined;

  constructor(options: SettingsOptions = {}) {
    const { dir, source } = resolveSettingsDir(options);
    this.dir = dir;
    this.path = path.join(dir, 'config.json');
    this.source = source;
    this.#home = options.home ?? os.homedir();
    this.#platform = options.platform ?? process.platform;
  }

  get warnings(): readonly string[] {
    return [...this.#warnings];
  }

  /** All stored values (empty when the file is missing, unreadable or invalid). */
  read(): SettingsValues {
    // Don't construct conf just to read: it would create the directory.
    if (!fs.existsSync(this.path)) return {};
    try {
      const store = this.#open().store;
      const values: SettingsValues = {};
      for (const key of SETTING_KEYS) {
        const value = store[key];
        if (typeof value === 'string') values[key] = value;
      }
      return values;
    } catch (error) {
      this.#warn(`could not read settings ${this.#shown()} (${describe(error)}); using defaults`);
      return {};
    }
  }

  get(key: SettingKey): string | undefined {
    return this.read()[key];
  }

  /** Store a value (trimmed); returns false (with a warning) if refused or if the write failed. */
  set(key: SettingKey, value: string): boolean {
    if (!SETTING_KEYS.includes(key)) {
      this.#warn(`unknown setting ${JSON.stringify(key)}; not saved`);
      return false;
    }
    if (typeof value !== 'string') {
      this.#warn(`setting ${key} has an invalid value; not saved`);
      return false;
    }
    const trimmed = value.trim();
    // Checked first: the warning must not echo the value, and this is the case that matters.
    if (TOKEN_LIKE.test(trimmed)) {
      this.#warn(`setting ${key} looks like an API token; tokens are never saved in settings`);
      return false;
    }
    if (trimmed.length > MAX_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
      this.#warn(`setting ${key} has an invalid value; not saved`);
      return false;
    }
    return this.#write(key, (conf) => conf.set(key, trimmed));
  }

  delete(key: SettingKey): boolean {
    if (!fs.existsSync(this.path)) return true;
    return this.#write(key, (conf) => conf.delete(key));
  }

  #write(key: SettingKey, change: (conf: Conf<SettingsValues>) => void): boolean {
    try {
      // 0700 directory, 0600 file (conf's default mode is 0666).
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      change(this.#open());
      // A file created by an older version may be looser; writes go through a temp file with
      // mode 0600, but make sure even if the filesystem ignored it.
      if (this.#platform !== 'win32') fs.chmodSync(this.path, 0o600);
      return true;
    } catch (error) {
      this.#warn(`could not save setting ${key} to ${this.#shown()} (${describe(error)})`);
      return false;
    }
  }

  #open(): Conf<SettingsValues> {
    this.#conf ??= new Conf<SettingsValues>({
      projectName: APP_DIR_NAME,
      projectSuffix: '',
      cwd: this.dir,
      configFileMode: 0o600,
      schema,
      clearInvalidConfig: true,
      // Keys are plain names; dots in them must not create nested objects.
      accessPropertiesByDotNotation: false,
      deserialize: (text) => {
        try {
          return JSON.parse(text) as SettingsValues;
        } catch (error) {
          // conf clears the store on SyntaxError; tell the user why their settings vanished.
          this.#warn(`settings ${this.#shown()} was not valid JSON; starting from defaults`);
          throw error;
        }
      },
    });
    return this.#conf;
  }

  #shown(): string {
    return displayPath(this.path, this.#home);
  }

  #warn(message: string): void {
    if (!this.#warnings.includes(message)) this.#warnings.push(message);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error';
}
