def a():
    try:
        return 1 / 0
    except ZeroDivisionError:
        raise
try:
    a()
except ZeroDivisionError as e:
    raise RuntimeError("wrapped") from None
