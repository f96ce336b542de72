x = [1, 2, 3]
x.appendd(4)
