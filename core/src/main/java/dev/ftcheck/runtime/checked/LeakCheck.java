package dev.ftcheck.runtime.checked;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.CodeSites;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked mode's leak check: the objects allocated after a mark and still alive, grouped by type and allocation
 * site, and the reference cycles among them (found by following what each refers to: the items of lists, tuples,
 * dicts and sets, an instance's dict, and tp_traverse for the rest).
 */
public final class LeakCheck {
    /** Objects of one type from one allocation site. */
    public record Group(String type, String site, String file, int line, long count) {}

    /** Cycles of one shape (the types around the cycle) and how many there are. */
    public record Cycles(String shape, long count) {}

    /** What is left: every leaked object, grouped, and the cycles. */
    public record Result(long total, List<Group> groups, List<Cycles> cycles) {}

    private final MethodHandle mark;
    private final MethodHandle liveSince;
    private final MethodHandle allocSite;
    private final MethodHandle traverse;
    private final CodeSites sites;

    public LeakCheck(Bridge bridge, CodeSites sites) {
        ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
        mark = bridge.fn("ftb_alloc_mark", FunctionDescriptor.of(j), true);
        liveSince = bridge.fn("ftb_live_since", FunctionDescriptor.of(j, j, j, j), false);
        allocSite = bridge.fn("ftb_alloc_site", FunctionDescriptor.of(j, j), true);
        traverse = bridge.fn("ftb_traverse", FunctionDescriptor.of(ValueLayout.JAVA_INT, j, j, ValueLayout.JAVA_INT),
                false);
        this.sites = sites;
    }

    /** The allocation sequence now: objects allocated later count as "during the calls". */
    public long mark() {
        try {
            return (long) mark.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Call with a thread state attached: reads the objects' types and contents. */
    public Result since(long mark) {
        long[] objects = liveSince(mark);
        record Key(String type, long site) {}
        Map<Key, long[]> byGroup = new LinkedHashMap<>();
        for (long o : objects) {
            byGroup.computeIfAbsent(new Key(Types.of(Heap.type(o)).name(), site(o)), k -> new long[1])[0]++;
        }
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((k, n) -> {
            var s = sites.ofReturnAddress(k.site());
            groups.add(new Group(k.type(), s.map(CodeSites.Site::describe).orElse("the runtime (no C caller)"),
                    s.map(CodeSites.Site::file).orElse(null), s.map(CodeSites.Site::line).orElse(0), n[0]));
        });
        groups.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new Result(objects.length, groups, cycles(objects));
    }

    private long[] liveSince(long mark) {
        try (Arena arena = Arena.ofConfined()) {
            long n = (long) liveSince.invokeExact(mark, 0L, 0L);
            while (true) {
                MemorySegment buf = arena.allocate(Math.max(1, n) * 8, 8);
                long m = (long) liveSince.invokeExact(mark, buf.address(), n);
                if (m <= n) {
                    return Arrays.copyOf(buf.toArray(ValueLayout.JAVA_LONG), (int) m);
                }
                n = m;
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private long site(long o) {
        try {
            return (long) allocSite.invokeExact(o);
        } catch (Throwable t) {
            return 0;
        }
    }

    /** Strongly connected components among the leaked objects (iterative Tarjan), reported by shape. */
    private List<Cycles> cycles(long[] objects) {
        Map<Long, Integer> index = new HashMap<>(objects.length * 2);
        for (int i = 0; i < objects.length; i++) {
            index.put(objects[i], i);
        }
        int[][] edges = new int[objects.length][];
        for (int i = 0; i < objects.length; i++) {
            List<Long> refs = referents(objects[i]);
            int[] e = new int[refs.size()];
            int k = 0;
            for (long r : refs) {
                Integer t = index.get(r);
                if (t != null) {
                    e[k++] = t;
                }
            }
            edges[i] = Arrays.copyOf(e, k);
        }
        int n = objects.length;
        int[] order = new int[n];
        int[] low = new int[n];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int counter = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int root = 0; root < n; root++) {
            if (order[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            order[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < edges[v].length) {
                    int w = edges[v][callEdge[depth]++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                if (low[v] == order[v]) {
                    List<Integer> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        component.add(w);
                    } while (w != v);
                    if (component.size() > 1 || refersTo(edges[v], v)) {
                        shapes.computeIfAbsent(shape(component, objects), s -> new long[1])[0]++;
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        List<Cycles> out = new ArrayList<>();
        shapes.forEach((s, c) -> out.add(new Cycles(s, c[0])));
        out.sort((a, b) -> Long.compare(b.count(), a.count()));
        return out;
    }

    private static boolean refersTo(int[] edges, int v) {
        for (int e : edges) {
            if (e == v) {
                return true;
            }
        }
        return false;
    }

    private static String shape(List<Integer> component, long[] objects) {
        if (component.size() == 1) {
            return "a " + Types.of(Heap.type(objects[component.get(0)])).name() + " that refers to itself";
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i : component) {
            counts.merge(Types.of(Heap.type(objects[i])).name(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder(component.size() + " objects (");
        counts.forEach((t, c) -> b.append(c).append(" ").append(t).append(", "));
        b.setLength(b.length() - 2);
        return b.append(")").toString();
    }

    /** The objects o holds references to. */
    private List<Long> referents(long o) {
        List<Long> out = new ArrayList<>();
        long type = Heap.type(o);
        long flags = Mem.getLong(type + TP_FLAGS);
        if (Lists.isList(o)) {
            long items = Mem.getLong(o + LIST_ITEMS);
            for (long i = 0, n = Lists.size(o); i < n; i++) {
                out.add(Mem.getLong(items + 8 * i));
            }
        } else if ((flags & TPF_TUPLE_SUBCLASS) != 0) {
            for (long i = 0, n = Tuples.size(o); i < n; i++) {
                out.add(Mem.getLong(o + TUPLE_ITEMS + 8 * i));
            }
        } else if (Dicts.isDict(o)) {
            addAndRelease(out, Dicts.items(o));
        } else if (Sets.isAnySet(o)) {
            addAndRelease(out, Sets.elements(o));
        } else {
            traverse(o, out);
            long dictOffset = Mem.getLong(type + TP_DICTOFFSET);
            if (dictOffset > 0 && Mem.getLong(o + dictOffset) != 0) {
                out.add(Mem.getLong(o + dictOffset));
            }
        }
        return out;
    }

    private static void addAndRelease(List<Long> out, long[] refs) {
        for (long r : refs) {
            out.add(r);
            Native.decref(r);
        }
    }

    private void traverse(long o, List<Long> out) {
        try (Arena arena = Arena.ofConfined()) {
            int cap = 64;
            while (true) {
                MemorySegment buf = arena.allocate(8L * cap, 8);
                int n = (int) traverse.invokeExact(o, buf.address(), cap);
                if (n <= cap) {
                    for (int i = 0; i < n; i++) {
                        out.add(buf.getAtIndex(ValueLayout.JAVA_LONG, i));
                    }
                    return;
                }
                cap = n;
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
