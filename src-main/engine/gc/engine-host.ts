// The collector bound to the engine's object model: each GCHost member is the engine's version
// of the CPython slot or function it names (tp_traverse is PyObject.traverse, tp_clear is
// PyObject.clear, tp_finalize is __del__, weakrefs come from modules/weakref_object.ts).
// installEngineGCHost() fills engine-host-slot.ts's object, which every heap's GCState uses.
import { decref, isImmortalRefcnt, PyObject, PyType } from "../objects/object";
import { tupleType, type PyTuple } from "../objects/tuple";
import { PyDict, dictTraverseEntries, dictType, dictSetStr, newDict } from "../objects/dict";
import { newList, listAppend, listType, PyList } from "../objects/list";
import { newInt } from "../objects/int";
import { internString, newStr } from "../objects/str";
import { vm } from "../objects/hooks";
import { heap } from "../heap/heap";
import { PyInstance, instanceTraverse } from "../objects/instance";
import { interp } from "../vm/interp";
import { PyGen, finalizeGenerator } from "../vm/generator";
import { PyWeakref, clearRefKeepCallback, handleCallback, weakrefsTo } from "../modules/weakref_object";
import { engineGCHost } from "./engine-host-slot";
import type { GCCallbackInfo, GCHost, GCObject, GCVisit } from "./types";
import type { GCState } from "./state";

/** gc.garbage and gc.callbacks of one interpreter (Python lists, created on first use). */
interface GCLists {
  garbage: PyList;
  callbacks: PyList;
}
const listsByState = new WeakMap<object, GCLists>();

/** The gc module's `garbage` and `callbacks` lists for a heap's GC state. */
export function gcLists(state: GCState<PyObject> | object): GCLists {
  let lists = listsByState.get(state);
  if (lists === undefined) {
    lists = { garbage: newList([]), callbacks: newList([]) };
    listsByState.set(state, lists);
  }
  return lists;
}

/** _PyObject_IS_GC: a GC type; for type objects only heap types (static types are not). */
export function isGCObject(op: PyObject): boolean {
  if (!op.type.gcInstances) return false;
  return !(op instanceof PyType) || op.heapType;
}

/**
 * tp_finalize != NULL: instances of classes with __del__ (subclasses of builtins too: their
 * slot_tp_finalize is inherited by the builtin's value), and generators (_PyGen_Finalize).
 */
function hasFinalizer(op: PyObject): boolean {
  return op.type.hasFinalizer; // generatorType's is set (vm/generator.ts)
}

function finalize(op: PyObject): void {
  if (op instanceof PyGen) finalizeGenerator(op);
  else vm.callFinalizer(op);
}

function invokeCallbacks(phase: "start" | "stop", info: GCCallbackInfo): void {
  const lists = listsByState.get(heap.gc);
  if (lists === undefined || lists.callbacks.items.length === 0) return;
  const callbacks = lists.callbacks;
  // Py_BuildValue("{sisnsn}", ...): a fresh dict with these three keys, in this order.
  const d = newDict();
  for (const [k, v] of [["generation", info.generation], ["collected", info.collected], ["uncollectable", info.uncollectable]] as const) {
    const key = internString(k);
    const value = newInt(v);
    dictSetStr(d, key, value);
    decref(key);
    decref(value);
  }
  const phaseObj = newStr(phase);
  try {
    // The list may change while its callbacks run: index it afresh each time, as CPython does.
    for (let i = 0; i < callbacks.items.length; i++) {
      const cb = callbacks.items[i];
      cb.refcnt++;
      try {
        decref(vm.call(cb, [phaseObj, d], null));
      } catch (e) {
        vm.writeUnraisable(e, cb);
      } finally {
        decref(cb);
      }
    }
  } finally {
    decref(phaseObj);
    decref(d);
  }
}

const host: GCHost<PyObject> = {
  isGC: isGCObject,
  // Instances are the commonest objects in a collection. Called directly, their traverse inlines
  // into the collector's passes along with its visit function (see instanceTraverse).
  traverse: (op: PyObject, visit: GCVisit<PyObject>) => (op instanceof PyInstance ? instanceTraverse(op, visit) : op.traverse(visit)),
  untrackItems: (op: PyObject, visit: GCVisit<PyObject>) => (op instanceof PyDict ? dictTraverseEntries(op, visit) : op.traverse(visit)),
  // Called directly for instances too, for the same reason.
  clear: (op: PyObject) => (op instanceof PyInstance ? PyInstance.clear(op) : op.clear()),
  hasFinalizer,
  finalize,
  hasLegacyFinalizer: () => false,
  kindOf: (op: PyObject) => (op.type === tupleType ? "tuple" : op.type === dictType ? "dict" : op.type === listType ? "list" : op instanceof PyWeakref ? "weakref" : null),
  sequenceItems: (op: PyObject) => (op as PyList | PyTuple).items,
  isImmortalRefcnt,
  typeName: (op: PyObject) => op.type.name,
  address: (op: PyObject) => op.addr,
  incref: (op: PyObject) => {
    op.refcnt++;
  },
  decref,
  isWeakref: (op: PyObject) => op instanceof PyWeakref,
  weakrefsTo: (op: PyObject) => {
    const list = weakrefsTo(op);
    return list === undefined ? null : list.slice();
  },
  clearWeakref: (wr: PyObject) => clearRefKeepCallback(wr as PyWeakref),
  weakrefHasCallback: (wr: PyObject) => (wr as PyWeakref).callback !== null,
  callWeakrefCallback: (wr: PyObject) => {
    const cb = (wr as PyWeakref).callback;
    if (cb !== null) handleCallback(wr as PyWeakref, cb);
  },
  invokeCallbacks,
  appendGarbage: (op: PyObject) => {
    op.refcnt++;
    listAppend(gcLists(heap.gc).garbage, op);
  },
  clearFreeLists: () => heap.clearFreeLists(),
  writeStderr: (text: string) => interp.write("stderr", text),
  now: () => performance.now() / 1000,
};

let installed = false;
/** Makes every heap's collector use the engine's object model. Idempotent. */
export function installEngineGCHost(): void {
  if (installed) return;
  installed = true;
  Object.assign(engineGCHost as unknown as GCHost<PyObject>, host);
}
installEngineGCHost();

void ({} as GCObject);
