// A tiny object world for testing the collector: objects with strong references in a list,
// refcounts kept by hand, deallocation that runs __del__ once (PEP 442), clears weakrefs (calling
// their callbacks) and releases contents in order, as CPython's subtype_dealloc does. Every
// observable effect is written to `log`.
import { GCState, gc_on_alloc, gc_on_free, gc_track, gc_untrack, GC_FINALIZED, GC_WEAKREFERENCED, type GCHost, type GCObject } from "../../../src-main/engine/gc";

export interface FakeTypeSpec {
  name: string;
  /** Is a GC type (tracked at creation). Default true. */
  gc?: boolean;
  /** __del__: receives the object. */
  del?: (o: FakeObj) => void;
  /** Has a legacy tp_del. */
  legacy?: boolean;
  /** Exact tuple / dict, for the untracking passes. */
  kind?: "tuple" | "dict";
  /** Has no tp_clear (like a tuple in CPython). */
  noClear?: boolean;
  weakrefable?: boolean;
  immortal?: boolean;
}

export class FakeObj implements GCObject {
  refcnt = 1;
  gcIndex = 0;
  gcFlags = 0;
  refs: FakeObj[] = [];
  /** Weakrefs pointing at this object, in list order. */
  weakrefs: FakeObj[] = [];
  /** For weakref objects. */
  wrObject: FakeObj | null = null;
  wrCallback: ((wr: FakeObj) => void) | null = null;
  freed = false;
  constructor(
    readonly type: FakeTypeSpec,
    readonly name: string,
    readonly id: number,
  ) {}
  toString(): string {
    return this.name;
  }
}

const WEAKREF_TYPE: FakeTypeSpec = { name: "weakref", weakrefable: false };

export class FakeHeap {
  readonly log: string[] = [];
  readonly stderr: string[] = [];
  readonly garbage: FakeObj[] = [];
  readonly callbacks: ((phase: string, info: { generation: number; collected: number; uncollectable: number }) => void)[] = [];
  readonly state: GCState<FakeObj>;
  freeListsCleared = 0;
  private nextId = 0x1000;
  private readonly byName = new Map<string, FakeObj>();

  constructor(thresholds?: [number, number, number]) {
    this.state = new GCState<FakeObj>(this.host(), thresholds);
  }

  /** A new object with one reference (held by the test, like a variable). */
  obj(name: string, type: FakeTypeSpec = { name: "Node" }): FakeObj {
    const o = new FakeObj(type, name, (this.nextId += 0x10));
    if (type.immortal) o.refcnt = 2 ** 32 - 1;
    this.byName.set(name, o);
    if (type.gc !== false) {
      gc_on_alloc(this.state);
      gc_track(this.state, o);
    }
    return o;
  }

  get(name: string): FakeObj {
    return this.byName.get(name)!;
  }

  /** An atom: never tracked (like an int or str). */
  atom(name: string): FakeObj {
    return this.obj(name, { name: "int", gc: false, weakrefable: false });
  }

  /** a holds a strong reference to b (appended to a's references). */
  link(a: FakeObj, ...bs: FakeObj[]): void {
    for (const b of bs) {
      a.refs.push(b);
      b.refcnt++;
    }
  }

  /** a drops its first reference to b. */
  unlink(a: FakeObj, b: FakeObj): void {
    const i = a.refs.indexOf(b);
    if (i < 0) throw new Error(`${a} does not refer to ${b}`);
    a.refs.splice(i, 1);
    this.decref(b);
  }

  /** The test drops its own reference (`del name`). */
  release(...os: FakeObj[]): void {
    for (const o of os) this.decref(o);
  }

  /** weakref.ref(target, callback): a tracked weakref object held by the test. */
  weakref(name: string, target: FakeObj, callback: ((wr: FakeObj) => void) | null = null): FakeObj {
    const wr = this.obj(name, WEAKREF_TYPE);
    wr.wrObject = target;
    wr.wrCallback = callback;
    target.weakrefs.push(wr);
    target.gcFlags |= GC_WEAKREFERENCED; // kept while the list is non-empty, as the engine does
    return wr;
  }

