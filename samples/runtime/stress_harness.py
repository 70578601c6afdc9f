"""Runs an ftcheck stress script in a real CPython, as `ftcheck stress` does in the runtime.

    python3.13t stress_harness.py SCRIPT THREADS SECONDS [--path DIR]... [--json FILE]

Puts each --path DIR (where the extension's .so is), then the script's directory, first on sys.path, runs the
script's top level once, then starts THREADS threads released together by a barrier; thread i calls the
script's worker(i) again and again until SECONDS have passed. Prints the operations and exceptions of each thread
(with --json also writes them to FILE). Exit status: 0 no exception, 1 a worker raised, 2 bad usage or setup.
"""
import json
import os
import sys
import threading
import time


def usage(msg):
    print("stress_harness: " + msg, file=sys.stderr)
    print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
    sys.exit(2)


def parse(argv):
    paths, json_out, rest = [], None, []
    k = 0
    while k < len(argv):
        a = argv[k]
        if a in ("--path", "--json"):
            if k + 1 == len(argv):
                usage(a + " needs a value")
            if a == "--path":
                paths.append(argv[k + 1])
            else:
                json_out = argv[k + 1]
            k += 2
            continue
        rest.append(a)
        k += 1
    if len(rest) != 3:
        usage("expected SCRIPT THREADS SECONDS")
    try:
        threads, seconds = int(rest[1]), float(rest[2])
    except ValueError:
        usage("THREADS must be an int and SECONDS a number")
    if threads < 1 or seconds <= 0:
        usage("THREADS must be at least 1 and SECONDS positive")
    return rest[0], threads, seconds, paths, json_out


def main(argv):
    script, nthreads, seconds, paths, json_out = parse(argv)
    # --path folders first, so an extension built elsewhere wins over a stale copy next to the script
    for p in reversed(paths + [os.path.dirname(os.path.abspath(script))]):
        sys.path.insert(0, os.path.abspath(p))
    with open(script, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__name__": "__stress__", "__file__": script}
    exec(compile(source, script, "exec"), namespace)
    worker = namespace.get("worker")
    if not callable(worker):
        usage(script + " defines no worker(i)")

    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    ops = [0] * nthreads
    errors = [dict() for _ in range(nthreads)]  # type name -> [count, first message]
    barrier = threading.Barrier(nthreads + 1)
    deadline = [0.0]

    def run(i):
        barrier.wait()
        end = deadline[0]
        count = 0
        seen = errors[i]
        while time.monotonic() < end:
            try:
                worker(i)
            except Exception as e:  # a worker's exception is a result, counted by type
                name = type(e).__name__
                if name in seen:
                    seen[name][0] += 1
                else:
                    seen[name] = [1, str(e)]
            count += 1
        ops[i] = count

    threads = [threading.Thread(target=run, args=(i,), name="worker-%d" % i) for i in range(nthreads)]
    for t in threads:
        t.start()
    deadline[0] = time.monotonic() + seconds
    barrier.wait()
    for t in threads:
        t.join()

    total_errors = 0
    print("stress: %s, %d threads x %g s, GIL %s" % (os.path.basename(script), nthreads, seconds,
                                                      "enabled" if gil else "disabled"))
    for i in range(nthreads):
        desc = ", ".join("%s x%d (%s)" % (n, c, m) for n, (c, m) in sorted(errors[i].items())) or "none"
        total_errors += sum(c for c, _ in errors[i].values())
        print("  thread %d: %d operations, exceptions: %s" % (i, ops[i], desc))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump({"script": script, "threads": nthreads, "seconds": seconds, "gil": gil,
                       "per_thread": [{"operations": ops[i],
                                       "exceptions": {n: {"count": c, "first": m}
                                                      for n, (c, m) in errors[i].items()}}
                                      for i in range(nthreads)]}, f, indent=1)
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
