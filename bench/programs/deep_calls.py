def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1
total = 0
for i in range(2000):
    total += down(400)
print(total)
