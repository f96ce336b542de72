# dict.get checks its argument count like any METH_FASTCALL method.
for args in [(), (1, 2, 3)]:
    try:
        {}.get(*args)
    except TypeError as e:
        print(e)
print({1: 2}.get(1), {}.get(1), {}.get(1, 5), {"a": None}.get("a", 0))
for f in (set().add, set().discard, set().remove, frozenset().issubset, set().isdisjoint):
    try:
        f()
    except TypeError as e:
        print(e)
