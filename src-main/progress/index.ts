// The progress store's facade: the only way the rest of the app reaches saved progress, and the
// only part of src-main that imports better-sqlite3 (through ./open and ./migrations).
export { openProgressStore, PROGRESS_FILE_NAME } from "./open";
export type { OpenedStore, OpenOptions } from "./open";
export { ProgressStore, DEFAULT_PROFILE_NAME } from "./store";
export { ProgressStoreError } from "./errors";
export type { ProgressStoreErrorKind } from "./errors";
export { LATEST_SCHEMA_VERSION } from "./migrations";
export { PROGRESS_FORMAT, PROGRESS_FORMAT_VERSION, parseProgressExport } from "./schemas";
export * from "./types";
