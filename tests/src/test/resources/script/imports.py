# import forms. Compared with CPython 3.13.
import ftsingle as fs
from ftsingle import double_it, echo as e
import ftsingle
print(fs is ftsingle, double_it(4), e(1, 2))
print(fs.__name__)
try:
    from ftsingle import no_such_name
except ImportError as err:
    print(type(err).__name__, str(err).split(' (')[0])
try:
    import no_such_module_anywhere
except ModuleNotFoundError as err:
    print(type(err).__name__, str(err).split(' (')[0])
