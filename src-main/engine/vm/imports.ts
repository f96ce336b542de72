// import: only the engine's own modules (sys, gc, os, weakref, tracemalloc, inspect, ...).
import { PyObject } from "../objects/object";
import { PyModule } from "../objects/module";
import { interp } from "./interp";
import { raise, ModuleNotFoundError, ImportError } from "../objects/exceptions";
import { getAttrOrNull } from "./abstract";
import { moduleFactories } from "../modules/registry";

export function importModule(name: string): PyModule {
  const it = interp;
  let m = it.modules.get(name);
  if (m !== undefined) return m;
  const factory = moduleFactories.get(name);
  if (factory === undefined) raise(ModuleNotFoundError, `No module named '${name}'`);
  m = factory();
  it.modules.set(name, m);
  return m;
}

/** IMPORT_NAME: returns the top-level package (or the module itself with a fromlist). */
export function importName(name: string, _fromlist: PyObject): PyObject {
  const parts = name.split(".");
  const top = importModule(parts[0]);
  for (let i = 1; i < parts.length; i++) importModule(parts.slice(0, i + 1).join("."));
  const isFrom = _fromlist.type.name === "tuple";
  const m = isFrom ? importModule(name) : top;
  m.refcnt++;
  return m;
}

export function importFrom(m: PyObject, name: string): PyObject {
  const v = getAttrOrNull(m, name);
  if (v === null) raise(ImportError, `cannot import name '${name}' from '${(m as PyModule).name}'`);
  return v;
}
