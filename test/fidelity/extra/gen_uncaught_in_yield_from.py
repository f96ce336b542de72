def inner():
    yield 1
    yield 1 / 0
def outer():
    yield from inner()
def consume():
    total = 0
    for v in outer():
        total += v
    return total
try:
    consume()
except ZeroDivisionError as e:
    print("caught", e)
def g():
    try:
        yield 1
    finally:
        print("finally runs")
for x in g():
    print(x)
    break
print("after break")
def h():
    yield 1
    raise ValueError("in generator")
it = h()
next(it)
try:
    next(it)
except ValueError:
    raise TypeError("while handling")
