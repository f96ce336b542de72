# A never-started generator: close() marks it finished but keeps its arguments until it is freed;
# after that, next/send/throw/close and a for loop all see a finished generator.
import gc
class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
def gen(x):
    print("started", x.name)
    yield x
g = gen(N("arg"))
g.close()
print("closed:", g.gi_frame, g.gi_suspended, g.gi_running)
for item in g:
    print("never", item)
print(list(g))
try:
    next(g)
except StopIteration:
    print("next: StopIteration")
try:
    g.send(None)
except StopIteration:
    print("send: StopIteration")
try:
    g.throw(ValueError("into a closed generator"))
except ValueError as e:
    print("throw:", e)
g.close()
del g
print("after del")
h = gen(N("second"))
print(next(h).name)
h.close()
print("h closed")
del h
print("end")
