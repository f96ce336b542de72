// The engine as the fuzzer sees it: the public facade plus a refcount audit that reads the engine's
// internals. This file is bundled with esbuild (see bundle.ts) so fuzz runs go at the engine's
// real speed; vitest's module runner turns every live binding into a getter and is ~70x slower.
//
// The audit: at a pause between lines, every object the VM can reach is enumerated, and the
// references each one holds are counted. An object's ob_refcnt may never be below the references
// the heap and the VM actually hold to it (that would free it while still in use). For containers
// that only Python code can hold (instances of Python classes, lists, sets, non-namespace dicts),
// it may not be above either: that is a leak.
//
// The engine has no "all objects" list and tp_traverse deliberately skips some references
// (str keys of dicts, a function's name), so the referents of an object are read off its fields:
// every field holding a PyObject, an array of them, a Map of them, or dict entries, minus the
// fields known to be borrowed (BORROWED_FIELDS). Objects with refcounts nobody can see (immortal
// objects, types, code, modules) are never judged, only walked through.

import { EngineSession, runSource } from "../../src-main/engine/index";
import { PyObject, PyType, isImmortal } from "../../src-main/engine/objects/object";
import { PyInstance } from "../../src-main/engine/objects/instance";
import { PyList } from "../../src-main/engine/objects/list";
import { PyDict } from "../../src-main/engine/objects/dict";
import { PySet } from "../../src-main/engine/objects/set";
import { PyGen } from "../../src-main/engine/vm/generator";
import { PyTraceback } from "../../src-main/engine/objects/traceback";
import { PyFrameObject } from "../../src-main/engine/objects/frameobject";
import { PyFrameLocalsProxy } from "../../src-main/engine/objects/framelocalsproxy";
import { gcLists } from "../../src-main/engine/gc/engine-host";
import type { Program } from "../../src-main/engine/vm/runtime";
import type { Frame } from "../../src-main/engine/vm/frame";

export { EngineSession, runSource };

/** Fields that point at objects without owning a reference (or are not references at all). */
const BORROWED_FIELDS = new Set([
  "type", // counted separately: only heap types are owned by their instances
  "cache",
  "mro",
  "solidBase",
  "base",
  "gen", // a frame's generator: the generator owns the frame, not the reverse
  "back",
  "frame",
  "referent", // a weak reference
  "keyToken",
]);

export interface RefcountViolation {
  kind: "under" | "leak";
  type: string;
  id: number;
  repr: string;
  refcnt: number;
  counted: number;
  /** Where the counted references come from (first few). */
  holders: string[];
}

function programOf(session: EngineSession): Program {
  return (session as unknown as { program: Program }).program;
}

type Edge = (child: PyObject, where: string) => void;

/** Every owned reference held by `o`'s fields. */
function referentsOf(o: PyObject, edge: Edge): void {
  if (o instanceof PyDict) {
    for (const e of o.map.values()) {
      edge(e.key, "key");
      edge(e.value, "value");
    }
    return;
  }
  if (o instanceof PyInstance) {
    if (o.type.heapType) edge(o.type, "__class__");
    if (o.dict !== null) edge(o.dict, "__dict__");
    // Inline values are not an object of their own: their entries are the instance's references.
    const inline = o.values;
    if (inline !== null) {
      for (let i = 0; i < o.valuesUsed; i++) {
        edge(inline[2 * i], "attr-name");
        edge(inline[2 * i + 1], "attr");
      }
    }
    for (const s of o.slots) if (s !== null) edge(s, "slot");
    return;
  }
  if (o instanceof PyGen) {
    // A suspended generator owns its frame, and the frame owns its locals and value stack.
    let visitedFunc = false;
    const f = o.frame;
    o.traverse((child, key) => {
      if (f !== null && child === f.func && String(key).includes("func")) visitedFunc = true;
      edge(child, `gi_frame ${key}`);
    });
    // Older engines' tp_traverse skipped f_funcobj; the frame owns it all the same.
    if (!visitedFunc && f !== null && f.ownsFunc && f.func !== null) edge(f.func, "gi_frame func");
    // tp_traverse covers everything else a generator holds (name, qualname, code, exception)
    // except its code once the frame is gone, which gen_traverse does not visit either.
    if (f === null) edge(o.code, ".gi_code");
    return;
  }
  if (o instanceof PyTraceback || o instanceof PyFrameObject || o instanceof PyFrameLocalsProxy) {
    // Their `frame` and `back` fields are owned (tb_frame, f_back, a FrameLocalsProxy's frame),
    // unlike the interpreter frame's fields of the same names; tp_traverse visits exactly what
    // they own.
    o.traverse((child, key) => edge(child, `.${String(key)}`));
    return;
  }
  // Instances of heap types own a reference to their type (Py_TPFLAGS_HEAPTYPE).
  if (o.type.heapType && !(o instanceof PyType)) edge(o.type, "__class__");
  for (const [field, value] of Object.entries(o)) {
    if (BORROWED_FIELDS.has(field)) continue;
    collectField(value, `.${field}`, edge, 0);
  }
}

