// How big a level pack may be. Plain constants with no imports: the reader of pack files, the API
// contract (which bounds an uploaded pack) and the renderer (which refuses a too-large pick before
// reading it) all use these same numbers.

export const PACK_LIMITS = {
  maxFiles: 400,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  /** A zip's own size. */
  maxZipBytes: 8 * 1024 * 1024,
} as const;

/** Characters of base64 that `bytes` bytes take. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
