// The contract between the object model and the memory model.
//
// Every Python object the engine creates asks an ObjectAllocator for memory with the size CPython's
// C code would request (GC pre-header included), and gives it back when the object is deallocated.
// Growing a list's item array or a dict's keys table is a realloc of that separate block, as in C.
// The address returned is what id() reports, so identity behaves like CPython's: stable while the
// object lives, reused after it is freed.
//
// Two layers implement it: pymalloc.ts (arenas, pools and blocks, as Objects/obmalloc.c) and
// tracemalloc's tracing wrapper, which records each call with the Python traceback that made it.
export interface ObjectAllocator {
  /** A new block of `size` bytes; returns its address (never 0). */
  malloc(size: number): number;
  /** Resize a block; may move it. `address` 0 behaves like malloc. */
  realloc(address: number, newSize: number): number;
  /** Give a block back. */
  free(address: number): void;
}
