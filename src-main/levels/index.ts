/**
 * Level packs: loading and validating them, judging attempts, installing teachers' packs.
 * The app shell, the checker CLI and the tests use this facade only.
 */
export { loadPack, loadBuiltinPacks, packLevels, type LoadedPack, type LoadedChapter, type PackLoadResult } from "./load";
export { formatLocatedError, type LocatedError } from "./errors";
export { evaluateAttempt, programFor, type Attempt, type AttemptResult } from "./evaluate";
export { levelForPlayer, type PlayerLevel } from "./player-view";
export type { Level, LevelKind, Goal, StarRule, Solution, CutOption, Chapter, PackManifest } from "./schema";
export { LevelSchema, PackSchema } from "./schema";
export { useEngine, usingHeapwiseEngine } from "./engine-port";
export { admitPack, installPack, installPackFiles, listInstalledPacks, removeInstalledPack, type Admission, type InstallOptions, type InstallResult } from "./install";
export { PACK_LIMITS, readPackUpload, type PackFiles, type PackUpload } from "./pack-files";
export { checkPack, checkPackFiles, packCheckProblems, type PackCheck, type LevelCheck } from "./check";
export { resolveCutArrows, parseObjectPath, type CutArrow, type CutArrowsResult } from "./cut-arrows";
