package dev.ftcheck.scanner.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Critical sections and lock scopes in a function body, paired in source order.
 *
 * <p>Critical sections: {@code Py_BEGIN_CRITICAL_SECTION(x)} .. {@code Py_END_CRITICAL_SECTION()}, the {@code 2},
 * {@code _MUTEX} and {@code _SEQUENCE_FAST} forms, and {@code PyCriticalSection_Begin(&cs, x)} ..
 * {@code PyCriticalSection_End(&cs)} (paired by the section variable). Locks: {@code PyMutex_Lock(&m)} ..
 * {@code PyMutex_Unlock(&m)}, {@code PyThread_acquire_lock}, pthread and Win32 mutexes, and C++ scoped guards
 * ({@code std::lock_guard}, {@code std::unique_lock}, {@code std::scoped_lock}) up to the end of their block.
 */
public final class LockScopes {
    private static final Map<String, String> MACRO_BEGIN_END = Map.of(
            "Py_BEGIN_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION",
            "Py_BEGIN_CRITICAL_SECTION2", "Py_END_CRITICAL_SECTION2",
            "Py_BEGIN_CRITICAL_SECTION_MUTEX", "Py_END_CRITICAL_SECTION",
            "Py_BEGIN_CRITICAL_SECTION2_MUTEX", "Py_END_CRITICAL_SECTION2",
            "Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST", "Py_END_CRITICAL_SECTION_SEQUENCE_FAST");
    private static final Set<String> FUNCTION_BEGIN = Set.of("PyCriticalSection_Begin", "PyCriticalSection2_Begin",
            "PyCriticalSection_BeginMutex", "PyCriticalSection2_BeginMutex");
    private static final Set<String> FUNCTION_END = Set.of("PyCriticalSection_End", "PyCriticalSection2_End");
    private static final Map<String, String> LOCK_UNLOCK = Map.of(
            "PyMutex_Lock", "PyMutex_Unlock",
            "PyThread_acquire_lock", "PyThread_release_lock",
            "PyThread_acquire_lock_timed", "PyThread_release_lock",
            "pthread_mutex_lock", "pthread_mutex_unlock",
            "EnterCriticalSection", "LeaveCriticalSection",
            "AcquireSRWLockExclusive", "ReleaseSRWLockExclusive",
            "mtx_lock", "mtx_unlock");

    private final List<Region> criticalSections;
    private final List<Region> locks;

    private LockScopes(List<Region> criticalSections, List<Region> locks) {
        this.criticalSections = criticalSections;
        this.locks = locks;
    }

    public static LockScopes of(FileAnalysis file, FunctionInfo f) {
        Tokens t = file.tokens();
        List<Region> sections = new ArrayList<>();
        List<Region> locks = new ArrayList<>();
        Deque<Object[]> macroStack = new ArrayDeque<>();
        List<Object[]> openFunctionSections = new ArrayList<>();
        List<Object[]> openLocks = new ArrayList<>();
        for (CallSite c : f.calls()) {
            String n = c.name();
            if (MACRO_BEGIN_END.containsKey(n)) {
                Set<String> subjects = new HashSet<>();
                for (CallSite.Arg a : c.args()) {
                    subjects.add(a.normalized());
                }
                macroStack.push(new Object[] {MACRO_BEGIN_END.get(n), c.close(), subjects, n});
            } else if (MACRO_BEGIN_END.containsValue(n)) {
                // pop the innermost section this END closes
                for (Object[] open : macroStack) {
                    if (open[0].equals(n)) {
                        macroStack.remove(open);
                        sections.add(new Region((int) open[1], c.nameToken(), setOf(open[2]), (String) open[3]));
                        break;
                    }
                }
            } else if (FUNCTION_BEGIN.contains(n) && c.args().size() >= 2) {
                Set<String> subjects = new HashSet<>();
                for (int i = 1; i < c.args().size(); i++) {
                    subjects.add(stripAddress(c.argNorm(i)));
                }
                openFunctionSections.add(new Object[] {stripAddress(c.argNorm(0)), c.close(), subjects, n});
            } else if (FUNCTION_END.contains(n) && !c.args().isEmpty()) {
                String cs = stripAddress(c.argNorm(0));
                for (int i = openFunctionSections.size() - 1; i >= 0; i--) {
                    Object[] open = openFunctionSections.get(i);
                    if (open[0].equals(cs)) {
                        openFunctionSections.remove(i);
                        sections.add(new Region((int) open[1], c.nameToken(), setOf(open[2]), (String) open[3]));
                        break;
                    }
                }
            } else if (!LOCK_UNLOCK.containsKey(n) && !LOCK_UNLOCK.containsValue(n) && isGenericAcquire(n)) {
                // a project's own lock helpers: acquire_x()/x_lock() ... release_x()/x_unlock()
                openLocks.add(new Object[] {"*release*", "", c.close(), n});
            } else if (!LOCK_UNLOCK.containsValue(n) && isGenericRelease(n)) {
                for (int i = openLocks.size() - 1; i >= 0; i--) {
                    if (openLocks.get(i)[0].equals("*release*")) {
                        Object[] open = openLocks.remove(i);
                        locks.add(new Region((int) open[2], c.nameToken(), Set.of(), (String) open[3]));
                        break;
                    }
                }
            } else if (LOCK_UNLOCK.containsKey(n) && !c.args().isEmpty()) {
                openLocks.add(new Object[] {LOCK_UNLOCK.get(n), stripAddress(c.argNorm(0)), c.close(), n});
            } else if (LOCK_UNLOCK.containsValue(n) && !c.args().isEmpty()) {
                String m = stripAddress(c.argNorm(0));
                for (int i = openLocks.size() - 1; i >= 0; i--) {
                    Object[] open = openLocks.get(i);
                    if (open[0].equals(n) && open[1].equals(m)) {
                        openLocks.remove(i);
                        locks.add(new Region((int) open[2], c.nameToken(), Set.of(m), (String) open[3]));
                        break;
                    }
                }
            }
        }
        // Sections never closed (error paths, macro soup) extend to the end of the body.
        for (Object[] open : macroStack) {
            sections.add(new Region((int) open[1], f.bodyClose(), setOf(open[2]), (String) open[3]));
        }
        for (Object[] open : openFunctionSections) {
            sections.add(new Region((int) open[1], f.bodyClose(), setOf(open[2]), (String) open[3]));
        }
        for (Object[] open : openLocks) {
            locks.add(new Region((int) open[2], f.bodyClose(), Set.of((String) open[1]), (String) open[3]));
        }
        addCppGuards(t, f, locks);
        return new LockScopes(sections, locks);
    }

