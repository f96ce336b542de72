// What Py_FinalizeEx does that a program can see through the collector, in CPython 3.13's order:
//   1. atexit: weakref.finalize objects still alive are called, newest first;
//   2. a full collection with gc.callbacks, if the collector is enabled (PyGC_Collect);
//   3. finalize_modules: __main__ leaves sys.modules, so its globals live only as long as cycles
//      through them do (any def or class makes one) and the shutdown collection
//      (_PyGC_CollectNoFail, no callbacks) finalizes the script's objects in collection order;
//   4. a module still alive has its dict cleared (_PyModule_Clear), then one more shutdown
//      collection runs. Nothing collects after that: what gc.callbacks keeps alive leaks, as in CPython.
import { decref, PyObject } from "../objects/object";
import type { PyDict } from "../objects/dict";
import type { PyModule } from "../objects/module";
import type { Interp } from "../vm/interp";
import { getAttrOrNull } from "../vm/abstract";
import { call } from "../vm/call";
import { vm } from "../objects/hooks";
import { gc_collect_main } from "./collect";
import type { GCState } from "./state";
import "./engine-host";

/** weakref.finalize._exitfunc(), when the program imported weakref (atexit's only client here). */
function runAtexit(it: Interp): void {
  const weakref = it.modules.get("weakref");
  if (weakref === undefined) return;
  const fin = getAttrOrNull(weakref, "finalize");
  if (fin === null) return;
  let exitfunc: PyObject | null = null;
  try {
    exitfunc = getAttrOrNull(fin, "_exitfunc");
    if (exitfunc !== null) decref(call(exitfunc, [], null));
  } catch (e) {
    vm.writeUnraisable(e, exitfunc ?? fin);
  } finally {
    if (exitfunc !== null) decref(exitfunc);
    decref(fin);
  }
}

/**
 * Interpreter shutdown for a finished program. `clearModuleDict` is the runtime's
 * _PyModule_ClearDict (underscore names first).
 */
export function finalizeInterpreter(it: Interp, main: PyModule, clearModuleDict: (d: PyDict) => void): void {
  const state = it.heap.gc as unknown as GCState<PyObject>;
  runAtexit(it);
  if (state.enabled) gc_collect_main(state, 2, "exit");
  const dict = main.dict;
  const moduleAlive = main.refcnt > 1;
  it.modules.delete("__main__");
  decref(main); // sys.modules' reference
  gc_collect_main(state, 2, "shutdown");
  if (moduleAlive && main.refcnt > 0 && dict.refcnt > 0) clearModuleDict(dict);
  gc_collect_main(state, 2, "shutdown");
}
