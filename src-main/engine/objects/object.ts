// The object header every Python object carries (ob_refcnt, ob_type, plus the GC head fields for
// container types), reference counting and deallocation with a trashcan so long chains free
// iteratively. Type objects live here too because every object points at one.
import { SHARED_KEYS_MAX_SIZE } from "./shared-keys";
import { heap } from "../heap/heap";
import { vm } from "./hooks";
import { GC_FINALIZED, GC_WEAKREFERENCED } from "../gc/types";
import { IMMORTAL_REFCNT, IMMORTAL_THRESHOLD } from "../profile";

/** Visits one outgoing reference; `key` labels it (an index, an attribute or key text). */
export type Visit = (child: PyObject, key: string | number) => void;

export abstract class PyObject {
  refcnt = 1;
  type: PyType;
  /**
   * id(): the address the allocator handed out (static objects get a fixed one). A 47-bit number.
   * The field starts as null so that V8 keeps it "tagged": the number is then one immutable heap
   * number made when the address is stored, and reading it costs nothing more. As a plain number
   * field V8 would keep it unboxed and box a fresh copy each time it is passed to a call it did not
   * inline, which made every free allocate (and set off V8's own collections mid-gc.collect()).
   */
  addr: number = null as unknown as number;
  /** Index of the GC head while tracked (gc/gc_heads.ts), 0 when not; GC types only. */
  gcIndex = 0;
  /**
   * Bits of the object itself, kept while untracked: GC_FINALIZED (1, PEP 442) and
   * WEAKREFERENCED (8, below). The collector's transient bits are not here
   * (gc/gc_heads.ts), so nothing may reset this word wholesale.
   */
  gcFlags = 0;

  constructor(type: PyType) {
    this.type = type;
  }


  /** Releases what this object owns and gives its memory back. Called when refcnt hits 0. */
  abstract dealloc(): void;
  /**
   * Whether dealloc() itself releases the reference an instance holds to its class when that class
   * is a heap type (instances of Python classes, weakref and exception subclasses). Otherwise the
   * object is a builtin's value retagged with a subclass, and deallocation releases the class after
   * the builtin's dealloc, as subtype_dealloc does.
   */
  get deallocReleasesType(): boolean {
    return false;
  }
  /** Every strong reference this object holds (tp_traverse). */
  traverse(_visit: Visit): void {}
  /** Drops the references that can be part of cycles (tp_clear). */
  clear(): void {}
}

export function incref(o: PyObject): void {
  o.refcnt++;
}

export function decref(o: PyObject): void {
  if (--o.refcnt === 0) deallocate(o);
}

/**
 * Releases slots[from..to), first to last, emptying each slot before its decref (a finalizer
 * that runs may look at the array). Returns `from`: the new top when it pops a value stack.
 */
export function releaseSlots(slots: (PyObject | null)[], from = 0, to = slots.length): number {
  for (let i = from; i < to; i++) {
    const o = slots[i];
    if (o !== null) {
      slots[i] = null;
      decref(o);
    }
  }
  return from;
}

export function xdecref(o: PyObject | null | undefined): void {
  if (o != null && --o.refcnt === 0) deallocate(o);
}

export function isImmortal(o: PyObject): boolean {
  return isImmortalRefcnt(o.refcnt);
}
export function isImmortalRefcnt(refcnt: number): boolean {
  return refcnt >= IMMORTAL_THRESHOLD;
}

export function makeImmortal<T extends PyObject>(o: T): T {
  o.refcnt = IMMORTAL_REFCNT;
  return o;
}

/** How deep deallocations nest before further ones are queued (Py_TRASHCAN). */
const TRASHCAN_DEPTH = 50;

export function deallocate(o: PyObject): void {
  const h = heap;
  if (h.deallocDepth >= TRASHCAN_DEPTH) {
    h.pendingDealloc.push(o);
    return;
  }
  h.deallocDepth++;
  try {
    runDealloc(o);
  } finally {
    h.deallocDepth--;
  }
  if (h.deallocDepth === 0 && h.pendingDealloc.length > 0) drainTrashcan();
}

