"""Module doc.

    Its indented line.
"""
# 3.13: co_consts[0] is a function's docstring, or None (always None for a lambda), and
# PyFunction_New takes __doc__ from there; the compiler cleans docstrings' indentation
# (_PyCompile_CleanDoc) for functions, classes and modules.
import gc
import sys

print(repr(__doc__))

def documented():
    """First line.

    Indented body
        more indented
    last
    """
    return 1

def plain():
    return 2

def string_later():
    x = 1
    "not a docstring"

print(repr(documented.__doc__))
print(plain.__doc__, plain.__code__.co_consts)
print(documented.__code__.co_consts[1:])
print(string_later.__doc__, string_later.__code__.co_consts)
print([type(x).__name__ for x in gc.get_referents(documented)])
print([type(x).__name__ for x in gc.get_referents(plain)])

class C:
    """Class doc.

       Second line.
    """
    def method(self):
        '''  leading spaces
        x'''

print(repr(C.__doc__))
print(repr(C.method.__doc__))
f = lambda: "not a doc"
print(f.__doc__, f.__code__.co_consts)

def gen():
    "generator doc"
    yield 1

print(gen.__doc__, gen.__code__.co_consts)

def tabbed():
	"""Tabbed.
	second"""

print(repr(tabbed.__doc__))
print(sys.getsizeof(documented.__code__.co_consts), sys.getsizeof(plain.__code__.co_consts))
documented.__doc__ = "replaced"
print(documented.__doc__, documented.__code__.co_consts[0])
