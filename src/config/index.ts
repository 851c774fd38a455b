// Public API of the config module.
export { ConfigError } from './errors.js';
export type { Env } from './env.js';
export { maskToken, resolveToken, isTlsVerificationDisabled, TOKEN_ENV_VARS } from './token.js';
export type { TokenResolution } from './token.js';
export { resolveHost, normalizeHost, isLoopback, DEFAULT_HOST, HOST_ENV_VARS } from './host.js';
export type { HostResolution } from './host.js';
export { normalizeSlug, projectFromGitRemote, slugFromRemoteUrl, resolveProject } from './project.js';
export type { ProjectSlug, ProjectResolution } from './project.js';
export { resolveCacheDir, resolveCacheDirWithSource } from './cache-dir.js';
export { openSettings, resolveSettingsDir, Settings, SETTING_KEYS } from './settings.js';
export type { SettingKey, SettingsValues, SettingsOptions } from './settings.js';
export { collectDoctorReport, formatDoctorReport } from './doctor.js';
export type { DoctorItem, DoctorItemKey, DoctorReport, DoctorOptions } from './doctor.js';
export { readCliYml } from './cli-yml.js';
