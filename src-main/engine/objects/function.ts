// Functions, closures' cells, bound methods, builtin functions and method descriptors,
// staticmethod / classmethod / property.
import { allocObject, builtinType, decref, freeObject, gcTrack, makeImmortal, PyObject, PyType, staticAddress, type NativeFn, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import type { PyCode } from "./code";
import type { PyDict } from "./dict";
import type { PyTuple } from "./tuple";
import { PyStr } from "./str";
import { None } from "./singletons";

export const functionType = builtinType({ name: "function", basicsize: SIZEOF.function, gc: true });
export const cellType = builtinType({ name: "cell", basicsize: SIZEOF.cell, gc: true });
export const methodType = builtinType({ name: "method", basicsize: SIZEOF.method, gc: true });
export const builtinFunctionType = builtinType({ name: "builtin_function_or_method", basicsize: SIZEOF.builtinFunction, gc: true });
export const methodDescrType = builtinType({ name: "method_descriptor", basicsize: 56, gc: true });
export const staticmethodType = builtinType({ name: "staticmethod", basicsize: SIZEOF.staticmethod, gc: true, baseType: true });
export const classmethodType = builtinType({ name: "classmethod", basicsize: SIZEOF.staticmethod, gc: true, baseType: true });
export const propertyType = builtinType({ name: "property", basicsize: SIZEOF.property, gc: true, baseType: true });

function untrackAndFree(o: PyObject): void {
  if (o.gcIndex !== 0) heap.gc.untrack(o);
  freeObject(o, true);
}

export class PyFunction extends PyObject {
  defaults: PyTuple | null = null;
  kwdefaults: PyDict | null = null;
  closure: PyTuple | null = null;
  dict: PyDict | null = null;
  name: PyStr;
  qualname: PyStr;
  module: PyObject | null = null;
  doc: PyObject | null = null;
  /** func_annotations: created empty on first access (the compiler records no annotations). */
  annotations: PyDict | null = null;
  constructor(readonly code: PyCode, readonly globals: PyDict, readonly builtins: PyDict, name: PyStr, qualname: PyStr) {
    super(functionType);
    this.name = name;
    this.qualname = qualname;
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    decref(this.code);
    decref(this.globals);
    decref(this.builtins);
    decref(this.name);
    decref(this.qualname);
    if (this.defaults) decref(this.defaults);
    if (this.kwdefaults) decref(this.kwdefaults);
    if (this.closure) decref(this.closure);
    if (this.dict) decref(this.dict);
    if (this.module) decref(this.module);
    if (this.doc) decref(this.doc);
    if (this.annotations) decref(this.annotations);
    freeObject(this, true);
  }
  /** func_traverse, in its order (gc.get_referents shows it). A missing docstring is None there. */
  override traverse(visit: Visit): void {
    visit(this.code, "__code__");
    visit(this.globals, "__globals__");
    visit(this.builtins, "__builtins__");
    if (this.module) visit(this.module, "__module__");
    if (this.defaults) visit(this.defaults, "__defaults__");
    if (this.kwdefaults) visit(this.kwdefaults, "__kwdefaults__");
    visit(this.doc ?? None, "__doc__");
    visit(this.name, "__name__");
    if (this.dict) visit(this.dict, "__dict__");
    if (this.closure) visit(this.closure, "__closure__");
    if (this.annotations) visit(this.annotations, "__annotations__");
    visit(this.qualname, "__qualname__");
  }
}

/** A new function (references to code/globals/builtins/names are taken here). */
export function newFunction(code: PyCode, globals: PyDict, builtins: PyDict, qualname: PyStr, module: PyObject | null): PyFunction {
  const name = code.nameObj;
  code.refcnt++;
  globals.refcnt++;
  builtins.refcnt++;
  name.refcnt++;
  qualname.refcnt++;
  const f = new PyFunction(code, globals, builtins, name, qualname);
  // PyFunction_New: __doc__ is co_consts[0] when that is a str (the compiler puts the docstring,
  // or None, there).
  const first = code.consts[0];
  if (first !== undefined && first instanceof PyStr) {
    first.refcnt++;
    f.doc = first;
  }
  if (module) {
    module.refcnt++;
    f.module = module;
  }
  allocObject(f, GC_HEAD_SIZE + SIZEOF.function, true);
  gcTrack(f);
  return f;
}

export class PyCell extends PyObject {
  constructor(public contents: PyObject | null) {
    super(cellType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const c = this.contents;
    this.contents = null;
    freeObject(this, true);
    if (c) decref(c);
  }
  override traverse(visit: Visit): void {
    if (this.contents) visit(this.contents, "cell_contents");
  }
  override clear(): void {
    const c = this.contents;
    this.contents = null;
    if (c) decref(c);
  }
}

/** A new cell that steals `contents`. */
export function newCell(contents: PyObject | null): PyCell {
  const c = new PyCell(contents);
  allocObject(c, GC_HEAD_SIZE + SIZEOF.cell, true);
  gcTrack(c);
  return c;
}

export class PyMethod extends PyObject {
  constructor(readonly func: PyObject, readonly self: PyObject) {
    super(methodType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    decref(this.func);
    decref(this.self);
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    visit(this.func, "__func__");
    visit(this.self, "__self__");
  }
}

/** A bound method; takes new references to func and self. */
export function newMethod(func: PyObject, self: PyObject): PyMethod {
  func.refcnt++;
  self.refcnt++;
  const m = new PyMethod(func, self);
  allocObject(m, GC_HEAD_SIZE + SIZEOF.method, true);
  gcTrack(m);
  return m;
}

/** builtin_function_or_method: a native function, optionally bound to `self` (a module or object). */
export class PyBuiltinFunction extends PyObject {
  constructor(readonly name: string, readonly fn: NativeFn, readonly self: PyObject | null, readonly qualPrefix = "") {
    super(builtinFunctionType);
  }
  override dealloc(): void {
    if (this.self) decref(this.self);
    untrackAndFree(this);
  }
  override traverse(visit: Visit): void {
    if (this.self) visit(this.self, "__self__");
  }
}

/** A static builtin function (lives as long as the runtime). */
export function staticBuiltin(name: string, fn: NativeFn): PyBuiltinFunction {
  const f = makeImmortal(new PyBuiltinFunction(name, fn, null));
  f.addr = staticAddress(72);
  return f;
}

/** A heap builtin method bound to self (e.g. `lst.append` read as a value). */
export function newBoundBuiltin(name: string, fn: NativeFn, self: PyObject, qualPrefix: string): PyBuiltinFunction {
  self.refcnt++;
  const f = new PyBuiltinFunction(name, fn, self, qualPrefix);
  allocObject(f, GC_HEAD_SIZE + SIZEOF.builtinFunction, true);
  gcTrack(f);
  return f;
}

/** A method of a builtin type (list.append): called with the instance as self. */
export class PyMethodDescr extends PyObject {
  constructor(readonly name: string, readonly fn: NativeFn, readonly owner: PyType) {
    super(methodDescrType);
    makeImmortal(this);
    this.addr = staticAddress(80);
  }
  override dealloc(): void {}
}

/** Wraps a callable: staticmethod / classmethod. */
export class PyWrapperDescr extends PyObject {
  /** sm_dict / cm_dict: the attributes functools_wraps copied from the callable. */
  dict: PyDict | null = null;
  constructor(type: PyType, public callable: PyObject | null) {
    super(type);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    if (this.callable) decref(this.callable);
    if (this.dict) decref(this.dict);
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    if (this.callable) visit(this.callable, "__func__");
    if (this.dict) visit(this.dict, "__dict__");
  }
  override clear(): void {
    const callable = this.callable;
    const dict = this.dict;
    this.callable = null;
    this.dict = null;
    if (callable) decref(callable);
    if (dict) decref(dict);
  }
}

export function newWrapper(type: PyType, callable: PyObject): PyWrapperDescr {
  callable.refcnt++;
  const w = new PyWrapperDescr(type, callable);
  allocObject(w, GC_HEAD_SIZE + type.basicsize, true);
  gcTrack(w);
  return w;
}

export class PyProperty extends PyObject {
  constructor(public fget: PyObject | null, public fset: PyObject | null, public fdel: PyObject | null) {
    super(propertyType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    if (this.fget) decref(this.fget);
    if (this.fset) decref(this.fset);
    if (this.fdel) decref(this.fdel);
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    if (this.fget) visit(this.fget, "fget");
    if (this.fset) visit(this.fset, "fset");
    if (this.fdel) visit(this.fdel, "fdel");
  }
}

export function newProperty(fget: PyObject | null, fset: PyObject | null, fdel: PyObject | null): PyProperty {
  for (const f of [fget, fset, fdel]) if (f) f.refcnt++;
  const p = new PyProperty(fget, fset, fdel);
  allocObject(p, GC_HEAD_SIZE + SIZEOF.property, true);
  gcTrack(p);
  return p;
}

export function isStr(o: PyObject): o is PyStr {
  return o instanceof PyStr;
}