    private static boolean isGenericAcquire(String n) {
        String l = n.toLowerCase(java.util.Locale.ROOT);
        if (!l.contains("lock") && !l.contains("acquire")) {
            return false; // most calls: decided without splitting the name into words
        }
        List<String> w = words(n);
        return !w.contains("unlock") && !w.contains("release") && !w.get(0).equals("py")
                && (w.contains("acquire") || w.contains("lock") || w.contains("spinlock") || w.contains("wrlock")
                        || w.contains("rdlock"));
    }

    private static boolean isGenericRelease(String n) {
        String l = n.toLowerCase(java.util.Locale.ROOT);
        if (!l.contains("lock") && !l.contains("release")) {
            return false;
        }
        List<String> w = words(n);
        return !w.get(0).equals("py") && (w.contains("unlock") || w.contains("release")
                && (w.contains("lock") || w.contains("mutex") || w.contains("spinlock")));
    }

    /**
     * True when a call's name says it is a lock operation: a known lock API, or a name with a word {@code lock},
     * {@code unlock}, {@code mutex}, {@code spinlock} ({@code table_lock}, {@code LockBuffer}, {@code my_mutex_enter}),
     * never a name that merely contains the letters ({@code return_block}, {@code clock_gettime}).
     */
    public static boolean isLockCall(String n) {
        if (LOCK_UNLOCK.containsKey(n) || LOCK_UNLOCK.containsValue(n) || FUNCTION_BEGIN.contains(n)
                || FUNCTION_END.contains(n) || n.startsWith("PyMutex_") || n.startsWith("pthread_mutex")
                || n.startsWith("pthread_rwlock") || n.startsWith("pthread_spin")) {
            return true;
        }
        String l = n.toLowerCase(java.util.Locale.ROOT);
        if (!l.contains("lock") && !l.contains("mutex")) {
            return false; // the common case, without splitting the name
        }
        for (String w : words(n)) {
            if (LOCK_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> LOCK_WORDS = Set.of("lock", "unlock", "mutex", "spinlock", "rwlock", "wrlock",
            "rdlock", "trylock", "locked");

    /** The lower-case words of an identifier, split at underscores and camel-case humps. */
    static List<String> words(String n) {
        List<String> out = new ArrayList<>();
        for (String part : n.split("_+")) {
            if (part.isEmpty()) {
                continue;
            }
            for (String w : part.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")) {
                out.add(w.toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> setOf(Object o) {
        return (Set<String>) o;
    }

    private static void addCppGuards(Tokens t, FunctionInfo f, List<Region> locks) {
        for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
            if (!t.isIdent(i) || !(t.is(i, "lock_guard") || t.is(i, "unique_lock") || t.is(i, "scoped_lock"))) {
                continue;
            }
            // the guard lives until the end of the innermost enclosing block
            int depth = 0;
            int end = f.bodyClose();
            for (int j = i + 1; j < f.bodyClose(); j++) {
                if (t.is(j, "{")) {
                    depth++;
                } else if (t.is(j, "}")) {
                    if (depth == 0) {
                        end = j;
                        break;
                    }
                    depth--;
                }
            }
            locks.add(new Region(i, end, Set.of(), t.text(i)));
        }
    }

    static String stripAddress(String s) {
        return s.startsWith("&") ? Expressions.normalize(s.substring(1)) : s;
    }

    /** True when token {@code i} is inside a critical section whose subjects include {@code expr}. */
    public boolean lockedOn(int token, String expr) {
        for (Region r : criticalSections) {
            if (r.contains(token) && r.subjects().contains(expr)) {
                return true;
            }
        }
        return false;
    }

    /** True when token {@code i} is inside any critical section. */
    public boolean inAnyCriticalSection(int token) {
        for (Region r : criticalSections) {
            if (r.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** True when token {@code i} is inside any mutex or lock scope. */
    public boolean inAnyLock(int token) {
        for (Region r : locks) {
            if (r.contains(token)) {
                return true;
            }
        }
        return false;
    }

    public List<Region> criticalSections() {
        return criticalSections;
    }

    public List<Region> locks() {
        return locks;
    }
}
