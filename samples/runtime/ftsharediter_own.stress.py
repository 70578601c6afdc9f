# Each call iterates its own iterator over the shared list: clean.
import ftsharediter

items = list(range(100))


def worker(i):
    it = iter(items)
    ftsharediter.advance(it)
    ftsharediter.advance(it)
