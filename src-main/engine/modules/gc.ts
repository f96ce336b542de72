// gc: the module API over the heap's GC bookkeeping. Collection itself is delegated to the
// collector installed in heap.gc.collector (src-main/engine/gc/); without one, collect() only
// empties the free lists (as a full collection does) and returns 0.
import { decref, PyObject } from "../objects/object";
import { newInt, PyInt, True, False, pyBool } from "../objects/int";
import { newTuple } from "../objects/tuple";
import { newList, PyList } from "../objects/list";
import { None } from "../objects/singletons";
import { PyModule } from "../objects/module";
import { dictSetItem } from "../objects/dict";
import { newStr } from "../objects/str";
import { nativeModule } from "./util";
import { interp } from "../vm/interp";
import { GEN_UNTRACKED } from "../heap/gcstate";

export function makeGcModule(): PyModule {
  const gc = () => interp.heap.gc;
  const garbage = newList([]);
  const m = nativeModule("gc", {
    collect(_s, args) {
      const g = gc();
      const generation = args.length > 0 ? Number((args[0] as PyInt).value) : 2;
      if (g.collector !== null) return newInt(g.collector.collect(generation, "manual"));
      if (generation === 2) interp.heap.clearFreeLists();
      for (let i = 0; i <= generation; i++) g.count[i] = 0;
      if (generation < 2) g.count[generation + 1]++;
      return newInt(0);
    },
    get_count() {
      const c = gc().count;
      return newTuple([newInt(c[0]), newInt(c[1]), newInt(c[2])]);
    },
    get_threshold() {
      const t = gc().threshold;
      return newTuple([newInt(t[0]), newInt(t[1]), newInt(t[2])]);
    },
    set_threshold(_s, args) {
      args.forEach((a, i) => (gc().threshold[i] = Number((a as PyInt).value)));
      return None;
    },
    isenabled() {
      return pyBool(gc().enabled);
    },
    enable() {
      gc().enabled = true;
      return None;
    },
    disable() {
      gc().enabled = false;
      return None;
    },
    is_tracked(_s, args) {
      return args[0].gcGen !== GEN_UNTRACKED ? True : False;
    },
    get_referents(_s, args) {
      const out: PyObject[] = [];
      for (const a of args) a.traverse((c) => {
        c.refcnt++;
        out.push(c);
      });
      return newList(out);
    },
    get_debug() {
      return newInt(gc().debugFlags);
    },
    set_debug(_s, args) {
      gc().debugFlags = Number((args[0] as PyInt).value);
      return None;
    },
    garbage,
    DEBUG_STATS: newInt(1),
    DEBUG_COLLECTABLE: newInt(2),
    DEBUG_UNCOLLECTABLE: newInt(4),
    DEBUG_SAVEALL: newInt(32),
    DEBUG_LEAK: newInt(38),
  });
  decref(garbage);
  const k = newStr("callbacks");
  const cb = newList([]);
  dictSetItem(m.dict, k, cb);
  decref(k);
  decref(cb);
  void PyList;
  return m;
}
