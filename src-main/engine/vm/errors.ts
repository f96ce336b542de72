// Raising Python exceptions from native code, and turning stray JS errors into Python ones.
import { raise, PyErr, TypeError, ValueError, IndexError, KeyError, AttributeError, NameError, ZeroDivisionError, RecursionError, newException, RuntimeError, StopIteration, OverflowError } from "../objects/exceptions";
import type { PyObject, PyType } from "../objects/object";
import { LimitExceeded } from "../heap/heap";
import { newStr } from "../objects/str";

export function typeError(message: string): never {
  raise(TypeError, message);
}
export function valueError(message: string): never {
  raise(ValueError, message);
}
export function indexError(message: string): never {
  raise(IndexError, message);
}
export function attributeError(message: string): never {
  raise(AttributeError, message);
}
export function nameError(message: string): never {
  raise(NameError, message);
}
export function zeroDivision(message: string): never {
  raise(ZeroDivisionError, message);
}
export function overflowError(message: string): never {
  raise(OverflowError, message);
}
export function runtimeError(message: string): never {
  raise(RuntimeError, message);
}

/** KeyError(key): the key itself is the argument. */
export function keyError(key: PyObject): never {
  key.refcnt++;
  throw new PyErr(newException(KeyError, [key]));
}

/** StopIteration(value) (value borrowed). */
export function stopIteration(value: PyObject | null): never {
  const e = newException(StopIteration, value ? [(value.refcnt++, value)] : []);
  if (value) {
    value.refcnt++;
    e.value = value;
  }
  throw new PyErr(e);
}

/** Normalises anything thrown inside the VM into a PyErr (limits pass through untouched). */
export function toPyErr(e: unknown): PyErr {
  if (e instanceof PyErr) return e;
  if (e instanceof LimitExceeded) throw e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new PyErr(newException(RecursionError, [newStr("maximum recursion depth exceeded")]));
  }
  const message = e instanceof Error ? `${e.message}` : String(e);
  return new PyErr(newException(RuntimeError, [newStr(`internal engine error: ${message}`)]));
}

export function isInstanceOfType(o: PyObject, t: PyType): boolean {
  return o.type === t || o.type.isSubtype(t);
}
