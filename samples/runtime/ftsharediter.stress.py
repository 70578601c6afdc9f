# Every worker advances the same iterator: checked mode reports shared-iterator.
import ftsharediter

shared = iter(list(range(1000000)))


def worker(i):
    ftsharediter.advance(shared)
