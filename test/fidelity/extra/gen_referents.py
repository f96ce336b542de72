import gc

def g(a, b):
    c = [a]
    yield c
    yield b

def show(objs):
    return [type(o).__name__ if not isinstance(o, (str, int)) else o for o in objs]

x = g(1, "two")
print(show(gc.get_referents(x)))
next(x)
print(show(gc.get_referents(x)))
f = x.gi_frame
print(show(gc.get_referents(x)))
del f
for _ in x:
    pass
print(show(gc.get_referents(x)))
print(x.gi_code.co_name, x.gi_frame)

def h():
    try:
        yield 1
    except ValueError:
        yield 2
y = h()
next(y)
y.throw(ValueError)
print(show(gc.get_referents(y)))
