// Evidence download: public surface for the CLI and the TUI (no Ink here).
export { downloadEvidence, isArtifactHost, type DownloadFailure, type DownloadOptions, type DownloadResult, type DownloadTarget } from './downloader.js';
export type { DownloadProgress } from '../util/progress-text.js';
export { EvidenceFsError } from './fs.js';
export { MANIFEST_NAME, SUMS_NAME, type FileRecord, type JobEntry, type Manifest, type UnparsedRecord } from './manifest.js';
export { checkArtifactPath, nameArtifacts, safeWorkflowDir } from './safe-name.js';
