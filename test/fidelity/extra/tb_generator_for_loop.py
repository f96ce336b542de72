def gen():
    yield 1
    raise KeyError("from gen")
for v in gen():
    print(v)
