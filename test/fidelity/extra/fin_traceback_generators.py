# Tracebacks through generator frames, through a key function called by a builtin, and deep recursion.
import gc, sys
class N:
    def __init__(s, n): s.n = n
    def __del__(s): print("del", s.n)
def gen():
    x = N("gen local")
    yield 1
    raise ValueError("in gen")
g = gen()
next(g)
try:
    next(g)
except ValueError as e:
    print("caught", e)
    print(e.__traceback__.tb_next.tb_frame.f_code.co_name)
print("after")
def gen2():
    y = N("gen2 local")
    try:
        yield 1
    finally:
        print("finally")
g2 = gen2()
next(g2)
del g2
print("g2 gone")
def sorter(v):
    z = N("key local")
    raise TypeError("bad key")
try:
    sorted([3, 1], key=sorter)
except TypeError as e:
    t = e.__traceback__
    print(t.tb_frame.f_code.co_name, t.tb_next.tb_frame.f_code.co_name, t.tb_next.tb_frame.f_back.f_code.co_name)
del t
print("end")
def rec(n):
    if n == 0:
        raise RecursionError("x")
    return rec(n - 1)
try:
    rec(50)
except RecursionError as e:
    n = 0
    t = e.__traceback__
    while t:
        n += 1
        t = t.tb_next
    print(n)
print(gc.collect())
