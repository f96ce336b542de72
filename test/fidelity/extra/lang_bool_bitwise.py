# bool & | ^ bool is a bool (bool_and, bool_or, bool_xor); with an int operand the result is int.
print(True & True, True | False, True ^ True, False ^ True, False | False)
print(True & 1, 1 | True, 3 ^ True, type(True & False).__name__, type(True & 1).__name__)
t, f = True, False
print(t & f, t | f, t ^ t, type(t ^ f).__name__)
x = True
x &= False
print(x)
x |= True
print(x)
x ^= True
print(x, type(x).__name__)
print([a & b for a in (False, True) for b in (False, True)], {True ^ False, False ^ False})
