def check(x):
    assert x > 0
check(-1)
