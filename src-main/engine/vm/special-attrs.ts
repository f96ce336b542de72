// Attributes that builtin objects expose as C members or getsets: __name__, __code__,
// __closure__, cell_contents, co_name, __class__, __dict__ of classes, __basicsize__, args ...
import { newMappingProxy } from "../objects/mappingproxy";
import { PyObject, PyType, decref } from "../objects/object";
import { newStr, PyStr, internString } from "../objects/str";
import { newInt, PyInt } from "../objects/int";
import { None } from "../objects/singletons";
import { PyFunction, PyCell, PyMethod, PyBuiltinFunction, PyWrapperDescr, PyProperty } from "../objects/function";
import { PyCode } from "../objects/code";
import { AttributeError, NameError, PyBaseException } from "../objects/exceptions";
import { PyGen, GenState } from "./generator";
import { newTuple, PyTuple } from "../objects/tuple";
import { newDict, dictSetItem, PyDict } from "../objects/dict";
import { PyModule } from "../objects/module";
import { PyInstance } from "../objects/instance";
import { PyRange, PySlice } from "../objects/iterators";
import { PyFloat, PyComplex, newFloat } from "../objects/float";
import { typeError } from "./errors";
import { PyTraceback } from "../objects/traceback";
import { PyFrameObject } from "../objects/frameobject";
import { frameAttr, setExceptionTraceback, tracebackAttr } from "./traceback-attrs";
import { getFrameObject } from "./frame";

function s(v: string): PyObject {
  return newStr(v);
}
function own(o: PyObject | null): PyObject {
  const r = o ?? None;
  r.refcnt++;
  return r;
}

export function getSpecialAttr(o: PyObject, name: string): PyObject | null {
  if (name === "__class__") return own(o.type);
  if (o instanceof PyType) return typeAttr(o, name);
  if (o instanceof PyFunction) {
    switch (name) {
      case "__name__": return own(o.name);
      case "__qualname__": return own(o.qualname);
      case "__code__": return own(o.code);
      case "__closure__": return own(o.closure);
      case "__defaults__": return own(o.defaults);
      case "__kwdefaults__": return own(o.kwdefaults);
      case "__globals__": return own(o.globals);
      case "__module__": return own(o.module);
      case "__doc__": return own(o.doc);
      case "__dict__":
        if (o.dict === null) o.dict = newDict();
        return own(o.dict);
      case "__annotations__":
        // func_get_annotations: an empty dict made on first access and kept.
        if (o.annotations === null) o.annotations = newDict();
        return own(o.annotations);
    }
    return null;
  }
  if (o instanceof PyCell) {
    if (name === "cell_contents") {
      if (o.contents === null) throw new Error("ValueError: Cell is empty");
      return own(o.contents);
    }
    return null;
  }
  if (o instanceof PyMethod) {
    if (name === "__self__") return own(o.self);
    if (name === "__func__") return own(o.func);
    if (name === "__name__" || name === "__qualname__" || name === "__code__") {
      const f = o.func;
      if (f instanceof PyFunction) return getSpecialAttr(f, name);
    }
    return null;
  }
  if (o instanceof PyBuiltinFunction) {
    if (name === "__name__" || name === "__qualname__") return s(o.name);
    if (name === "__self__") return own(o.self);
    return null;
  }
  if (o instanceof PyCode) {
    switch (name) {
      case "co_name": return own(o.nameObj);
      case "co_qualname": return own(o.qualnameObj);
      case "co_filename": return s(o.filename);
      case "co_firstlineno": return newInt(o.firstlineno);
      case "co_argcount": return newInt(o.argcount);
      case "co_nlocals": return newInt(o.nlocals);
      case "co_stacksize": return newInt(o.stacksize);
      case "co_flags": return newInt(o.flags);
      case "co_varnames": return newTuple(o.varnames.map((n) => internString(n)));
      case "co_cellvars": return newTuple(o.cellvars.map((n) => internString(n)));
      case "co_freevars": return newTuple(o.freevars.map((n) => internString(n)));
      case "co_names": return newTuple(o.names.map((n) => internString(n)));
      case "co_consts": return newTuple(o.consts.map((c) => own(c)));
    }
    return null;
  }
  if (o instanceof PyBaseException) {
    switch (name) {
      case "args": return own(o.args);
      case "__context__": return own(o.context);
      case "__cause__": return own(o.cause);
      case "__traceback__": return own(o.traceback);
      case "value": if (o.type.name === "StopIteration" || o.value) return own(o.value ?? (o.args.items[0] ?? null)); break;
      case "__dict__":
        if (o.dict === null) o.dict = newDict();
        return own(o.dict);
      // NameError.name, AttributeError.name and .obj: what the lookup was for (None when the
      // exception was made by hand, or by a path that does not record them).
      case "name":
        if (o.type.mro.includes(NameError) || o.type.mro.includes(AttributeError)) return o.attrName === null ? own(null) : internString(o.attrName);
        break;
      case "obj":
        if (o.type.mro.includes(AttributeError)) return own(o.attrObj);
        break;
    }
    return null;
  }
  if (o instanceof PyGen) {
    switch (name) {
      case "__name__": return own(o.name);
      case "__qualname__": return own(o.qualname);
      case "gi_running": return own(o.state === GenState.Running ? trueObj() : falseObj());
      case "gi_suspended": return own(o.state === GenState.Suspended ? trueObj() : falseObj());
      case "gi_frame": return own(o.frame !== null && o.state !== GenState.Closed ? getFrameObject(o.frame) : null);
      case "gi_code": return own(o.code);
    }
    return null;
  }
  if (o instanceof PyTraceback) return tracebackAttr(o, name);
  if (o instanceof PyFrameObject) return frameAttr(o, name);
  if (o instanceof PyModule) return null;
  if (o instanceof PyInstance) return null;
  if (o instanceof PyRange) {
    if (name === "start") return newInt(o.start);
    if (name === "stop") return newInt(o.stop);
    if (name === "step") return newInt(o.step);
    return null;
  }
  if (o instanceof PySlice) {
    if (name === "start") return own(o.start);
    if (name === "stop") return own(o.stop);
    if (name === "step") return own(o.step);
    return null;
  }
  if (o instanceof PyInt) {
    if (name === "real" || name === "numerator") return own(o);
    if (name === "imag") return newInt(0);
    if (name === "denominator") return newInt(1);
    return null;
  }
  if (o instanceof PyFloat) {
    if (name === "real") return own(o);
    if (name === "imag") return newFloat(0);
    return null;
  }
  if (o instanceof PyComplex) {
    if (name === "real") return newFloat(o.real);
    if (name === "imag") return newFloat(o.imag);
    return null;
  }
  if (o instanceof PyWrapperDescr) {
    if (name === "__func__" || name === "__wrapped__") return own(o.callable);
    if (name === "__dict__") {
      if (o.dict === null) o.dict = newDict();
      return own(o.dict);
    }
    const v = o.dict?.map.get(name)?.value;
    return v === undefined ? null : own(v);
  }
  if (o instanceof PyProperty) {
    if (name === "fget") return own(o.fget);
    if (name === "fset") return own(o.fset);
    return null;
  }
  return null;
}

