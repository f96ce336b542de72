// The GC heads of one interpreter's tracked objects, stored apart from the objects: CPython's
// `PyGC_Head` (two links and the gc_refs/flag bits) for object number i is next[i], prev[i],
// refs[i] and flags[i] below, and objects[i] is the object itself. A list's sentinel head takes an
// index too (objects[i] === null), so the lists are circular, doubly linked lists of indices.
//
// Why not fields on the objects: the collector walks its lists many times per collection, and in a
// linked list of JS objects each step is a load that must wait for the one before it, a cache miss
// apiece because V8 moves objects when it compacts its heap. Walking indices in typed arrays is
// sequential memory, as pymalloc's arenas make it for CPython, and the loads of the objects
// themselves no longer depend on one another. An object only holds its index (`gcIndex`, 0 when it
// is not tracked).
//
// Indices are handed out when an object is tracked and given back when it is untracked, last freed
// first used (like pymalloc's free blocks, and like them listed through themselves: see freeHead),
// so objects allocated together sit together.
import type { GCObject } from "./types";

// Transient bits in flags[i], meaningful while a collection runs (see phases.ts).
/** The object belongs to the generation being collected (set by update_refs). */
export const GC_COLLECTING = 1;
/** move_unreachable put the object in the unreachable list (it may still move back). */
export const GC_UNREACHABLE = 2;
/**
 * Noted by update_refs, which loads every object anyway, for the later phases that would otherwise
 * load each unreachable object again only to find nothing to do (see note_weakrefs_and_finalizer):
 * the object is a weakref or has weakrefs (handle_weakrefs' concern)...
 */
export const GC_WEAKREF_WORK = 4;
/** ...and it has a tp_finalize that has not run (finalize_garbage's concern). */
export const GC_MAY_FINALIZE = 8;

/**
 * kind[i]: what untrack_tuples / untrack_dicts look for (PyTuple_CheckExact, PyDict_CheckExact),
 * exact lists, whose items subtract_refs and move_unreachable walk directly, and weakrefs, which
 * update_refs notes for handle_weakrefs.
 */
export const KIND_OTHER = 0;
export const KIND_TUPLE = 1;
export const KIND_DICT = 2;
export const KIND_LIST = 3;
export const KIND_WEAKREF = 4;

const INITIAL_CAPACITY = 1024;

export class GCHeads {
  next = new Int32Array(INITIAL_CAPACITY);
  prev = new Int32Array(INITIAL_CAPACITY);
  /** gc_refs: meaningful only while a collection runs. */
  refs = new Int32Array(INITIAL_CAPACITY);
  /** GC_COLLECTING, GC_UNREACHABLE, GC_WEAKREF_WORK, GC_MAY_FINALIZE (see above). */
  flags = new Uint8Array(INITIAL_CAPACITY);
  /**
   * KIND_TUPLE / KIND_DICT / KIND_LIST for exact tuples, dicts and lists, KIND_WEAKREF for
   * weakrefs, set when tracked. None of these can change while the object lives (__class__ cannot
   * be assigned on exact builtins, and a weakref stays one), so the passes that care can tell
   * them from everything else without loading each object.
   */
  kind = new Uint8Array(INITIAL_CAPACITY);
  /**
   * The GC_WEAKREF_WORK and GC_MAY_FINALIZE notes of the last update_refs, or'ed together: when a
   * note was made for no object at all, the phase it is for has nothing to look at and skips its
   * walk of the unreachable list.
   */
  notedAny = 0;
  /** The object with each index; null for list sentinels and free indices. Index 0 is never used. */
  objects: (GCObject | null)[] = [null];
  /**
   * The given-back indices, a list threaded through next[] (a free index's next[] names the one
   * given back before it; 0 ends the list), as pymalloc threads its free blocks through the
   * blocks themselves. Why not a stack of its own: freeing ten million objects then wrote a
   * 40 MB array the process had never touched, and the page faults were a tenth of the collection.
   */
  private freeHead = 0;

  /** A fresh index for `op` (or for a list sentinel when null), its links pointing at itself. */
  allocate(op: GCObject | null): number {
    let i = this.freeHead;
    if (i !== 0) {
      this.freeHead = this.next[i];
      this.objects[i] = op;
    } else {
      i = this.objects.length;
      if (i === this.next.length) this.grow();
      this.objects.push(op);
    }
    this.next[i] = i;
    this.prev[i] = i;
    this.refs[i] = 0;
    this.flags[i] = 0;
    this.kind[i] = KIND_OTHER;
    return i;
  }

  /** Gives index i back (the next allocate takes it first); it must no longer be linked into a list. */
  release(i: number): void {
    this.objects[i] = null;
    this.next[i] = this.freeHead;
    this.freeHead = i;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const a = make(size);
      a.set(old);
      return a;
    };
    this.next = widen(this.next, (n) => new Int32Array(n));
    this.prev = widen(this.prev, (n) => new Int32Array(n));
    this.refs = widen(this.refs, (n) => new Int32Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
  }
}
