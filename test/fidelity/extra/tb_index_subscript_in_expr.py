lst = [1, 2, 3]
value = lst.count(1) + lst[10]
