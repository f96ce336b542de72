x = 5
if x is 5:
    print("is five")
print("a\d")
if x is not "a":
    print([1, 2] [0], (1, 2)(3) if False else 0)
def f():
    return x is 1.5
