// A class's shared keys (CPython 3.13: ht_cached_keys, made by _PyDict_NewKeysForClass): the
// attribute names its instances' inline values can hold, in one keys table for the whole class,
// with room for SHARED_KEYS_MAX_SIZE names that is never given back. An instance storing a name
// the table has no room for gets a real dict instead (values no longer inline), and so does a
// dict sharing the table when such a name goes in. That is why dir(obj) changes what
// gc.collect() later counts: object.__dir__ copies obj.__dict__ (the copy shares the table) and
// merges every class attribute name into it, which fills the table.
import type { PyType } from "./object";

export const SHARED_KEYS_MAX_SIZE = 30;

/**
 * insert_into_splitdictkeys: true when `name` is in the class's shared keys or could be added;
 * false when the table has no room left (dk_usable: see sharedKeysInstanceMade).
 */
export function claimSharedKey(type: PyType, name: string): boolean {
  let keys = type.sharedKeys;
  if (keys === null) {
    keys = new Set();
    type.sharedKeys = keys;
  }
  if (keys.has(name)) return true;
  // dk_usable starts at SHARED_KEYS_MAX_SIZE and each name takes one: it also caps the names.
  if (type.sharedKeysUsable <= 0) return false;
  keys.add(name);
  type.sharedKeysUsable--;
  return true;
}

/**
 * _PyObject_InitInlineValues: each new instance of a class with inline values takes one from the
 * shared keys' dk_usable (down to 1), so each instance's values have room for fewer new names
 * than the one before. After forty instances a class has room for one more attribute name only.
 */
export function sharedKeysInstanceMade(type: PyType): void {
  if (type.sharedKeysUsable > 1) type.sharedKeysUsable--;
}

/**
 * shared_keys_usable_size: dk_nentries + dk_usable, the values a split dict of this class has
 * room for. sys.getsizeof of such a dict counts a pointer for each (_PyDict_SizeOf), and not the
 * keys, which belong to the class.
 */
export function sharedKeysUsableSize(type: PyType): number {
  return (type.sharedKeys?.size ?? 0) + type.sharedKeysUsable;
}

/**
 * object.__dict__'s names in CPython 3.13, which dir() merges into its copy of an instance's
 * __dict__ after the classes' own names. The engine's object type defines fewer of them; the shared
 * keys must see all of them to fill up as CPython's do.
 */
export const CPYTHON_OBJECT_DICT_NAMES: readonly string[] = [
  "__new__", "__repr__", "__hash__", "__str__", "__getattribute__", "__setattr__", "__delattr__",
  "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", "__init__", "__reduce_ex__",
  "__reduce__", "__getstate__", "__subclasshook__", "__init_subclass__", "__format__", "__sizeof__",
  "__dir__", "__class__", "__doc__",
];
