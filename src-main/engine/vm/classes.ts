// Classes defined in Python: __build_class__, type(name, bases, ns), calling a class (object
// creation and __init__), method lookup for LOAD_ATTR's method form, and __del__.
import { decref, isImmortal, PyObject, PyType, typeType, objectType, registerType, allocObject, gcTrack, invalidateTypeCaches } from "../objects/object";
import { weakrefType, keyedRefType, weakrefNew } from "../modules/weakref_object";
import { PyStr, newStr, internString } from "../objects/str";
import { PyTuple, newTuple, emptyTuple, tupleFromBorrowed } from "../objects/tuple";
import { PyDict, newDict, dictSetItem, dictGetStr, dictCopy } from "../objects/dict";
import { HeapTypeDict } from "../objects/type-dict";
import { newLayoutDescr } from "../objects/descriptors";
import { addSubclass } from "./subclasses";
import { PyList, newList } from "../objects/list";
import { None } from "../objects/singletons";
import { PyFunction, PyCell, PyMethodDescr, PyBuiltinFunction, PyWrapperDescr, staticmethodType, classmethodType, staticBuiltin, newWrapper } from "../objects/function";
import { PyInstance, instanceHasAttr, newInstance } from "../objects/instance";
import { PyBaseException, newException, baseExceptionType } from "../objects/exceptions";
import { PyInt, newInt, intAllocSize, IntOrigin } from "../objects/int";
import { PyFloat, newFloat } from "../objects/float";
import { Frame } from "./frame";
import { interp } from "./interp";
import { call, runFrame } from "./call";
import { typeError } from "./errors";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { vm } from "../objects/hooks";
import { repr, userDunder } from "./abstract";
import { createBuiltinInstance } from "./builtin-new";
import { newSet, setType } from "../objects/set";

/** For LOAD_ATTR's method form: the unbound function to call with `self`, or null. */
export function lookupMethodForCall(owner: PyObject, name: string): PyObject | null {
  if (owner instanceof PyType || owner.type.name === "super") return null;
  const t = owner.type;
  const attr = t.lookup(name);
  if (attr === null) return null;
  if (!(attr instanceof PyFunction) && !(attr instanceof PyMethodDescr)) return null;
  if (owner instanceof PyInstance) {
    if (instanceHasAttr(owner, name)) return null;
  } else if (t.heapType && (owner as { dict?: PyDict | null }).dict?.map.has(name)) return null;
  attr.refcnt++;
  return attr;
}

/** __build_class__(func, name, *bases, **kw). */
export function buildClass(_self: PyObject, args: PyObject[], kwnames: string[] | null): PyObject {
  const nkw = kwnames?.length ?? 0;
  const func = args[0] as PyFunction;
  const name = args[1] as PyStr;
  const bases = args.slice(2, args.length - nkw);
  let metaclass: PyObject | null = null;
  if (kwnames) kwnames.forEach((k, i) => {
    if (k === "metaclass") metaclass = args[args.length - nkw + i];
  });
  const ns = newDict();
  try {
    // Run the class body with ns as its locals.
    const f = new Frame(func.code, func.globals, func.builtins, ns, func);
    func.refcnt++;
    f.ownsFunc = true;
    const closure = func.closure;
    const code = func.code;
    for (let i = code.nlocals; i < code.nlocals + code.ncells; i++) f.localsplus[i] = newCellObj();
    if (closure) {
      const base = code.nlocals + code.ncells;
      closure.items.forEach((c, i) => {
        c.refcnt++;
        f.localsplus[base + i] = c;
      });
    }
    f.pc = code.startPc;
    const cell = runFrame(f);
    const basesTuple = newTuple(bases.map((b) => (b.refcnt++, b)));
    let cls: PyObject;
    try {
      if (metaclass !== null && metaclass !== typeType) cls = call(metaclass, [name, basesTuple, ns], null);
      else {
        // The class statement's keywords other than metaclass go to __init_subclass__.
        const kw = (kwnames ?? []).map((k, i) => [k, args[args.length - nkw + i]] as const).filter(([k]) => k !== "metaclass");
        cls = newClass(name.value, basesTuple, ns, kw.map(([, v]) => v), kw.length > 0 ? kw.map(([k]) => k) : null);
      }
    } finally {
      decref(basesTuple);
    }
    if (cell instanceof PyCell) {
      cls.refcnt++;
      const old = cell.contents;
      cell.contents = cls;
      if (old) decref(old);
    }
    decref(cell);
    return cls;
  } finally {
    decref(ns);
  }
}

