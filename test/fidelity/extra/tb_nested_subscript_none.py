d = {"x": [1, 2, {"y": None}]}
print(d["x"][2]["y"]["z"])
