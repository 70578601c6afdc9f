# Blocks, loops, functions and scopes. Compared with CPython 3.13's output.
import ftsingle

x = 5
if x > 10:
    print('big')
elif x > 3:
    print('medium')
else:
    print('small')
if x: print('one-line if')

for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print('for', i)
else:
    print('not reached')

for i in []:
    pass
else:
    print('for else runs when not broken')

n = 0
while n < 3:
    n += 1
else:
    print('while else', n)
while True:
    n -= 1
    if n == 0:
        break
print('after while', n)

for k, v in {'a': 1, 'b': 2}.items():
    print(k, v)
for ch in 'ab':
    for j in range(2):
        if j:
            continue
        print(ch, j)

def add(a, b=10, c=100):
    return a + b + c

print(add(1), add(1, 2), add(1, 2, 3), add(1, c=3), add(b=1, a=2), add(*[1, 2]), add(1, **{'c': 0}))

def nothing():
    pass

print(nothing())

def fact(k):
    if k <= 1:
        return 1
    return k * fact(k - 1)

print(fact(20), fact(25))

counter = 0
def bump(by=1):
    global counter
    counter += by
    return counter

bump()
bump(5)
print('counter', counter)

def local_shadow():
    counter = 'local'
    return counter

print(local_shadow(), counter)

def reads_global():
    return counter * 2

print(reads_global())

def early(seq):
    for item in seq:
        if item < 0:
            return item
    return None

print(early([3, -2, -5]), early([1]))

def fib(k):
    a, b = 0, 1
    while k > 0:
        a, b = b, a + b
        k -= 1
    return a

print(fib(50))

gone = 1
del gone
items = [1, 2, 3]
del items[0]
print(items)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
assert len(items) == 2
assert items, 'not empty'
print(len([1, 2]), len('abc'), isinstance(1, int), isinstance('s', (int, str)), isinstance(1, str))
print(list(range(3)), list(range(1, 10, 3)), tuple('ab'), dict(a=1), str(1.5), repr('q'), int('7') + 1)
print(type(1), type('s'), type(ftsingle))
print('a', 'b', sep='-', end='!\n')
print()
total = 0
for i in range(100):
    total += ftsingle.double_it(i)
print('total', total)