import { True, False } from "../objects/int";
function trueObj(): PyObject {
  return True;
}
function falseObj(): PyObject {
  return False;
}

function typeAttr(t: PyType, name: string): PyObject | null {
  switch (name) {
    case "__name__": return s(t.name);
    case "__qualname__": return s(t.qualname);
    case "__module__": return t.heapType ? null : s(t.module);
    case "__basicsize__": return newInt(t.basicsize);
    case "__itemsize__": return newInt(t.itemsize);
    case "__base__": return own(t.base);
    case "__bases__": return t.basesTuple !== null ? own(t.basesTuple) : newTuple(t.bases.map((b) => own(b)));
    case "__mro__": return t.mroTuple !== null ? own(t.mroTuple) : newTuple(t.mro.map((b) => own(b)));
    case "__dict__": {
      if (t.tpDict !== null) return newMappingProxy(t.tpDict); // type_dict: a fresh read-only view
      const d = newDict();
      for (const [k, v] of t.dict) {
        const key = internString(k);
        dictSetItem(d, key, v);
        decref(key);
      }
      return d;
    }
    case "__doc__": return t.dict.has("__doc__") ? null : own(null);
  }
  return null;
}

export function setSpecialAttr(o: PyObject, name: string, value: PyObject): boolean {
  if (o instanceof PyType) {
    if (name === "__name__" || name === "__qualname__") {
      if (!(value instanceof PyStr)) typeError(`can only assign string to ${o.name}.${name}, not '${value.type.name}'`);
      if (name === "__name__") o.name = value.value;
      else o.qualname = value.value;
      return true;
    }
    return false;
  }
  if (o instanceof PyFunction) {
    switch (name) {
      case "__name__": { const old = o.name; value.refcnt++; o.name = value as PyStr; decref(old); return true; }
      case "__qualname__": { const old = o.qualname; value.refcnt++; o.qualname = value as PyStr; decref(old); return true; }
      case "__doc__": { const old = o.doc; value.refcnt++; o.doc = value; if (old) decref(old); return true; }
      case "__defaults__": { const old = o.defaults; value.refcnt++; o.defaults = value === None ? (decref(value), null) : (value as PyTuple); if (old) decref(old); return true; }
    }
    return false;
  }
  if (o instanceof PyBaseException && name === "__traceback__") {
    setExceptionTraceback(o, value);
    return true;
  }
  if (o instanceof PyCell && name === "cell_contents") {
    const old = o.contents;
    value.refcnt++;
    o.contents = value;
    if (old) decref(old);
    return true;
  }
  void PyDict;
  return false;
}
