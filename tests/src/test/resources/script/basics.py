# Literals, operators, comparisons, displays, subscripts and assignment. Compared with CPython 3.13's output.
import ftsingle

print(0, -0, 42, 0x_ff, 0o17, 0b1010, 1_000_000, 123456789012345678901234567890, 2**70)
print(1.5, 1e3, 1E-3, .5, 5., 1_0.2_5, 2j, 1.5j, 3+4j, 1e309, -1e309)
print('a', "b", 'it''s', '\x41\u00e9\U0001F600\N{BULLET}\101\n\t\\', r'\n', b'\x00\xff', rb'\x', br'\d')
print(repr('\ud800'), repr(b'\u0041'), repr('''tri
ple'''), repr("""dq"""), 'adj' "acent", b'by' b'tes')
print(None, True, False, ...)
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, -7 // 2, -7 % 3, 2 ** 10, 2 ** -1, 1 << 5, 1024 >> 3)
print(6 & 3, 6 | 3, 6 ^ 3, ~6, -(5), +5, not 1, not 0, 1.5 * 2, 10 / 4, 3 % 1.5)
print('ab' + 'cd', 'ab' * 3, [1] + [2], [0] * 3, (1,) + (2,), 'x=%d y=%s' % (1, 'z'))
print(2 + 3 * 4 ** 2, (2 + 3) * 4, -2 ** 2, 2 ** 3 ** 2, 1 + 2 << 1, 1 | 2 ^ 3 & 4)
print(1 < 2, 2 < 1, 1 <= 1, 1 == 1.0, 1 != 2, 'a' < 'b', [1, 2] < [1, 3], (1, 2) == (1, 2))
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1 != 2)
print(2 in [1, 2], 3 not in (1, 2), 'b' in 'abc', 'k' in {'k': 1}, None is None, 1 is not None)
print(0 or 'x', '' or 0, 1 and 2, 0 and 1/0, 1 or 1/0, None or [] or 'last')
print('yes' if 1 else 'no', 'yes' if [] else 'no')
print([], [1, 'a', [2]], (), (1,), (1, 2), {}, {'a': 1, 'b': [2]}, {3}, {1: 'x', 1.0: 'y'})
l = [10, 20, 30, 40, 50]
print(l[0], l[-1], l[1:3], l[:2], l[3:], l[::2], l[::-1], l[-2:], l[1:-1], l[10:])
s = 'hello'
print(s[1], s[-1], s[1:4], s[::-1], (1, 2, 3)[1:], (1, 2, 3)[::-1])
d = {'a': 1}
d['b'] = 2
d['a'] += 10
print(d, d['a'], len(d))
l[0] = 'first'
l[-1] += 5
print(l)
a, b = 1, 2
a, b = b, a
print(a, b)
x, (y, z), [w, v] = 1, (2, 3), [4, 5]
print(x, y, z, w, v)
p = q = 'same'
print(p, q, p is q)
n = 10
n += 5
n -= 1
n *= 2
n //= 3
n **= 2
n %= 50
n <<= 2
n >>= 1
n |= 1
n &= 0xff
n ^= 3
print(n)
t = 'ab'
t += 'c'
lst = [1]
alias = lst
lst += [2]
print(t, alias, lst is alias)
ftsingle.note = 'set on the module'
ftsingle.counter = 1
ftsingle.counter += 41
print(ftsingle.note, ftsingle.counter)
print(ftsingle.double_it(21), ftsingle.echo(1, 'a', [2.5]), ftsingle.arith(7, 3))
e1, e2 = 'xy'
print(e1, e2)
