// weakref: the module lives in weakref_module.ts (the collector helper's): ref, KeyedRef, proxy,
// getweakrefcount, getweakrefs, WeakValueDictionary, WeakKeyDictionary, WeakSet, finalize.
// [weakref hook] registry.ts imports makeWeakrefModule from here.
export { makeWeakrefModule } from "./weakref_module";
