class E(Exception):
    pass
raise E("custom", 2)