/**
 * tp_dealloc. For a builtin's value retagged with a Python subclass (`class L(list)`), this is
 * subtype_dealloc around the builtin's dealloc: the class's __del__ first (once, PEP 442; it may
 * resurrect the object), and the class's reference released after.
 */
function runDealloc(o: PyObject): void {
  const t = o.type;
  const subtype = t.heapType && !o.deallocReleasesType;
  if (subtype && PyObject_CallFinalizerFromDealloc(o)) return;
  o.dealloc();
  if (subtype) decref(t);
}

/**
 * PyObject_CallFinalizerFromDealloc: at refcount death, the class's __del__ runs, once per object
 * (PEP 442), with the object briefly alive again. Returns true when it resurrected the object
 * (the deallocation then stops there).
 */
export function PyObject_CallFinalizerFromDealloc(o: PyObject): boolean {
  if ((o.gcFlags & GC_FINALIZED) !== 0 || !o.type.hasFinalizer) return false;
  o.gcFlags |= GC_FINALIZED;
  o.refcnt = 1;
  vm.callFinalizer(o);
  return --o.refcnt !== 0;
}

function drainTrashcan(): void {
  const h = heap;
  const pending = h.pendingDealloc;
  h.deallocDepth++;
  try {
    while (pending.length > 0) runDealloc(pending.pop()!);
  } finally {
    h.deallocDepth--;
  }
}

/** Gives an object an address; GC types count toward count[0]. */
export function allocObject(o: PyObject, size: number, gcType: boolean): void {
  o.addr = heap.malloc(size);
  if (gcType) heap.gc.onGCAlloc();
}

/** PyObject_GC_Del / PyObject_Free for an object allocated with allocObject. */
export function freeObject(o: PyObject, gcType: boolean): void {
  if ((o.gcFlags & WEAKREFERENCED) !== 0) clearWeakRefs!(o);
  if (gcType) {
    if (o.gcIndex !== 0) heap.gc.untrack(o);
    heap.gc.onGCFree();
  }
  heap.free(o.addr);
}

/**
 * [weakref hook] PyObject_ClearWeakRefs, installed by modules/weakref_object.ts: clears the weak
 * references to a dying object and calls their callbacks. freeObject runs it for every type;
 * an instance runs it earlier, right after __del__ (subtype_dealloc's order).
 */
let clearWeakRefs: ((o: PyObject) => void) | null = null;
export function setClearWeakRefs(fn: (o: PyObject) => void): void {
  clearWeakRefs = fn;
}
export function clearWeakRefsOf(o: PyObject): void {
  // Tested here, before the call through the hook, because nearly every dying object has none.
  if ((o.gcFlags & WEAKREFERENCED) !== 0) clearWeakRefs!(o);
}

/**
 * gcFlags bit: the object has weak references (an entry in modules/weakref_object.ts's side
 * table), set when its first weakref is made and cleared when its list empties. The collector
 * reads it too (gc/types.ts GC_WEAKREFERENCED); untracking keeps it.
 */
export const WEAKREFERENCED = GC_WEAKREFERENCED;

export function gcTrack(o: PyObject): void {
  heap.gc.track(o);
}
export function gcUntrack(o: PyObject): void {
  if (o.gcIndex !== 0) heap.gc.untrack(o);
}

let nextStaticAddress = 0x55d0_0000_0000;
/** Static objects (builtin types, singletons) live in the "binary": a fixed address, no malloc. */
export function staticAddress(size = 16): number {
  const a = nextStaticAddress;
  nextStaticAddress += Math.ceil(size / 16) * 16 + 16;
  return a;
}

// ---------------------------------------------------------------------------------------------
// Type objects

/** A native method implementation: borrowed self and args, returns a new reference. */
export type NativeFn = (self: PyObject, args: PyObject[], kwnames: string[] | null) => PyObject;

export interface TypeSpec {
  name: string;
  base?: PyType | null;
  /** tp_basicsize as Python reports __basicsize__. */
  basicsize?: number;
  itemsize?: number;
  gc?: boolean;
  /** Whether Python code may subclass it (object, Exception...). */
  baseType?: boolean;
  module?: string;
}

