# Cycles through generators: a suspended generator whose frame refers to itself or to an object that
# holds it. A suspended generator has a finalizer (it closes itself), so the collector runs its
# finally blocks before freeing; a finished or never-started one has nothing to run.
# When the generator's own frame is the cycle, closing it (finalize_garbage) clears the frame and
# the generator dies right there, before delete_garbage: CPython does not count it (0 below).
import gc

class Box:
    pass

def holds_itself():
    me = yield "started"
    yield me

def with_finally(label):
    try:
        yield 1
        yield 2
    finally:
        print("  finally", label)

def scenario(name, build):
    build()
    print(name, gc.collect())

def self_via_send():
    g = holds_itself()
    next(g)
    g.send(g)
scenario("self via send", self_via_send)

def box_cycle_suspended():
    b = Box()
    b.g = with_finally("box")
    next(b.g)
    b.me = b
scenario("box cycle suspended", box_cycle_suspended)

def box_cycle_not_started():
    b = Box()
    b.g = with_finally("never")
    b.me = b
scenario("box cycle not started", box_cycle_not_started)

def box_cycle_finished():
    b = Box()
    b.g = with_finally("done")
    for _ in b.g:
        pass
    b.me = b
scenario("box cycle finished", box_cycle_finished)

def frame_holds_list_holding_gen():
    def gen(holder):
        yield holder
        yield 2
    holder = []
    g = gen(holder)
    holder.append(g)
    next(g)
scenario("frame holds list holding gen", frame_holds_list_holding_gen)

def genexp_cycle():
    data = [1, 2, 3]
    ge = (x for x in data)
    data.append(ge)
    next(ge)
scenario("genexp cycle", genexp_cycle)

def two_gens():
    def a():
        other = yield
        yield other
    g1 = a(); g2 = a()
    next(g1); next(g2)
    g1.send(g2); g2.send(g1)
scenario("two gens", two_gens)

def gen_resurrects():
    saved = []
    def g():
        try:
            yield 1
        finally:
            saved.append("closed")
    b = Box()
    b.g = g()
    next(b.g)
    b.me = b
    return saved
print(gen_resurrects(), gc.collect())