  incref(o: FakeObj): void {
    o.refcnt++;
  }

  decref(o: FakeObj): void {
    if (o.freed) throw new Error(`decref of freed ${o}`);
    if (--o.refcnt === 0) this.dealloc(o);
    if (o.refcnt < 0) throw new Error(`negative refcount on ${o}`);
  }

  private dealloc(o: FakeObj): void {
    // PEP 442: __del__ once, and it may resurrect.
    if (o.type.del && (o.gcFlags & GC_FINALIZED) === 0) {
      o.gcFlags |= GC_FINALIZED;
      o.refcnt = 1;
      o.type.del(o);
      if (--o.refcnt > 0) return;
    }
    gc_untrack(this.state.heads, o);
    this.clearWeakrefsTo(o, true);
    if (o.wrObject !== null) this.detachWeakref(o);
    const refs = o.refs;
    o.refs = [];
    o.freed = true;
    this.log.push(`free ${o}`);
    for (const r of refs) this.decref(r);
    if (o.type.gc !== false) gc_on_free(this.state, o);
  }

  private detachWeakref(wr: FakeObj): void {
    const target = wr.wrObject!;
    target.weakrefs.splice(target.weakrefs.indexOf(wr), 1);
    if (target.weakrefs.length === 0) target.gcFlags &= ~GC_WEAKREFERENCED;
    wr.wrObject = null;
  }

  /** PyObject_ClearWeakRefs: clear every weakref to o, then call the callbacks. */
  private clearWeakrefsTo(o: FakeObj, callCallbacks: boolean): void {
    const wrs = [...o.weakrefs];
    for (const wr of wrs) this.detachWeakref(wr);
    if (!callCallbacks) return;
    for (const wr of wrs) {
      if (wr.wrCallback !== null && !wr.freed) {
        this.incref(wr);
        this.log.push(`callback ${wr}`);
        wr.wrCallback(wr);
        this.decref(wr);
      }
    }
  }

  private host(): GCHost<FakeObj> {
    return {
      isGC: (op) => op.type.gc !== false,
      traverse: (op, visit) => {
        for (const r of op.refs) visit(r);
      },
      clear: (op) => {
        if (op.type.noClear) return;
        const refs = op.refs;
        op.refs = [];
        for (const r of refs) this.decref(r);
      },
      hasFinalizer: (op) => op.type.del !== undefined,
      finalize: (op) => op.type.del!(op),
      hasLegacyFinalizer: (op) => op.type.legacy === true,
      kindOf: (op) => (op.type === WEAKREF_TYPE ? "weakref" : op.type.kind ?? null),
      isImmortalRefcnt: (refcnt) => refcnt >= 2 ** 31,
      typeName: (op) => op.type.name,
      address: (op) => op.id,
      incref: (op) => this.incref(op),
      decref: (op) => this.decref(op),
      isWeakref: (op) => op.type === WEAKREF_TYPE,
      weakrefsTo: (op) => (op.type.weakrefable === false ? null : [...op.weakrefs]),
      clearWeakref: (wr) => {
        if (wr.wrObject !== null) this.detachWeakref(wr);
      },
      weakrefHasCallback: (wr) => wr.wrCallback !== null,
      callWeakrefCallback: (wr) => {
        this.log.push(`callback ${wr}`);
        wr.wrCallback!(wr);
      },
      invokeCallbacks: (phase, info) => {
        for (const cb of [...this.callbacks]) cb(phase, info);
      },
      appendGarbage: (op) => {
        this.incref(op);
        this.garbage.push(op);
      },
      clearFreeLists: () => {
        this.freeListsCleared++;
      },
      writeStderr: (text) => {
        this.stderr.push(text);
      },
    };
  }

  /** __del__ that logs "del <name>". */
  static loggingDel(heap: () => FakeHeap): (o: FakeObj) => void {
    return (o) => heap().log.push(`del ${o}`);
  }
}