function newCellObj(): PyCell {
  return cellMod.newCell(null);
}
import * as cellMod from "../objects/function";

/** Builtin bases whose instances already carry a __dict__ / weakref list (tp_dictoffset, tp_weaklistoffset). */
function builtinProvidesDict(b: PyType): boolean {
  return b.isSubtype(baseExceptionType);
}
function builtinProvidesWeakref(b: PyType): boolean {
  return b.name === "set" || b.name === "frozenset" || b.isSubtype(typeType);
}

/** Whether instances of `b` already have a __dict__ / weakref list (so a subclass adds no getset). */
function layoutHasDict(b: PyType): boolean {
  return b.heapType ? b.hasDict : builtinProvidesDict(b);
}
function layoutHasWeakref(b: PyType): boolean {
  return b.heapType ? b.hasWeakref : builtinProvidesWeakref(b);
}

/**
 * type(name, bases, ns): a new heap type, built as type_new and PyType_Ready build it, in their
 * allocation order, so each object CPython creates exists here too: the bases tuple ((object,) when
 * none is given; otherwise the caller's tuple itself), tp_dict (a copy of ns), ht_slots, the type,
 * the MRO tuple, the layout descriptors in the dict, and the weakref each base's subclass list keeps.
 */
export function newClass(name: string, basesArg: PyTuple, ns: PyDict, initKwValues: PyObject[] = [], initKwNames: string[] | null = null): PyType {
  for (const b of basesArg.items) if (!(b instanceof PyType)) typeError("bases must be types");
  const baseTypes = (basesArg.items.length > 0 ? basesArg.items : [objectType]) as PyType[];
  const t = new PyType(typeType, { name, base: baseTypes[0], gc: true });
  t.bases = baseTypes;
  t.heapType = true;
  try {
    t.computeMro();
  } catch {
    typeError("Cannot create a consistent method resolution order (MRO)");
  }
  // type_new_get_bases
  if (basesArg.items.length > 0) {
    basesArg.refcnt++;
    t.basesTuple = basesArg;
  } else t.basesTuple = tupleFromBorrowed([objectType]);
  t.bases = (t.basesTuple as PyTuple).items as PyType[];
  // type_new_init: the dict copy, then the slots.
  const dict = dictCopy(ns);
  t.tpDict = dict;
  t.dict = new HeapTypeDict(dict);
  const layout = classLayout(baseTypes, ns);
  if (layout.ownSlots !== null) t.htSlots = sortedSlotsTuple(layout.ownSlots);
  t.hasDict = layout.hasDict;
  t.hasWeakref = layout.hasWeakref;
  let slotIndex = 0;
  for (const b of [...t.mro].reverse()) {
    if (b === t || !b.heapType) continue;
    for (const s of b.slotNames) if (!t.slotIndex.has(s)) t.slotIndex.set(s, slotIndex++);
  }
  for (const n of layout.ownSlots ?? []) t.slotIndex.set(n, slotIndex++);
  // All own+inherited slot names in index order, for views.
  const allSlots: string[] = [];
  for (const [n, i] of t.slotIndex) allSlots[i] = n;
  t.slotNames = allSlots;
  t.basicsize = baseTypes[0].basicsize + 8 * (layout.ownSlots?.length ?? 0);
  t.solidBase = baseTypes[0].heapType ? baseTypes[0].solidBase : baseTypes[0];
  t.gcInstances = true;
  // type_new_alloc: the type object, tracked from its allocation; tp_base.
  allocObject(t, GC_HEAD_SIZE + SIZEOF.type, true);
  gcTrack(t);
  t.heldBase = baseTypes[0];
  t.heldBase.refcnt++;
  // type_new_set_attrs: __qualname__ and __classcell__ leave the dict; __new__ becomes a staticmethod.
  // type_new_set_module: a namespace without __module__ gets the calling code's __name__.
  if (!t.dict.has("__module__")) {
    const callerName = interp.frame?.globals.map.get("__name__")?.value;
    if (callerName !== undefined) {
      callerName.refcnt++;
      t.dict.set("__module__", callerName);
    }
  }
  const qualname = t.dict.get("__qualname__");
  if (qualname instanceof PyStr) t.qualname = qualname.value;
  const module = t.dict.get("__module__");
  if (module instanceof PyStr) t.module = module.value;
  for (const k of ["__qualname__", "__classcell__"]) {
    const old = t.dict.get(k);
    if (old !== undefined && t.dict.delete(k)) decref(old);
  }
  // type_new_set_attrs: __new__ is implicitly a staticmethod, __init_subclass__ and
  // __class_getitem__ classmethods (PyStaticMethod_New / PyClassMethod_New: tracked, no __dict__).
  for (const [attr, kind] of [["__new__", staticmethodType], ["__init_subclass__", classmethodType], ["__class_getitem__", classmethodType]] as const) {
    const fn = t.dict.get(attr);
    if (!(fn instanceof PyFunction)) continue;
    t.dict.set(attr, newWrapper(kind, fn));
    decref(fn); // the wrapper took its own reference; the dict's passes to it
  }
  // PyType_Ready: the MRO tuple, then the descriptors, __doc__, __hash__.
  t.mroTuple = mroTuple(t);
  for (const n of layout.ownSlots ?? []) t.dict.set(n, newLayoutDescr("member", n, t));
  if (layout.hasDict && !baseTypes.some((b) => b.mro.some(layoutHasDict))) t.dict.set("__dict__", newLayoutDescr("getset", "__dict__", t));
  if (layout.hasWeakref && !baseTypes.some((b) => b.mro.some(layoutHasWeakref))) t.dict.set("__weakref__", newLayoutDescr("getset", "__weakref__", t));
  if (!t.dict.has("__doc__")) {
    None.refcnt++;
    t.dict.set("__doc__", None);
  }
  if (t.dict.has("__eq__") && !t.dict.has("__hash__")) {
    None.refcnt++;
    t.dict.set("__hash__", None);
  }
  t.hasFinalizer = t.lookup("__del__") !== null;
  for (const b of baseTypes) addSubclass(b, t);
  registerType(t);
  invalidateTypeCaches();
  try {
    initSubclass(t, initKwValues, initKwNames);
  } catch (e) {
    decref(t);
    throw e;
  }
  return t;
}

