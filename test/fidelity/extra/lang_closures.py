import sys
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c.__closure__[0].cell_contents, c.__code__.co_freevars)
def outer():
    x = []
    def a(): return x
    def b(): return x
    print(sys.getrefcount(x))
    return a, b
a, b = outer()
print(a() is b(), sys.getrefcount(a()))
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
g = 10
def useg():
    global g
    g += 1
    return g
print(useg(), g)
def make():
    v = "val"
    def inner():
        def innermost():
            return v
        return innermost
    return inner()()
print(make())
def late():
    def show(): return y
    y = 5
    return show()
print(late())
def unbound():
    def show(): return z
    try:
        show()
    except NameError as e:
        print("NameError:", e)
    z = 1
unbound()
