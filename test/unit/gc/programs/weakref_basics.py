import weakref
def h(s):
    # hide addresses: every "0x<hex digits>" becomes "0x?"
    out = []
    i = 0
    while True:
        j = s.find("0x", i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j] + "0x?")
        i = j + 2
        while i < len(s) and s[i] in "0123456789abcdef":
            i += 1
class T:
    pass
def f():
    pass
t = T()
r = weakref.ref(t)
print("shared basic ref", weakref.ref(t) is r, weakref.getweakrefcount(t))
r1 = weakref.ref(t, lambda w: print("cb1", w() is None))
r2 = weakref.ref(t, lambda w: print("cb2", w() is None))
print("list order", weakref.getweakrefs(t) == [r, r2, r1], weakref.getweakrefcount(t))
print("call", r() is t, r1() is t)
print("repr", h(repr(r)))
print("repr function", h(repr(weakref.ref(f))))
print("repr class", h(repr(weakref.ref(T))))
print("eq", r == r1, r != r2, hash(r) == hash(t))
print("callback attr", r.__callback__, r1.__callback__ is not None)
k = weakref.KeyedRef(t, None, "key1")
print("keyed", k.key, k() is t)
try:
    weakref.ref([])
except TypeError as e:
    print("TypeError", e)
try:
    weakref.ref(5)
except TypeError as e:
    print("TypeError", e)
h1 = hash(r)
del t
print("dead", r(), h(repr(r)), hash(r) == h1, r == r, r == r1)
u = T()
w = weakref.ref(u)
del u
try:
    hash(w)
except TypeError as e:
    print("TypeError", e)
print("isinstance", isinstance(r, weakref.ref), type(r) is weakref.ReferenceType)