/** type_new_init_subclass: super(type, type).__init_subclass__(**kwds), after the class is ready. */
function initSubclass(t: PyType, kwValues: PyObject[], kwNames: string[] | null): void {
  let hook: PyObject | null = null;
  for (const m of t.mro.slice(1)) {
    const v = m.dict.get("__init_subclass__");
    if (v !== undefined) {
      hook = v;
      break;
    }
  }
  if (!(hook instanceof PyWrapperDescr) && !(hook instanceof PyFunction)) {
    // object.__init_subclass__ does nothing and accepts no keywords.
    if (kwNames !== null) typeError(`${t.name}.__init_subclass__() takes no keyword arguments`);
    return;
  }
  const fn = hook instanceof PyWrapperDescr ? hook.callable! : hook;
  const withCls = !(hook instanceof PyWrapperDescr && hook.type === staticmethodType);
  decref(call(fn, withCls ? [t, ...kwValues] : kwValues, kwNames));
}

interface ClassLayout {
  /** Own __slots__ names other than __dict__ / __weakref__ (null: no __slots__). */
  ownSlots: string[] | null;
  hasDict: boolean;
  hasWeakref: boolean;
}

/** type_new_slots: what __slots__ (if any) adds to the bases' instance layout. */
function classLayout(baseTypes: PyType[], ns: PyDict): ClassLayout {
  const slotsEntry = ns.map.get("__slots__");
  // may_add_weak: a variable-size base (int, tuple, bytes: tp_itemsize != 0) has no room for a weakref list.
  const solid = baseTypes[0].heapType ? baseTypes[0].solidBase : baseTypes[0];
  if (slotsEntry === undefined) return { ownSlots: null, hasDict: true, hasWeakref: solid.itemsize === 0 || baseTypes.some((b) => b.hasWeakref) };
  const v = slotsEntry.value;
  const names: string[] = v instanceof PyStr ? [v.value] : v instanceof PyTuple || v instanceof PyList ? v.items.map((x) => (x as PyStr).value) : [];
  const layout: ClassLayout = { ownSlots: [], hasDict: baseTypes.some((b) => b.hasDict), hasWeakref: baseTypes.some((b) => b.hasWeakref) };
  for (const n of names) {
    if (n === "__dict__") layout.hasDict = true;
    else if (n === "__weakref__") layout.hasWeakref = true;
    else layout.ownSlots!.push(n);
  }
  // ht_slots is sorted, and the member offsets (and descriptors) follow it.
  layout.ownSlots!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return layout;
}