export class PyType extends PyObject {
  name: string;
  qualname: string;
  module: string;
  base: PyType | null;
  bases: PyType[];
  mro: PyType[] = [];
  /** The type's namespace; values are strong references. */
  dict: TypeNamespace = new Map<string, PyObject>();
  heapType = false;
  basicsize: number;
  itemsize: number;
  /** Instances are GC types (have the GC pre-header). */
  gcInstances: boolean;
  /** For heap types: instances have a __dict__ / __weakref__ / these slots. */
  hasDict = false;
  hasWeakref = false;
  slotNames: string[] = [];
  /** Index of each slot name in an instance's slot array (own and inherited). */
  slotIndex = new Map<string, number>();
  /** Cached dunder lookups (name -> object or null); cleared when any type's dict changes. */
  cache = new Map<string, PyObject | null>();
  /** Defines __del__ (tp_finalize). */
  hasFinalizer = false;
  /**
   * How many attributes its instances were seen to hold (capped): new instances size their inline
   * values for that many, as CPython sizes them from the class's shared keys.
   */
  expectedAttributes = 0;
  /** The names its instances' inline values can hold (objects/shared-keys.ts); made on first use. */
  sharedKeys: Set<string> | null = null;
  /**
   * dk_usable of those shared keys: room left for names. It starts at SHARED_KEYS_MAX_SIZE and
   * goes down by one per new name and per instance made (objects/shared-keys.ts).
   */
  sharedKeysUsable = SHARED_KEYS_MAX_SIZE;
  /** The builtin type whose instance layout this type's instances use. */
  solidBase: PyType;
  /** Value of the class body's __classcell__ etc. handled by the creator. */

  constructor(metatype: PyType | null, spec: TypeSpec) {
    super(metatype as PyType);
    this.name = spec.name;
    this.qualname = spec.name;
    this.module = spec.module ?? "builtins";
    this.base = spec.base === undefined ? null : spec.base;
    this.bases = this.base ? [this.base] : [];
    this.basicsize = spec.basicsize ?? 16;
    this.itemsize = spec.itemsize ?? 0;
    this.gcInstances = spec.gc ?? false;
    this.solidBase = this;
    this.computeMro();
  }

  computeMro(): void {
    if (this.bases.length <= 1) {
      this.mro = [this, ...(this.bases[0]?.mro ?? [])];
      return;
    }
    // C3 linearisation.
    const seqs: PyType[][] = [...this.bases.map((b) => [...b.mro]), [...this.bases]];
    const result: PyType[] = [this];
    for (;;) {
      const nonEmpty = seqs.filter((s) => s.length > 0);
      if (nonEmpty.length === 0) break;
      let candidate: PyType | null = null;
      for (const s of nonEmpty) {
        const head = s[0];
        if (!nonEmpty.some((t) => t.indexOf(head) > 0)) {
          candidate = head;
          break;
        }
      }
      if (candidate === null) throw new Error("MRO conflict");
      result.push(candidate);
      for (const s of nonEmpty) if (s[0] === candidate) s.shift();
    }
    this.mro = result;
  }

  /** _PyType_Lookup: the attribute along the MRO, borrowed. */
  lookup(name: string): PyObject | null {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    let found: PyObject | null = null;
    for (const t of this.mro) {
      const v = t.dict.get(name);
      if (v !== undefined) {
        found = v;
        break;
      }
    }
    this.cache.set(name, found);
    return found;
  }

  isSubtype(other: PyType): boolean {
    if (this === other) return true;
    return this.mro.includes(other);
  }

  /**
   * What a heap type owns as CPython's PyHeapTypeObject does, as real objects (set by type_new in
   * vm/classes.ts): tp_dict (the dict object behind `dict`), tp_bases and tp_mro (tuples), tp_base,
   * ht_slots (a tuple of the sorted own slot names, never traversed: strings cannot form cycles),
   * and tp_subclasses (a dict of weakrefs to direct subclasses, created with the first one).
   * `bases` and `mro` above are borrowed views of the two tuples for the engine's lookups.
   */
  tpDict: PyObject | null = null;
  basesTuple: PyObject | null = null;
  mroTuple: PyObject | null = null;
  heldBase: PyType | null = null;
  htSlots: PyObject | null = null;
  tpSubclasses: PyObject | null = null;

