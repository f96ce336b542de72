// BaseException and the built-in exception hierarchy, plus PyErr: the JS error that carries a
// Python exception through native code and the eval loop.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, PyType, type Visit } from "./object";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { emptyTuple, newTuple, PyTuple } from "./tuple";
import { newStr } from "./str";
import { heap } from "../heap/heap";
import type { PyDict } from "./dict";
import type { PyTraceback } from "./traceback";

export class PyBaseException extends PyObject {
  override get deallocReleasesType(): boolean {
    return true;
  }
  args: PyTuple = emptyTuple;
  /** __traceback__: the outermost link of the frames this exception has passed through. */
  traceback: PyTraceback | null = null;
  context: PyBaseException | null = null;
  cause: PyBaseException | null = null;
  suppressContext = false;
  /** Instance __dict__ for attributes (subclasses, .value of StopIteration...). */
  dict: PyDict | null = null;
  /** StopIteration.value */
  value: PyObject | null = null;
  /** NameError/AttributeError: the "Did you mean" text the traceback printer appends (vm/suggestions). */
  suggest: (() => string) | null = null;
  /** AttributeError.obj (a reference). */
  attrObj: PyObject | null = null;
  /** NameError.name / AttributeError.name: the name that was not found (None until set). */
  attrName: string | null = null;
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    decref(this.args);
    if (this.traceback) decref(this.traceback);
    if (this.context) decref(this.context);
    if (this.cause) decref(this.cause);
    if (this.dict) decref(this.dict);
    if (this.value) decref(this.value);
    if (this.attrObj) decref(this.attrObj);
    const t = this.type;
    freeObject(this, true);
    if (t.heapType) decref(t);
  }
  override traverse(visit: Visit): void {
    visit(this.args, "args");
    if (this.traceback) visit(this.traceback, "__traceback__");
    if (this.context) visit(this.context, "__context__");
    if (this.cause) visit(this.cause, "__cause__");
    if (this.dict) visit(this.dict, "__dict__");
    if (this.value) visit(this.value, "value");
    if (this.attrObj) visit(this.attrObj, "obj");
  }
}

export const baseExceptionType = builtinType({ name: "BaseException", basicsize: SIZEOF.exception, gc: true, baseType: true });

const exceptionTypes = new Map<string, PyType>();
exceptionTypes.set("BaseException", baseExceptionType);

function exc(name: string, base: PyType): PyType {
  const t = builtinType({ name, base, basicsize: SIZEOF.exception, gc: true, baseType: true });
  exceptionTypes.set(name, t);
  return t;
}

export const SystemExit = exc("SystemExit", baseExceptionType);
export const KeyboardInterrupt = exc("KeyboardInterrupt", baseExceptionType);
export const GeneratorExit = exc("GeneratorExit", baseExceptionType);
export const Exception = exc("Exception", baseExceptionType);
export const StopIteration = exc("StopIteration", Exception);
export const ArithmeticError = exc("ArithmeticError", Exception);
export const ZeroDivisionError = exc("ZeroDivisionError", ArithmeticError);
export const OverflowError = exc("OverflowError", ArithmeticError);
export const AssertionError = exc("AssertionError", Exception);
export const AttributeError = exc("AttributeError", Exception);
export const LookupError = exc("LookupError", Exception);
export const IndexError = exc("IndexError", LookupError);
export const KeyError = exc("KeyError", LookupError);
export const NameError = exc("NameError", Exception);
export const UnboundLocalError = exc("UnboundLocalError", NameError);
export const TypeError = exc("TypeError", Exception);
export const ValueError = exc("ValueError", Exception);
export const UnicodeError = exc("UnicodeError", ValueError);
export const RuntimeError = exc("RuntimeError", Exception);
export const RecursionError = exc("RecursionError", RuntimeError);
export const NotImplementedError = exc("NotImplementedError", RuntimeError);
export const ImportError = exc("ImportError", Exception);
export const ModuleNotFoundError = exc("ModuleNotFoundError", ImportError);
export const MemoryError = exc("MemoryError", Exception);
export const OSError = exc("OSError", Exception);
export const SyntaxError = exc("SyntaxError", Exception);
export const IndentationError = exc("IndentationError", SyntaxError);
export const TabError = exc("TabError", IndentationError);
export const BufferError = exc("BufferError", Exception);
export const EOFError = exc("EOFError", Exception);
export const ReferenceError = exc("ReferenceError", Exception);
export const Warning = exc("Warning", Exception);
export const UserWarning = exc("UserWarning", Warning);
export const DeprecationWarning = exc("DeprecationWarning", Warning);
export const RuntimeWarning = exc("RuntimeWarning", Warning);
export const ResourceWarning = exc("ResourceWarning", Warning);

export function allExceptionTypes(): Map<string, PyType> {
  return exceptionTypes;
}

/** A new exception instance of `type` with these args (references stolen). */
export function newException(type: PyType, args: PyObject[]): PyBaseException {
  const e = new PyBaseException(type);
  allocObject(e, GC_HEAD_SIZE + SIZEOF.exception, true);
  if (type.heapType) type.refcnt++;
  e.args = newTuple(args);
  gcTrack(e);
  return e;
}

/** A Python exception travelling through JS code. Owns one reference to `exc`. */
export class PyErr extends Error {
  constructor(readonly exc: PyBaseException) {
    super(exc.type.name);
  }
}

/** Throws a new `type(message)`. */
export function raise(type: PyType, message?: string): never {
  throw new PyErr(newException(type, message === undefined ? [] : [newStr(message)]));
}
