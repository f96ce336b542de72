def f(alpha, /, beta=1, *, gamma):
    pass
for call in [lambda: f(1, bet=2, gamma=3), lambda: f(alpha=1, gamma=2), lambda: f(1, 2, 3, gamma=1), lambda: f(1, 2, 3), lambda: f(), lambda: f(1), lambda: f(1, beta=2, beta2=3, gamma=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
def g(a, b=2):
    pass
for call in [lambda: g(1, 2, 3), lambda: g(), lambda: g(1, 2, 3, b=4)]:
    try:
        call()
    except TypeError as e:
        print(e)