function collectField(value: unknown, where: string, edge: Edge, depth: number): void {
  if (value === null || typeof value !== "object" || depth > 2) return;
  if (value instanceof PyObject) {
    edge(value, where);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectField(v, where + "[]", edge, depth + 1);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      collectField(k, where + "{k}", edge, depth + 1);
      collectField(v, where + "{v}", edge, depth + 1);
    }
  }
}

/**
 * References the VM itself holds: live frames (locals, value stack, the running function, the
 * code). The code's constants are the code's references, so the code is walked (`discover`) too.
 */
function frameRoots(p: Program, edge: Edge, discover: (o: PyObject) => void): void {
  for (let f: Frame | null = p.interp.frame; f !== null; f = f.back) {
    discover(f.code);
    // A generator's frame is counted through its generator (which whoever resumed it holds).
    if (f.gen !== null) continue;
    if (f.ownsCode) edge(f.code, `frame ${f.code.name} code`);
    for (const o of f.localsplus) if (o !== null) edge(o, `frame ${f.code.name} local`);
    for (let i = 0; i < f.sp; i++) {
      const o = f.stack[i];
      if (o !== null) edge(o, `frame ${f.code.name} stack`);
    }
    if (f.ownsFunc && f.func !== null) edge(f.func, `frame ${f.code.name} func`);
    if (f.initSelf !== null) edge(f.initSelf, `frame ${f.code.name} initSelf`);
  }
}

/** Objects whose every holder the audit can see, so a count above the holders is a leak. */
function fullyAccounted(o: PyObject): boolean {
  if (o instanceof PyInstance) return o.type.heapType;
  if (o instanceof PyList || o instanceof PySet) return true;
  // A dict may be a namespace (module, class, function __dict__), held from places not walked.
  return false;
}

/**
 * Audits the paused program's heap. Returns the objects whose refcount disagrees with the
 * references found (an empty list when the invariant holds).
 */
export function auditRefcounts(session: EngineSession, maxObjects = 20_000): RefcountViolation[] {
  const p = programOf(session);
  const it = p.interp;
  const counted = new Map<PyObject, number>();
  const holders = new Map<PyObject, string[]>();
  const seen = new Set<PyObject>();
  const queue: PyObject[] = [];
  const discover = (o: PyObject) => {
    if (seen.has(o) || seen.size >= maxObjects) return;
    seen.add(o);
    queue.push(o);
  };
  const edge = (from: string): Edge => (child, where) => {
    counted.set(child, (counted.get(child) ?? 0) + 1);
    const list = holders.get(child) ?? [];
    if (list.length < 4) list.push(`${from}${where}`);
    holders.set(child, list);
    discover(child);
  };
  frameRoots(p, edge(""), discover);
  for (const m of it.modules.values()) discover(m);
  // The compiler's constant cache keeps one reference to each constant (_PyCode_ConstantKey's table).
  for (const o of it.keepAlive) edge("constant cache")(o, "");
  if (it.excInfo !== null) discover(it.excInfo);
  // gc.garbage and gc.callbacks are held from the JS side (one reference each).
  const lists = gcLists(it.heap.gc);
  edge("gc state")(lists.garbage, ".garbage");
  edge("gc state")(lists.callbacks, ".callbacks");
  for (let i = 0; i < queue.length; i++) {
    const o = queue[i];
    referentsOf(o, edge(`${o.type.name}`));
  }
  const violations: RefcountViolation[] = [];
  for (const o of seen) {
    if (isImmortal(o) || o instanceof PyType) continue;
    // Objects reached only through untraceable holders (module registry, constants) are not judged.
    const n = counted.get(o) ?? 0;
    if (o.refcnt < n) violations.push(violation("under", o, n, holders.get(o) ?? []));
    else if (o.refcnt > n && fullyAccounted(o) && seen.size < maxObjects) violations.push(violation("leak", o, n, holders.get(o) ?? []));
  }
  return violations;
}

function violation(kind: RefcountViolation["kind"], o: PyObject, n: number, from: string[]): RefcountViolation {
  let repr = "";
  try {
    repr = o instanceof PyList ? `list of ${o.items.length}` : o instanceof PyDict ? `dict of ${o.map.size}` : o.type.name;
  } catch {
    repr = "?";
  }
  return { kind, type: o.type.name, id: o.addr, repr, refcnt: o.refcnt, counted: n, holders: from };
}
