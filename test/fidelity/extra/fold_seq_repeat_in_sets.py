# Constant folding of str/bytes repetition (safe_multiply) decides whether a display is constant.
print({b"a", b"bb", b"", b"\x00" * 9}, {"ab" * 3, 2 * "cd", "x", "y"}, {b"q" * 0, -1 * "z", "w", "v"})
print(b"ab" * 3, 3 * b"z", "ab" * -2, [b"\x00" * 9, 1, 2])
