d = {"a": 1}
try:
    d["b"]
except KeyError:
    undefined_name_xx
