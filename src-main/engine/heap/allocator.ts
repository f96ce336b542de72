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
//
// The allocator also remembers each live block's requested size (the heap's byte accounting needs
// it when the block is freed). C's allocators do not, but the one that owns a block knows where to
// keep it cheaply: pymalloc beside the block in its pool, so a free finds the pool once and gets
// both the check that the block is live and its size.

/** What free and blockSize answer for an address that is not a live block. */
export const NOT_A_BLOCK = -1;

export interface ObjectAllocator {
  /** A new block of `size` bytes; returns its address (never 0). */
  malloc(size: number): number;
  /** Resize a block; may move it. `address` 0 behaves like malloc. */
  realloc(address: number, newSize: number): number;
  /**
   * Give a block back; returns the size it was last requested with (malloc or realloc). When
   * `address` is not a live block (0, freed already, never allocated), frees nothing and returns
   * NOT_A_BLOCK.
   */
  free(address: number): number;
  /** The requested size of a live block, or NOT_A_BLOCK. */
  blockSize(address: number): number;
  /** Number of live blocks. */
  readonly blockCount: number;
}
