import math
for f in ['math.sqrt(-1)','math.log(0)','math.log(-1)','math.factorial(-1)','math.factorial(2.5)','math.sqrt("a")','math.acos(2)','math.exp(1000)']:
    try:
        eval(f)
    except Exception as e:
        print(f, type(e).__name__, e)
print(math.sqrt(16), math.floor(2.5), math.ceil(2.1), math.pi, math.e, math.tau, math.inf, math.gcd(12, 18), math.factorial(10), math.hypot(3,4), math.log(100,10), math.log2(8), math.log10(1000), math.isclose(0.1+0.2,0.3), math.prod([1,2,3]), math.comb(5,2), math.perm(5,2), math.trunc(-2.7), math.fabs(-3), math.pow(2,10), math.degrees(math.pi), math.radians(180), math.sin(0), math.cos(0), math.isqrt(17), math.fsum([0.1]*10), math.copysign(1,-0.0), math.lcm(4,6))
print(math.floor(-0.5), math.ceil(-0.5), math.factorial(25), math.exp(1), math.log(math.e), math.isnan(math.nan), math.isinf(-math.inf))
