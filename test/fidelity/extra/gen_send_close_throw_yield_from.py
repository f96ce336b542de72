def sub():
    try:
        x = yield 1
        print("sub got", x)
        y = yield 2
        print("sub got", y)
    except ValueError as e:
        print("sub caught", e)
        yield "recovered"
    finally:
        print("sub finally")
    return "sub-result"

def outer():
    r = yield from sub()
    print("outer got result", r)
    yield "after"

g = outer()
print(next(g))
print(g.send("a"))
print(g.throw(ValueError("boom")))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

g = outer()
next(g)
g.close()
print("closed", g.gi_frame is None)

def unstarted():
    yield 1
u = unstarted()
try:
    u.send(5)
except TypeError as e:
    print("TypeError:", e)

def ret():
    yield 1
    return 42
r = ret()
next(r)
try:
    next(r)
except StopIteration as e:
    print("value", e.value, e.args)

def bad():
    yield 1
    raise StopIteration("inner")
b = bad()
next(b)
try:
    next(b)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
c = catcher()
next(c)
c.close()

def ignorer():
    try:
        yield 1
    except GeneratorExit:
        yield 2
i = ignorer()
next(i)
try:
    i.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def excstate():
    try:
        raise KeyError("k")
    except KeyError:
        yield 1
        import sys
        print("inside", repr(sys.exception()))
    yield 2
import sys
e = excstate()
next(e)
print("outside", repr(sys.exception()))
next(e)

def closesub():
    try:
        yield 1
    finally:
        print("inner closed")
def closeouter():
    try:
        yield from closesub()
    finally:
        print("outer closed")
co = closeouter()
next(co)
co.close()

def throwsub():
    yield from closesub()
t = throwsub()
next(t)
try:
    t.throw(KeyError("x"))
except KeyError as e:
    print("propagated", repr(e))
print(list(x * 2 for x in range(3)))
gg = (x for x in range(3))
print(next(gg), gg.send(None))
def gen_running():
    yield gr.send(None)
gr = gen_running()
try:
    next(gr)
except ValueError as e:
    print("ValueError:", e)
def g2():
    yield 1
x = g2()
print(list(x), list(x))
x.close()
print(x.gi_running, x.gi_suspended if hasattr(x, "gi_suspended") else "")
def thrower():
    yield 1
th = thrower()
try:
    th.throw(ValueError)
except ValueError as e:
    print("unstarted throw", repr(e))
print(next(th, "exhausted"))
