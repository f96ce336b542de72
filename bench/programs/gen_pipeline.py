def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
total = 0
for x in numbers(1000000):
    if x % 3 == 0:
        total += x
print(total)
