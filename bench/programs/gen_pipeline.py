def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
total = 0
for x in numbers(10_000_000):
    if x % 3 == 0:
        total += x
print(total)
