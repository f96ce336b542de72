// HeapSnapshot: what the program can reach from its frames, for the UI. Breadth-first from the
// frames' names, capped, with large containers summarised.
import type { FrameView, HeapSnapshot, ObjectView, RefView } from "./facade-types";
import { PyObject, isImmortal } from "./objects/object";
import { PyStr } from "./objects/str";
import { PyList } from "./objects/list";
import { PyTuple } from "./objects/tuple";
import { PyDict, dictTraverseEntries, sharesInlineValues } from "./objects/dict";
import { PyInstance } from "./objects/instance";
import { PySet } from "./objects/set";
import { PyModule } from "./objects/module";
import { PyFunction, PyBuiltinFunction } from "./objects/function";
import { PyType } from "./objects/object";
import { heap } from "./heap/heap";
import { IMMORTAL_REFCNT_REPORTED } from "./profile";
import { repr } from "./vm/abstract";
import { sizeofObject } from "./vm/sizeof";
import type { Program } from "./vm/runtime";
import { memoryFields } from "./memory-view";
import type { Frame } from "./vm/frame";

const MAX_OBJECTS = 2000;
const MAX_REFS = 50;

function shortRepr(o: PyObject): string {
  // Empty containers read as Python writes them; a count says more than a long repr otherwise.
  if (o instanceof PyList) return o.items.length === 0 ? "[]" : `list of ${o.items.length}`;
  if (o instanceof PyDict) return o.map.size === 0 ? "{}" : `dict of ${o.map.size}`;
  if (o instanceof PySet) return o.used === 0 ? `${o.type.name}()` : `${o.type.name} of ${o.used}`;
  if (o instanceof PyTuple && o.items.length > 8) return `tuple of ${o.items.length}`;
  let r: string;
  try {
    r = o.type.heapType && o.type.lookup("__repr__") !== null ? `<${o.type.name} object>` : repr(o);
  } catch {
    r = `<${o.type.name} object>`;
  }
  return r.length > 40 ? r.slice(0, 39) + "…" : r;
}

function isBoring(o: PyObject): boolean {
  return o instanceof PyModule || o instanceof PyBuiltinFunction || (o instanceof PyType && !o.heapType);
}

export interface SnapshotOptions {
  /** When no frame is running, show the main module's globals (taken just before shutdown clears them). */
  moduleGlobals?: boolean;
  /** Include pymalloc's arenas/pools/blocks (HeapSnapshot.privateHeap). */
  privateHeap?: boolean;
}

export function buildSnapshot(p: Program, options: SnapshotOptions = {}): HeapSnapshot {
  const it = p.interp;
  const frames: Frame[] = [];
  for (let f = it.frame; f !== null; f = f.back) frames.push(f);
  frames.reverse(); // outermost first; unshift per frame was quadratic in a deep recursion
  const frameViews: FrameView[] = [];
  const queue: PyObject[] = [];
  const seen = new Set<PyObject>();
  const visit = (o: PyObject) => {
    if (!seen.has(o)) {
      seen.add(o);
      queue.push(o);
    }
  };
  const namespaces: { name: string; line: number; dict: PyDict | null; frame: Frame | null }[] = frames.map((f) => ({ name: f.code.name, line: f.lineno, dict: f.locals, frame: f }));
  // No frame left (the module's code has returned): the globals stay alive until interpreter
  // shutdown clears them, as in CPython, so the module's namespace is still shown.
  if (namespaces.length === 0 && options.moduleGlobals && p.mainModule !== null) {
    namespaces.push({ name: "<module>", line: p.mainFrameRef?.lineno ?? 0, dict: p.mainModule.dict, frame: null });
  }
  for (const { name: frameName, line: frameLine, dict, frame: f } of namespaces) {
    const locals: { name: string; target: number }[] = [];
    if (dict !== null) {
      for (const e of dict.map.values()) {
        const name = (e.key as PyStr).value;
        if (name.startsWith("__") && name.endsWith("__")) continue;
        if (isBoring(e.value)) continue;
        locals.push({ name, target: e.value.addr });
        visit(e.value);
      }
    }
    f?.code.localsplusNames.forEach((name, i) => {
      const v = f.localsplus[i];
      if (v === null || f.locals !== null) return;
      locals.push({ name, target: v.addr });
      visit(v);
    });
    frameViews.push({ name: frameName, line: frameLine, locals });
  }
  const objects: ObjectView[] = [];
  let truncated = false;
  /** Which generation each tracked object is in, found once, when the first GC object is shown. */
  let generations: Map<PyObject, 0 | 1 | 2 | "permanent"> | null = null;
  // An index, not queue.shift(): a deep recursion queues a local per frame, and shifting a
  // 100 000-entry array for each of the 2000 views kept was most of a snapshot's cost.
  for (let head = 0; head < queue.length; head++) {
    const o = queue[head];
    if (objects.length >= MAX_OBJECTS) {
      truncated = true;
      break;
    }
    const refs: RefView[] = [];
    let total = 0;
    const types = new Set<string>();
    if (!isBoring(o) && !(o instanceof PyFunction)) {
      // A dict sharing an instance's values visits nothing for the collector, but the picture
      // shows what it holds, and the instance's arrow to it.
      // Lists and tuples are shown first item first; their traverse visits the last first.
      const walk = (cb: (child: PyObject, key: string | number) => void): void => {
        if (o instanceof PyDict) dictTraverseEntries(o, cb);
        else if (o instanceof PyList || o instanceof PyTuple) o.items.forEach(cb);
        else o.traverse(cb);
        if (o instanceof PyInstance && o.dict !== null && sharesInlineValues(o.dict)) cb(o.dict, "__dict__");
      };
      walk((child, key) => {
        total++;
        types.add(child.type.name);
        if (refs.length >= MAX_REFS) return;
        if (child instanceof PyType && !child.heapType) return;
        const label = typeof key === "number" ? `[${key}]` : o instanceof PyDict ? `['${key}']` : key === "__class__" ? "__class__" : `.${key}`;
        refs.push({ label, target: child.addr });
        visit(child);
      });
    }
    const immortal = isImmortal(o);
    const view: ObjectView = {
      id: o.addr,
      type: o.type.name,
      repr: shortRepr(o),
      refcount: immortal ? IMMORTAL_REFCNT_REPORTED : o.refcnt,
      immortal,
      size: safeSize(o),
      refs,
    };
    if (total > refs.length) view.summary = { count: total, elementType: types.size === 1 ? [...types][0] : undefined };
    if (o.type.gcInstances) {
      generations ??= heap.gc.generationMap();
      view.gc = { tracked: o.gcIndex !== 0, generation: generations.get(o) ?? null };
    }
    objects.push(view);
  }
  const top = it.frame;
  return {
    line: p.finished || top === null ? null : top.code.lines[top.pc] ?? top.lineno,
    finished: p.finished,
    frames: frameViews,
    objects,
    truncated,
    stdout: it.stdout.join(""),
    stderr: it.stderr.join(""),
    steps: it.steps,
    error: p.error,
    ...memoryFields(it.heap, it.filename, options.privateHeap === true),
  };
}

function safeSize(o: PyObject): number {
  try {
    return sizeofObject(o);
  } catch {
    return 0;
  }
}
