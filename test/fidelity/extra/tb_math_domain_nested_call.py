import math
def compute(values):
    total = 0
    for v in values:
        total += math.sqrt(v)
    return total
print(compute([1, 4, -1]))
