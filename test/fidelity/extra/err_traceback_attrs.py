# __traceback__, with_traceback and the traceback's links, as Python code sees them.
import sys


def boom():
    raise ValueError("boom")


try:
    boom()
except ValueError as e:
    err = e

tb = err.__traceback__
print(tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_next.tb_next)
print(tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)
print(tb.tb_frame.f_globals is globals())

fresh = ValueError("fresh")
print(fresh.__traceback__)
print(fresh.with_traceback(tb) is fresh, fresh.__traceback__ is tb)
fresh.__traceback__ = None
print(fresh.__traceback__)
try:
    fresh.__traceback__ = 42
except TypeError as te:
    print("TypeError:", te)
try:
    fresh.with_traceback("no")
except TypeError as te:
    print("TypeError:", te)


def again():
    raise err


try:
    again()
except ValueError as e2:
    t = e2.__traceback__
    chain = []
    while t:
        chain.append(t.tb_frame.f_code.co_name)
        t = t.tb_next
    print(chain)

try:
    try:
        boom()
    except ValueError:
        raise
except ValueError as e3:
    t = e3.__traceback__
    n = 0
    while t:
        n += 1
        t = t.tb_next
    print("re-raise keeps", n, "links")
print(sys.getrefcount(tb) >= 2)