/** type_new_copy_slots: ht_slots is a sorted tuple, built through a temporary list. */
function sortedSlotsTuple(names: string[]): PyObject {
  const list = newList(names.map((n) => internString(n)));
  list.items.sort((x, y) => ((x as PyStr).value < (y as PyStr).value ? -1 : (x as PyStr).value > (y as PyStr).value ? 1 : 0));
  const tuple = tupleFromBorrowed(list.items);
  decref(list);
  return tuple;
}

/**
 * mro_implementation: one base copies its MRO into a new tuple; several bases merge into a
 * temporary list that PySequence_Tuple turns into the tuple.
 */
function mroTuple(t: PyType): PyObject {
  if (t.bases.length <= 1) return tupleFromBorrowed(t.mro);
  const merged = newList(t.mro.map((m) => (m.refcnt++, m)));
  const tuple = tupleFromBorrowed(merged.items);
  decref(merged);
  return tuple;
}

/** Calling a class: type(x), a builtin type's constructor, or __new__ + __init__ of a class. */
/** Builtin types CPython 3.13 calls through tp_call (no tp_vectorcall): an argument tuple is made. */
const CALLED_THROUGH_TP_CALL = new Set(["bytes", "bytearray", "complex"]);

export function typeCall(t: PyType, args: PyObject[], kwnames: string[] | null): PyObject {
  if (t === typeType) {
    if (args.length === 1 && !kwnames) {
      args[0].type.refcnt++;
      return args[0].type;
    }
    if (args.length === 3) {
      const bases = args[1] as PyTuple;
      const cls = newClass((args[0] as PyStr).value, bases, args[2] as PyDict);
      return cls;
    }
    typeError("type() takes 1 or 3 arguments");
  }
  if (!t.heapType) {
    if (!CALLED_THROUGH_TP_CALL.has(t.name)) return createBuiltinInstance(t, args, kwnames);
    // _PyObject_MakeTpCall: a type without tp_vectorcall gets its positional arguments as a tuple,
    // made before the call and released after it (tracemalloc sees it; usually a free-list tuple).
    const npos = args.length - (kwnames?.length ?? 0);
    const argsTuple = npos > 0 ? tupleFromBorrowed(args.slice(0, npos)) : null;
    try {
      return createBuiltinInstance(t, args, kwnames);
    } finally {
      if (argsTuple !== null) decref(argsTuple);
    }
  }
  // A class defined in Python.
  const newAttr = t.lookup("__new__");
  let obj: PyObject;
  if (newAttr !== null && !(newAttr instanceof PyBuiltinFunction)) {
    obj = call(newAttr, [t, ...args], kwnames);
    if (!obj.type.isSubtype(t)) return obj;
  } else obj = allocateInstance(t, args, kwnames);
  const init = t.lookup("__init__");
  if (init !== null && !(init instanceof PyBuiltinFunction) && !(init instanceof PyMethodDescr)) {
    let r: PyObject;
    try {
      r = call(init, [obj, ...args], kwnames);
    } catch (e) {
      decref(obj);
      throw e;
    }
    if (r !== None) {
      const n = r.type.name;
      decref(r);
      decref(obj);
      typeError(`__init__() should return None, not '${n}'`);
    }
    decref(r);
  } else if ((args.length > 0 || kwnames) && (newAttr === null || newAttr instanceof PyBuiltinFunction) && t.solidBase === objectType) {
    decref(obj);
    typeError(`${t.name}() takes no arguments`);
  }
  return obj;
}

