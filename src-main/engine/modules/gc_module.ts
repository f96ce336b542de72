// The Python-level gc module (Modules/gcmodule.c): thin wrappers that parse arguments, call the
// collector (gc/) on the current heap's GC state and build Python results.
import { decref, PyObject } from "../objects/object";
import { PyInt, newInt, pyBool, IntOrigin } from "../objects/int";
import { newTuple } from "../objects/tuple";
import { newList, PyList } from "../objects/list";
import { newDict, dictSetStr } from "../objects/dict";
import { internString, staticIntern } from "../objects/str";
import { None } from "../objects/singletons";
import { staticBuiltin } from "../objects/function";
import { newModule, type PyModule } from "../objects/module";
import { typeError, valueError } from "../vm/errors";
import { heap } from "../heap/heap";
import {
  DEBUG_COLLECTABLE,
  DEBUG_LEAK,
  DEBUG_SAVEALL,
  DEBUG_STATS,
  DEBUG_UNCOLLECTABLE,
  NUM_GENERATIONS,
  gc_collect_main,
  gc_freeze,
  gc_get_freeze_count,
  gc_get_objects,
  gc_get_referents,
  gc_get_referrers,
  gc_is_finalized,
  gc_is_tracked,
  gc_unfreeze,
  type GCState,
} from "../gc";
import { gcLists, isGCObject } from "../gc/engine-host";

type Fn = (self: PyObject, args: PyObject[], kwnames: string[] | null) => PyObject;

function state(): GCState<PyObject> {
  return heap.gc as unknown as GCState<PyObject>;
}

function positional(args: PyObject[], kwnames: string[] | null): PyObject[] {
  return kwnames ? args.slice(0, args.length - kwnames.length) : args;
}

/** One optional argument given by position or keyword; undefined when absent. */
function optionalArg(fname: string, pname: string, args: PyObject[], kwnames: string[] | null): PyObject | undefined {
  const pos = positional(args, kwnames);
  if (pos.length > 1) typeError(`${fname}() takes at most 1 argument (${pos.length} given)`);
  let value = pos[0];
  if (kwnames) {
    kwnames.forEach((k, i) => {
      if (k !== pname) typeError(`${fname}() got an unexpected keyword argument '${k}'`);
      if (value !== undefined) typeError(`argument for ${fname}() given by name ('${pname}') and position (1)`);
      value = args[pos.length + i];
    });
  }
  return value;
}

function noArgs(fname: string, args: PyObject[]): void {
  if (args.length > 0) typeError(`${fname}() takes no arguments (${args.length} given)`);
}

function intArg(o: PyObject): number {
  if (!(o instanceof PyInt)) typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  return Number((o as PyInt).value);
}

function int(v: number): PyObject {
  return newInt(v, IntOrigin.Exact);
}

function listOf(objs: PyObject[]): PyList {
  for (const o of objs) o.refcnt++;
  return newList(objs);
}

