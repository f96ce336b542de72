// Late-bound entry points from the object model into the VM (calling Python code, repr, hash,
// equality), set once by vm/ at start-up. Objects need them (a dict compares keys with __eq__, a
// finalizer calls __del__) but must not import the eval loop directly.
import type { PyObject } from "./object";
import type { PyHash } from "./pyhash";

export interface VMHooks {
  /** Calls a Python object with borrowed args; returns a new reference. */
  call(callable: PyObject, args: PyObject[], kwnames?: string[] | null): PyObject;
  repr(o: PyObject): string;
  str(o: PyObject): string;
  hash(o: PyObject): PyHash;
  eq(a: PyObject, b: PyObject): boolean;
  /** Runs __del__ of an object whose refcount reached zero (errors are reported, not raised). */
  callFinalizer(o: PyObject): void;
  /** Reports an exception raised in a finalizer ("Exception ignored in: ..."). */
  writeUnraisable(error: unknown, where: PyObject): void;
}

export const vm: VMHooks = {
  call: () => {
    throw new Error("VM not initialised");
  },
  repr: () => "<?>",
  str: () => "<?>",
  hash: () => 0,
  eq: (a, b) => a === b,
  writeUnraisable: () => {},
  callFinalizer: () => {},
};
