# try/except/finally, raise, and the exceptions the extension and the runtime raise. Compared with CPython 3.13.
import ftsingle

try:
    ftsingle.fail('from C')
except ValueError as e:
    print('caught', type(e).__name__, e, repr(e), e.args)

try:
    {}['missing']
except LookupError as e:
    print('subclass match', type(e).__name__, e)

try:
    [][3]
except (KeyError, IndexError) as e:
    print('tuple match', type(e).__name__, e)

try:
    1 / 0
except Exception as e:
    print('base match', type(e).__name__, e)

try:
    undefined_name
except NameError as e:
    print(type(e).__name__, e)

def unbound():
    print(later)
    later = 1

try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)

def two(a, b=1):
    return a

for bad in ['two()', 'two(1, 2, 3)', 'two(1, c=2)', 'two(1, a=2)']:
    try:
        if bad == 'two()':
            two()
        elif bad == 'two(1, 2, 3)':
            two(1, 2, 3)
        elif bad == 'two(1, c=2)':
            two(1, c=2)
        else:
            two(1, a=2)
    except TypeError as e:
        print(bad, '->', e)

try:
    a, b = 1, 2, 3
except ValueError as e:
    print(e)
try:
    a, b, c = 1, 2
except ValueError as e:
    print(e)
try:
    a, b = 1
except TypeError as e:
    print(e)
try:
    'a' + 1
except TypeError as e:
    print(e)
try:
    ftsingle.nope
except AttributeError as e:
    print(e)

def cleanup():
    try:
        return 'returned'
    finally:
        print('finally runs before the return')

print(cleanup())

try:
    try:
        raise KeyError('inner')
    except KeyError:
        print('re-raising')
        raise
except KeyError as e:
    print('outer got', repr(e))

try:
    raise ValueError
except ValueError as e:
    print('class raised', repr(e))

try:
    raise RuntimeError('with message')
except RuntimeError as e:
    print(e)
finally:
    print('finally')

try:
    assert 1 == 2, 'assert message'
except AssertionError as e:
    print('assert', e)

try:
    assert False
except AssertionError as e:
    print('bare assert', repr(e))

try:
    pass
except Exception:
    print('not reached')
else:
    print('else runs without an exception')

try:
    ftsingle.fail('again')
except:
    print('bare except catches')

def raiser(kind):
    if kind == 1:
        raise ValueError('one')
    return 'fine'

for k in range(3):
    try:
        print(raiser(k))
    except ValueError as e:
        print('loop', e)

try:
    try:
        1 / 0
    finally:
        print('inner finally')
except ZeroDivisionError:
    print('propagated through finally')

try:
    e
except NameError as err:
    print('as-name is unbound after the handler:', err)

import builtins
print(issubclass(KeyError, LookupError), isinstance(ValueError('x'), Exception))
raise ValueError('uncaught at the end')
