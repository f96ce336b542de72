a = [1,2]
b = {}
print(a[0] + b["missing"] * 2)