  /**
   * type_clear: empties the dict (dropping the layout descriptors' references back to the class)
   * and drops the MRO tuple, which holds the class itself. That breaks every cycle through a class.
   */
  override clear(): void {
    this.cache.clear();
    if (this.tpDict !== null) this.tpDict.clear();
    const mro = this.mroTuple;
    this.mroTuple = null;
    if (mro !== null) decref(mro);
  }

  /** type_dealloc, in its order: leave the bases' subclass lists, clear weakrefs, then release. */
  override dealloc(): void {
    gcUntrack(this);
    if (removeSubclassHook !== null) removeSubclassHook(this);
    clearWeakRefsOf(this);
    const owned = [this.heldBase, this.tpDict, this.basesTuple, this.mroTuple, this.tpSubclasses, this.htSlots];
    this.heldBase = null;
    this.tpDict = this.basesTuple = this.mroTuple = this.tpSubclasses = this.htSlots = null;
    forgetHeapType(this);
    for (const o of owned) if (o !== null) decref(o);
    freeObject(this, true);
  }

  /** type_traverse: tp_dict, tp_mro, tp_bases, tp_base (subclasses and ht_slots are not visited). */
  override traverse(visit: Visit): void {
    if (this.tpDict !== null) visit(this.tpDict, "__dict__");
    if (this.mroTuple !== null) visit(this.mroTuple, "__mro__");
    if (this.basesTuple !== null) visit(this.basesTuple, "__bases__");
    if (this.heldBase !== null) visit(this.heldBase, "__base__");
  }
}

/**
 * A type's namespace as the engine reads it: a plain Map for builtin types, the tp_dict object of a
 * heap type behind the same interface (objects/type-dict.ts). `set` takes over the value reference;
 * the caller releases a replaced or deleted value.
 */
export interface TypeNamespace {
  readonly size: number;
  get(name: string): PyObject | undefined;
  has(name: string): boolean;
  set(name: string, value: PyObject): unknown;
  delete(name: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<PyObject>;
  [Symbol.iterator](): IterableIterator<[string, PyObject]>;
}

/** [subclasses hook] remove_all_subclasses, installed by vm/subclasses.ts. */
let removeSubclassHook: ((t: PyType) => void) | null = null;
export function setRemoveSubclassHook(fn: (t: PyType) => void): void {
  removeSubclassHook = fn;
}

/** Invalidates every type's lookup cache (a class attribute changed). */
const allTypes: PyType[] = [];
let heapTypeCaches: Set<PyType> = new Set();
export function registerType(t: PyType): void {
  if (t.heapType) heapTypeCaches.add(t);
  else allTypes.push(t);
}
export function invalidateTypeCaches(): void {
  for (const t of heapTypeCaches) t.cache.clear();
  for (const t of allTypes) t.cache.clear();
}
/**
 * update_slot for `__del__`: a class's tp_finalize follows its MRO's dicts, so storing or deleting
 * `__del__` on a class after it was made changes it for that class and every subclass.
 */
export function updateFinalizerSlots(): void {
  for (const t of heapTypeCaches) t.hasFinalizer = t.lookup("__del__") !== null;
}
export function forgetHeapType(t: PyType): void {
  heapTypeCaches.delete(t);
}
export function resetHeapTypeRegistry(): void {
  heapTypeCaches = new Set();
}

/** `type` itself: its own metatype. */
export const typeType: PyType = (() => {
  const t = new PyType(null, { name: "type", basicsize: 920, itemsize: 40, gc: true, baseType: true });
  t.type = t;
  return t;
})();

export const objectType = new PyType(typeType, { name: "object", basicsize: 16, baseType: true });
typeType.base = objectType;
typeType.bases = [objectType];
typeType.computeMro();

/** Creates a static (immortal) builtin type. */
export function builtinType(spec: TypeSpec): PyType {
  const t = new PyType(typeType, { base: objectType, ...spec });
  makeImmortal(t);
  t.addr = staticAddress(920);
  if (t.base && t.base !== objectType) t.solidBase = t;
  registerType(t);
  return t;
}
makeImmortal(typeType);
typeType.addr = staticAddress(920);
makeImmortal(objectType);
objectType.addr = staticAddress(920);
registerType(typeType);
registerType(objectType);
