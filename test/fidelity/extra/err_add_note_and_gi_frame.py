# add_note and __notes__ (printed after the message), and a generator's gi_frame.
e = ValueError("bad")
e.add_note("first note")
e.add_note("second\nline")
print(e.__notes__)
try:
    e.add_note(3)
except TypeError as t:
    print(t)
def gen():
    yield 1
g = gen()
print(type(g.gi_frame).__name__, g.gi_frame.f_lineno, g.gi_frame.f_code.co_name)
next(g)
print(g.gi_frame.f_lineno)
for _ in g: pass
print(g.gi_frame)
raise e
