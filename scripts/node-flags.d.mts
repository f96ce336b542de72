// Types for node-flags.mjs (a plain module, run by node before anything is built).
export function v8PoolSizeFlag(cores?: number): string;
