def parse(items):
    return [int(x) for x in items]
data = ["1", "2", "three"]
result = parse(data)
