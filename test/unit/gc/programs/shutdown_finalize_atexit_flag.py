import weakref
class R:
    pass
a = R(); b = R(); c = R()
fa = weakref.finalize(a, print, "a at exit")
fb = weakref.finalize(b, print, "b never")
fb.atexit = False
fc = weakref.finalize(c, print, "c at exit")
print(fa.atexit, fb.atexit, repr(fb).startswith("<finalize object at"), fb.alive)
print("end")
