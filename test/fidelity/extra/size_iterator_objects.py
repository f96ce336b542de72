# getsizeof of iterator objects (enumerate, zip, set_iterator... as CPython 3.13 lays them out).
import sys
k = [1, 2]
for name, o in [("enumerate", enumerate(k)), ("zip2", zip(k, k)), ("zip1", zip(k)), ("map", map(len, k)), ("filter", filter(None, k)), ("reversed", reversed(k)), ("iter list", iter(k)), ("iter tuple", iter((1,))), ("iter range", iter(range(3))), ("iter str", iter("ab")), ("iter dict", iter({})), ("dict items", {}.items()), ("dict keys iter", iter({}.keys())), ("slice", slice(1, 2)), ("range", range(3)), ("set iter", iter(set()))]:
    print(name, sys.getsizeof(o))