const functions: Record<string, Fn> = {
  collect(_s, args, kwnames) {
    const g = optionalArg("collect", "generation", args, kwnames);
    const generation = g === undefined ? NUM_GENERATIONS - 1 : intArg(g);
    if (generation < 0 || generation >= NUM_GENERATIONS) valueError("invalid generation");
    return int(gc_collect_main(state(), generation, "manual"));
  },
  enable(_s, args) {
    noArgs("enable", args);
    state().enabled = true;
    return None;
  },
  disable(_s, args) {
    noArgs("disable", args);
    state().enabled = false;
    return None;
  },
  isenabled(_s, args) {
    noArgs("isenabled", args);
    return pyBool(state().enabled);
  },
  set_debug(_s, args, kwnames) {
    const f = optionalArg("set_debug", "flags", args, kwnames);
    if (f === undefined) typeError("set_debug() missing required argument 'flags' (pos 1)");
    state().debug = intArg(f);
    return None;
  },
  get_debug(_s, args) {
    noArgs("get_debug", args);
    return int(state().debug);
  },
  get_count(_s, args) {
    noArgs("get_count", args);
    return newTuple(state().generations.map((g) => int(g.count)));
  },
  get_threshold(_s, args) {
    noArgs("get_threshold", args);
    return newTuple(state().generations.map((g) => int(g.threshold)));
  },
  set_threshold(_s, args, kwnames) {
    if (kwnames && kwnames.length > 0) typeError("set_threshold() takes no keyword arguments");
    if (args.length < 1 || args.length > NUM_GENERATIONS) typeError("gc.set_threshold requires 1 to 3 arguments");
    const values = args.map(intArg);
    values.forEach((v, i) => {
      state().generations[i].threshold = v;
    });
    return None;
  },
  get_stats(_s, args) {
    noArgs("get_stats", args);
    const dicts = state().generation_stats.map((st) => {
      const d = newDict();
      for (const [k, v] of [["collections", st.collections], ["collected", st.collected], ["uncollectable", st.uncollectable]] as const) {
        const key = internString(k);
        const value = int(v);
        dictSetStr(d, key, value);
        decref(key);
        decref(value);
      }
      return d;
    });
    return newList(dicts);
  },
  get_objects(_s, args, kwnames) {
    const g = optionalArg("get_objects", "generation", args, kwnames);
    let generation: number | null = null;
    if (g !== undefined && g !== None) {
      generation = intArg(g);
      if (generation >= NUM_GENERATIONS) valueError(`generation parameter must be less than the number of available generations (${NUM_GENERATIONS})`);
      if (generation < -1) valueError("generation parameter cannot be negative");
      if (generation === -1) generation = null;
    }
    return listOf(gc_get_objects(state(), generation));
  },
  get_referrers(_s, args, kwnames) {
    if (kwnames && kwnames.length > 0) typeError("get_referrers() takes no keyword arguments");
    return listOf(gc_get_referrers(state(), args));
  },
  get_referents(_s, args, kwnames) {
    if (kwnames && kwnames.length > 0) typeError("get_referents() takes no keyword arguments");
    return listOf(gc_get_referents(state(), args));
  },
  is_tracked(_s, args) {
    if (args.length !== 1) typeError(`gc.is_tracked() takes exactly one argument (${args.length} given)`);
    return pyBool(isGCObject(args[0]) && gc_is_tracked(args[0]));
  },
  is_finalized(_s, args) {
    if (args.length !== 1) typeError(`gc.is_finalized() takes exactly one argument (${args.length} given)`);
    return pyBool(isGCObject(args[0]) && gc_is_finalized(args[0]));
  },
  freeze(_s, args) {
    noArgs("freeze", args);
    gc_freeze(state());
    return None;
  },
  unfreeze(_s, args) {
    noArgs("unfreeze", args);
    gc_unfreeze(state());
    return None;
  },
  get_freeze_count(_s, args) {
    noArgs("get_freeze_count", args);
    return int(gc_get_freeze_count(state()));
  },
};

const DEBUG_FLAGS: [string, number][] = [
  ["DEBUG_STATS", DEBUG_STATS],
  ["DEBUG_COLLECTABLE", DEBUG_COLLECTABLE],
  ["DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE],
  ["DEBUG_SAVEALL", DEBUG_SAVEALL],
  ["DEBUG_LEAK", DEBUG_LEAK],
];

/** `import gc`: the module object for the current interpreter. */
export function makeGcModule(): PyModule {
  const m = newModule("gc");
  const set = (name: string, v: PyObject) => {
    dictSetStr(m.dict, staticIntern(name), v);
  };
  for (const [name, fn] of Object.entries(functions)) set(name, staticBuiltin(name, fn));
  for (const [name, value] of DEBUG_FLAGS) {
    const v = int(value);
    set(name, v);
    decref(v);
  }
  const lists = gcLists(state());
  set("garbage", lists.garbage);
  set("callbacks", lists.callbacks);
  return m;
}