/** object.__new__(t) for a Python class (respecting its builtin base). */
function positionalArgs(args: PyObject[], kwnames: string[] | null): PyObject[] {
  return kwnames ? args.slice(0, args.length - kwnames.length) : args;
}

export function allocateInstance(t: PyType, args: PyObject[], kwnames: string[] | null): PyObject {
  const solid = t.solidBase;
  if (solid === objectType) return newInstance(t);
  if (solid.isSubtype(baseExceptionType)) {
    const e = newException(t, args.slice(0, args.length - (kwnames?.length ?? 0)).map((a) => (a.refcnt++, a)));
    return e;
  }
  // [weakref hook] a subclass of weakref.ref gets its own weak reference (never the shared basic one).
  if (solid === weakrefType || solid === keyedRefType) return weakrefNew(t, positionalArgs(args, kwnames), null);
  // Subclasses of other builtins: build the builtin value, then retag it (a fresh object: never the
  // shared one the constructor may return, such as a small int or an interned str). set_new
  // ignores its arguments (set_init fills the set), so a set subclass with its own __init__ starts empty.
  const o = solid === setType && !(t.lookup("__init__") instanceof PyMethodDescr) ? newSet() : unshared(createBuiltinInstance(solid, args, kwnames));
  o.type = t;
  t.refcnt++;
  return o;
}

/**
 * object.__new__(cls, *args) (object_new), also what super().__new__(cls) reaches. For a class
 * with a builtin base other than object it builds that base's value, as the base's __new__ would.
 */
function objectNew(_self: PyObject, args: PyObject[], kwnames: string[] | null): PyObject {
  if (args.length === 0) typeError("object.__new__(): not enough arguments");
  const cls = args[0];
  if (!(cls instanceof PyType)) typeError(`object.__new__(X): X is not a type object (${cls.type.name})`);
  const rest = args.slice(1);
  if (cls.solidBase !== objectType) return allocateInstance(cls, rest, kwnames);
  if (rest.length > 0) {
    // Extra arguments are only tolerated when the class overrides __init__ and not __new__.
    if (cls.lookup("__new__") !== objectNewFunction) typeError("object.__new__() takes exactly one argument (the type to instantiate)");
    const init = cls.lookup("__init__");
    if (init === null || init instanceof PyMethodDescr) typeError(`${cls.name}() takes no arguments`);
  }
  return cls === objectType ? createBuiltinInstance(objectType, [], null) : allocateInstance(cls, [], null);
}
const objectNewFunction = staticBuiltin("__new__", objectNew);
objectType.dict.set("__new__", objectNewFunction);

/** `o` itself when nothing else holds it; otherwise a new object with the same value (o is released). */
function unshared(o: PyObject): PyObject {
  if (o.refcnt === 1 && !isImmortal(o)) return o;
  let copy: PyObject;
  if (o instanceof PyInt) {
    copy = new PyInt(o.value);
    allocObject(copy, intAllocSize(o.value, IntOrigin.Exact), false);
  } else if (o instanceof PyStr) {
    copy = new PyStr(o.value);
    allocObject(copy, (copy as PyStr).sizeof, false);
  } else if (o instanceof PyFloat) copy = newFloat(o.value);
  else if (o instanceof PyTuple) {
    copy = new PyTuple(o.items.map((x) => (x.refcnt++, x)));
    allocObject(copy, GC_HEAD_SIZE + SIZEOF.tupleHeader + 8 * o.items.length, true);
    gcTrack(copy);
  } else return o;
  decref(o);
  return copy;
}

/** Runs __del__; exceptions are reported as "Exception ignored in". */
function callFinalizer(o: PyObject): void {
  const del = o.type.lookup("__del__");
  if (del === null) return;
  const it = interp;
  const savedExc = it.excInfo;
  try {
    it.nativeDepth++;
    decref(call(del, [o], null));
  } catch (e) {
    vm.writeUnraisable(e, del);
  } finally {
    it.nativeDepth--;
    it.excInfo = savedExc;
  }
}
vm.callFinalizer = callFinalizer;

void [emptyTuple, dictSetItem, dictGetStr, internString, newStr, PyInt, newInt, PyBaseException, repr, userDunder];
