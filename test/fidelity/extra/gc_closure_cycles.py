# Cycles through closures: a function whose cell holds itself, cells shared by sibling closures,
# objects holding closures that capture them. The collector frees the function, its cell(s), the
# closure tuple, the captured objects, and (for nested functions with defaults) their tuples.
import gc

def recursive_closure():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact(5)

def siblings():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return get()
    def get():
        return count
    return inc()

def captured_holder():
    class Holder:
        pass
    h = Holder()
    def callback():
        return h
    h.cb = callback
    return callback() is h

def lambda_in_list():
    items = []
    items.append(lambda: items)
    return len(items)

def closure_with_defaults():
    def outer(x=[1, 2]):
        def inner(y=(x, [3])):
            return inner
        return inner
    f = outer()
    return f() is f

def closure_loop(n):
    fs = []
    for i in range(n):
        def f(i=i):
            return fs[i]
        fs.append(f)
    return len(fs)

gc.collect()
print("recursive closure", recursive_closure(), gc.collect())
print("siblings", siblings(), gc.collect())
print("captured holder", captured_holder(), gc.collect())
print("lambda in list", lambda_in_list(), gc.collect())
print("closure with defaults", closure_with_defaults(), gc.collect())
print("closure loop", closure_loop(10), gc.collect())

def make_counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    step.me = step
    return step
c = make_counter()
c(); c()
print("counter alive", c(), gc.collect())
cell = c.__closure__[0]
print(type(cell).__name__, cell.cell_contents, gc.is_tracked(cell))
del c
print("counter dead", gc.collect(), cell.cell_contents)
