// The one error type the store throws on purpose. `message` is written for the player (the shell
// shows it as is); `kind` lets the shell or a CLI decide what to do without parsing the message.

export type ProgressStoreErrorKind =
  /** The file was written by a newer Heapwise; it is left exactly as it was. */
  | "newer-version"
  /** The file or folder cannot be opened or written (permissions, locked by another program, disk). */
  | "unavailable"
  /** No profile (or progress file) with that id or name. */
  | "not-found"
  /** A profile name is already taken. */
  | "duplicate-name"
  /** Input that does not fit (an empty name, an import that is not a Heapwise export, ...). */
  | "invalid-input";

export class ProgressStoreError extends Error {
  override readonly name = "ProgressStoreError";
  constructor(
    readonly kind: ProgressStoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
