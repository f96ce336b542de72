# CPython's `import weakref` imports `types`, which builds and deletes a class at import time:
# the first gc.collect() after the import finds that class's 7 objects.
import gc
gc.set_debug(gc.DEBUG_SAVEALL)
import weakref
print(gc.collect())
print(sorted(type(o).__name__ for o in gc.garbage))
print([o.__qualname__ for o in gc.garbage if isinstance(o, type)])
gc.garbage.clear()
gc.set_debug(0)
import weakref
print(gc.collect())
