package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Node;
import dev.ftcheck.scanner.api.Python2Code;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mutable state shared by every thread: file-scope variables and function-level {@code static}s, with the places
 * that write them while the module is in use.
 *
 * <p>Not candidates: {@code const} objects, thread-locals ({@code _Thread_local}, {@code thread_local},
 * {@code __thread}, {@code __declspec(thread)}), atomics ({@code _Atomic}, {@code std::atomic}, C11
 * {@code atomic_*} typedefs), locks themselves, and the static type and method tables that modules fill in at init.
 * Not writes that count: writes during module init/exec/teardown (see {@link InitContext}), writes inside a critical
 * section or between a lock and its unlock ({@link LockScopes}), and atomic builtins.
 */
public final class GlobalState {
    private static final Pattern THREAD_LOCAL = Pattern.compile(
            "\\b(_Thread_local|thread_local|__thread|Py_THREAD_LOCAL|_Py_thread_local)\\b|__declspec\\s*\\(\\s*thread\\s*\\)");
    private static final Pattern ATOMIC = Pattern.compile("\\b(_Atomic|atomic_(bool|char|schar|uchar|short|ushort"
            + "|int|uint|long|ulong|llong|ullong|size_t|ptrdiff_t|intptr_t|uintptr_t|flag|int\\w*_t|uint\\w*_t)"
            + "|std::atomic\\w*|atomic|sig_atomic_t)\\b");
    private static final Set<String> EXEMPT_TYPES = Set.of("PyTypeObject", "PyMethodDef", "PyModuleDef",
            "PyGetSetDef", "PyMemberDef", "PyModuleDef_Slot", "PyType_Spec", "PyType_Slot", "PyNumberMethods",
            "PySequenceMethods", "PyMappingMethods", "PyBufferProcs", "PyAsyncMethods", "PyStructSequence_Desc",
            "PyStructSequence_Field", "PyMutex", "pthread_mutex_t", "pthread_once_t",
            "pthread_key_t", "Py_tss_t", "mutex", "once_flag", "CRITICAL_SECTION", "SRWLOCK", "INIT_ONCE",
            "mtx_t", "recursive_mutex", "shared_mutex", "PyCriticalSection", "PyDateTime_CAPI",
            "PyCapsule_Destructor", "_PyArg_Parser", "PyArg_Parser", "PyStructSequence");
    private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=",
            ">>=");
    /** C-API calls that only read the struct passed by address (they copy it or build a type from it). */
    private static final Set<String> READS_THROUGH_POINTER = Set.of("PyMem_SetAllocator",
            "PyObject_SetArenaAllocator", "PyType_FromSpec", "PyType_FromSpecWithBases", "PyType_FromModuleAndSpec",
            "PyType_FromMetaclass", "PyStructSequence_NewType");
    private static final Set<String> WRITING_FUNCTIONS = Set.of("memcpy", "memmove", "memset", "strcpy", "strncpy",
            "strcat", "strncat", "sprintf", "snprintf", "vsnprintf", "vsprintf", "PyOS_snprintf", "PyOS_vsnprintf",
            "fgets", "read", "fread", "recv", "wcscpy", "wcsncpy", "strftime", "Py_SETREF", "Py_XSETREF",
            "Py_CLEAR", "bzero", "gettimeofday", "time");
    private static final Set<String> CPP_MUTATORS = Set.of("insert", "emplace", "emplace_back", "push_back",
            "push_front", "pop_back", "pop_front", "erase", "clear", "reset", "swap", "assign", "resize", "append",
            "emplace_hint", "try_emplace", "insert_or_assign", "store", "set");
    private static final Pattern ATOMIC_CALL = Pattern.compile(
            "^(__atomic_|__sync_|atomic_|_Py_atomic_|Interlocked|_Interlocked|std::atomic_|OSAtomic)"
                    + "|(?i)compare_?and_?swap|compare_?exchange|_cas$|^cas_|atomic");
    private static final Set<String> ATOMIC_MEMBER_CALLS = Set.of("fetch_add", "fetch_sub", "fetch_or",
            "fetch_and", "fetch_xor", "store", "exchange", "compare_exchange_weak", "compare_exchange_strong",
            "load", "test_and_set", "clear", "notify_one", "notify_all", "wait");

    /** The write kind of {@code x = PyUnicode_InternFromString("literal")}. */
    public static final String INTERNED = "assigned an interned string";

    /** A variable with shared lifetime. */
    public record Variable(String name, Node nameNode, String type, boolean functionStatic, FunctionInfo owner) {}

    /** A write outside init: where and how. */
    public record Write(FunctionInfo function, int token, String kind) {}

    /** A variable and its unguarded run-time writes. */
    public record Hazard(Variable variable, List<Write> writes, boolean lazyInit) {
        /**
         * True for {@code if (!s) s = PyUnicode_InternFromString("x");}: interned strings are immortal on 3.13+ and
         * every thread stores the same pointer, so the race is a formal data race rather than a leak or crash.
         */
        public boolean internedStringCache() {
            return lazyInit && writes.stream().allMatch(w -> w.kind().equals(INTERNED));
        }
    }

    private GlobalState() {
    }

    public static List<Hazard> find(FileAnalysis fa) {
        return fa.memo("GlobalState", () -> compute(fa));
    }

    private static List<Hazard> compute(FileAnalysis fa) {
        List<Variable> vars = candidates(fa);
        if (vars.isEmpty()) {
            return List.of();
        }
        Map<String, Variable> globals = new LinkedHashMap<>();
        // a function's statics by name; one name can be declared in several blocks (lambdas, nested scopes)
        Map<FunctionInfo, Map<String, List<Variable>>> statics = new HashMap<>();
        Map<Variable, int[]> scopes = new HashMap<>();
        for (Variable v : vars) {
            if (v.functionStatic()) {
                statics.computeIfAbsent(v.owner(), k -> new HashMap<>())
                        .computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
                scopes.put(v, declaringBlock(fa, v));
            } else {
                globals.put(v.name(), v);
            }
        }
        Map<Variable, List<Write>> writes = new LinkedHashMap<>();
        Map<Variable, Boolean> lazy = new HashMap<>();
        Tokens t = fa.tokens();
        InitContext init = fa.initContext();
        Set<String> calledLocked = calledOnlyUnderLock(fa);
        Set<String> outOfScope = outOfScope(fa);
        NameSet globalNames = new NameSet(globals.keySet());
        Python2Code py2 = Python2Code.of(fa.tree());
        for (FunctionInfo f : fa.functions()) {
            if (f.isPseudo()) {
                continue; // unparsed code: its declarations would look like assignments
            }
            if (outOfScope.contains(f.name())) {
                continue;
            }
            Map<String, List<Variable>> local = statics.getOrDefault(f, Map.of());
            if ((init.isInit(f.name()) || calledLocked.contains(f.name())) && local.isEmpty()
                    && !fa.inLambda(f.bodyOpen() + 1) && !hasLambda(fa, f)) {
                continue;
            }
            NameSet localNames = new NameSet(local.keySet());
            LockScopes locks = null;
            for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
                if (!t.isIdent(i) || t.is(i - 1, ".") || t.is(i - 1, "->")) {
                    continue;
                }
                String name = localNames.match(t, i);
                if (name == null) {
                    name = globalNames.match(t, i);
                }
                if (name == null) {
                    continue;
                }
                List<Variable> sameName = local.get(name);
                Variable v;
                if (sameName == null) {
                    v = globals.get(name);
                    if (v == null || f.locals().containsKey(name) || f.param(name) != null) {
                        continue;
                    }
                } else {
                    if (isDeclarationOf(sameName, t.start(i))) {
                        continue; // a declaration itself
                    }
                    v = innermostInScope(sameName, scopes, i);
                    if (v == null) {
                        continue; // outside every block declaring a static of that name: another variable
                    }
                }
                if (fa.runsAtInit(f, i) || calledLocked.contains(f.name()) && !fa.inLambda(i)
                        || py2.contains(t.start(i)) || i > initOnceGuard(fa, f)) {
                    continue;
                }
                String kind = writeKind(fa, f, t, i);
                if (kind == null) {
                    continue;
                }
                if (locks == null) {
                    locks = LockScopes.of(fa, f);
                }
                if (locks.inAnyCriticalSection(i) || locks.inAnyLock(i)) {
                    continue;
                }
                writes.computeIfAbsent(v, k -> new ArrayList<>()).add(new Write(f, i, kind));
                if (!lazy.containsKey(v)) {
                    lazy.put(v, checkedBefore(t, f, name, i));
                }
            }
            Map<String, Variable> aliases = pointerAliases(t, f, local, scopes, globals);
            if (aliases.isEmpty()) {
                continue;
            }
            NameSet aliasNames = new NameSet(aliases.keySet());
            for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
                if (!t.isIdent(i) || t.is(i - 1, ".") || t.is(i - 1, "->")) {
                    continue;
                }
                String p = aliasNames.match(t, i);
                if (p == null || fa.runsAtInit(f, i) || calledLocked.contains(f.name()) && !fa.inLambda(i)
                        || py2.contains(t.start(i)) || !writesThrough(t, i)) {
                    continue;
                }
                if (locks == null) {
                    locks = LockScopes.of(fa, f);
                }
                if (locks.inAnyCriticalSection(i) || locks.inAnyLock(i)) {
                    continue;
                }
                writes.computeIfAbsent(aliases.get(p), k -> new ArrayList<>())
                        .add(new Write(f, i, "written through the pointer `" + p + "`"));
            }
        }
        List<Hazard> out = new ArrayList<>();
        for (Map.Entry<Variable, List<Write>> e : writes.entrySet()) {
            if (neverRead(fa, e.getKey())) {
                continue; // a write-only sink (static volatile int x; x = f();): no thread can observe the race
            }
            out.add(new Hazard(e.getKey(), e.getValue(), lazy.getOrDefault(e.getKey(), false)));
        }
        return out;
    }

    /**
     * A call-once initialiser: module init calls {@code f} first, and {@code f} returns early at a guard on an
     * "initialized" flag, so every later call stops there. The token of that guard's {@code return}, after which
     * writes run at init only; {@code Integer.MAX_VALUE} when {@code f} has no such guard.
     */
    private static int initOnceGuard(FileAnalysis fa, FunctionInfo f) {
        return fa.memo("GlobalState.initOnceGuard:" + f.bodyOpen(), () -> findInitOnceGuard(fa, f));
    }

    private static int findInitOnceGuard(FileAnalysis fa, FunctionInfo f) {
        Tokens t = fa.tokens();
        int guard = -1;
        for (int k = f.bodyOpen() + 1; k < f.bodyClose() && guard < 0; k++) {
            if (!t.is(k, "if") || !t.is(k + 1, "(")) {
                continue;
            }
            int close = t.match(k + 1);
            if (close < 0) {
                continue;
            }
            // if (initialized) return ...; or if (state == INITIALIZED) return ...: not if (!initialized && ...)
            boolean initFlag = false;
            boolean compound = false;
            for (int c = k + 2; c < close; c++) {
                initFlag |= t.isIdent(c) && INIT_FLAG.matcher(t.text(c)).find() && !t.is(c - 1, "!");
                compound |= t.is(c, "&&") || t.is(c, "||") || t.is(c, "!=") || t.is(c, "!") && t.isIdent(c + 1)
                        && INIT_FLAG.matcher(t.text(c + 1)).find();
            }
            int body = t.is(close + 1, "{") ? close + 2 : close + 1;
            if (initFlag && !compound && t.is(body, "return")) {
                guard = body;
            }
        }
        if (guard < 0) {
            return Integer.MAX_VALUE;
        }
        InitContext init = fa.initContext();
        for (FunctionInfo g : fa.functions()) {
            if (g != f && init.isInit(g.name()) && g.calls().stream().anyMatch(c -> c.name().equals(f.name()))) {
                return guard;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static final Pattern INIT_FLAG = Pattern.compile("(?i)initiali[sz]ed|inited|INITIALIZED");

    /** A variable of this file only (static, or a function's static) that no code reads: every use is a write. */
    private static boolean neverRead(FileAnalysis fa, Variable v) {
        FileAnalysis.GlobalVar g = v.functionStatic() ? null : fa.globals().get(v.name());
        if (!v.functionStatic() && (g == null || !g.isStatic())) {
            return false;
        }
        Tokens t = fa.tokens();
        for (int i = 0; i < t.size(); i++) {
            if (!t.isIdent(i) || !t.is(i, v.name()) || t.is(i - 1, ".") || t.is(i - 1, "->")
                    || t.start(i) >= v.nameNode().startOffset() && t.start(i) < v.nameNode().endOffset()) {
                continue;
            }
            FunctionInfo f = fa.functionAt(i);
            String kind = f == null ? null : writeKind(fa, f, t, i);
            if (kind == null || kind.contains("passed") || kind.contains("written by") || kind.contains("element")
                    || kind.contains("incremented") || !t.is(i + 1, "=")) {
                return false; // a read, or a write that also reads (x++, x[i] = ..., a call given &x)
            }
        }
        return true;
    }

    /**
     * Local pointers set to a shared variable's address in this function ({@code int *p = &counter;},
     * {@code struct arena *a = &global_arena;}, or {@code char *b = buffer;} for an array), by name.
     */
    private static Map<String, Variable> pointerAliases(Tokens t, FunctionInfo f, Map<String, List<Variable>> statics,
            Map<Variable, int[]> scopes, Map<String, Variable> globals) {
        Map<String, Variable> out = new HashMap<>();
        for (int i = f.bodyOpen() + 3; i < f.bodyClose(); i++) {
            if (!t.isIdent(i) || !(t.is(i + 1, ";") || t.is(i + 1, ","))) {
                continue;
            }
            String name = t.text(i);
            List<Variable> sameName = statics.get(name);
            Variable v = sameName == null ? null : innermostInScope(sameName, scopes, i);
            if (sameName == null && !f.locals().containsKey(name) && f.param(name) == null) {
                v = globals.get(name);
            }
            if (v == null) {
                continue;
            }
            int eq = t.is(i - 1, "&") ? i - 2 : v.type().endsWith("]") ? i - 1 : -1;
            if (eq < 0 || !t.is(eq, "=") || !t.isIdent(eq - 1)) {
                continue;
            }
            String p = t.text(eq - 1);
            if (f.locals().containsKey(p) && !p.equals(name)) {
                out.put(p, v);
            }
        }
        return out;
    }

    /** True when pointer {@code p} at token {@code i} is dereferenced as a store: {@code *p = }, {@code p->f += }. */
    private static boolean writesThrough(Tokens t, int i) {
        if (t.is(i - 1, "*") && !t.isIdent(i - 2) && !t.is(i - 2, ")") && !t.is(i - 2, "]")
                && t.kind(i - 2) != Tokens.NUMBER && !TYPE_WORDS.contains(t.text(i - 2))) {
            int after = t.is(i - 2, "(") && t.is(i + 1, ")") ? i + 2 : i + 1;
            return isStore(t, after) || t.is(i - 2, "++") || t.is(i - 2, "--");
        }
        int j = i + 1;
        boolean deref = false;
        for (int guard = 0; guard < 16; guard++) {
            if (t.is(j, "[")) {
                int m = t.match(j);
                if (m < 0) {
                    return false;
                }
                j = m + 1;
                deref = true;
            } else if ((t.is(j, ".") || t.is(j, "->")) && t.isIdent(j + 1)) {
                deref |= t.is(j, "->");
                j += 2;
            } else {
                break;
            }
        }
        return deref && isStore(t, j);
    }

    /** Words that end a type, so {@code long *p = ...} declares {@code p} rather than storing through it. */
    private static final Set<String> TYPE_WORDS = Set.of("char", "short", "int", "long", "float", "double", "void",
            "signed", "unsigned", "const", "volatile", "_Bool", "bool", "restrict", "__restrict", "*");

    private static boolean isStore(Tokens t, int j) {
        return j < t.size() && t.kind(j) == Tokens.PUNCT && (ASSIGN.contains(t.text(j)) || t.is(j, "++")
                || t.is(j, "--"));
    }

    /** A write to a name this file does not declare: possibly a global defined in another file of the project. */
    public record UnresolvedWrite(FunctionInfo function, int token, String name, String kind) {}

    /**
     * Token {@code i} names a variable declared right here ({@code auto *type = ...}, {@code Foo &x = ...}), which
     * the tree missed in a region it could not parse: a local, never a write to another file's global.
     */
    private static boolean declaredHere(Tokens t, int i) {
        int j = i - 1;
        while (j > 0 && (t.is(j, "*") || t.is(j, "&") || t.is(j, "&&") || t.is(j, "const"))) {
            j--;
        }
        if (t.is(j, "auto")) {
            return true;
        }
        boolean statementMacro = t.isIdent(j) && t.text(j).matches("Py_[A-Z_]+"); // Py_BEGIN_ALLOW_THREADS x = ...
        boolean typeToken = !statementMacro && (j < i - 1 ? t.isIdent(j) || t.kind(j) == Tokens.KEYWORD
                || t.is(j, ">") : t.isIdent(j) || t.is(j, ">"));
        return typeToken && (t.is(j - 1, ";") || t.is(j - 1, "{") || t.is(j - 1, "}") || t.is(j - 1, "const")
                || t.is(j - 1, "static") || t.is(j - 1, "::"));
    }

    /**
     * Run-time writes (outside init, locks and critical sections) to identifiers that are neither locals,
     * parameters, nor declared at file scope here: {@code counter++} where {@code counter} comes from a header's
     * {@code extern} declaration. Project rules join them with the definitions of other files.
     */
    public static List<UnresolvedWrite> unresolvedWrites(FileAnalysis fa) {
        return fa.memo("UnresolvedWrites", () -> computeUnresolved(fa));
    }

    private static List<UnresolvedWrite> computeUnresolved(FileAnalysis fa) {
        List<UnresolvedWrite> out = new ArrayList<>();
        Tokens t = fa.tokens();
        InitContext init = fa.initContext();
        Python2Code py2 = Python2Code.of(fa.tree());
        Set<String> calledLocked = calledOnlyUnderLock(fa);
        Set<String> outOfScope = outOfScope(fa);
        for (FunctionInfo f : fa.functions()) {
            if (init.isInit(f.name()) || calledLocked.contains(f.name()) || f.isPseudo()
                    || outOfScope.contains(f.name())) {
                continue;
            }
            LockScopes locks = null;
            for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
                if (!t.isIdent(i) || t.is(i - 1, ".") || t.is(i - 1, "->") || t.is(i - 1, "::")
                        || t.is(i + 1, "(") || t.is(i + 1, "::")) {
                    continue;
                }
                boolean candidate = isStore(t, i + 1) || t.is(i - 1, "++") || t.is(i - 1, "--") || t.is(i + 1, "[")
                        || t.is(i + 1, ".") || t.is(i - 1, "&");
                if (!candidate) {
                    continue;
                }
                String name = t.text(i);
                if (f.locals().containsKey(name) || declaredHere(t, i) || f.param(name) != null
                        || fa.globals().containsKey(name)
                        || !fa.functionsNamed(name).isEmpty() || name.equals(name.toUpperCase(java.util.Locale.ROOT))
                        || name.equals("errno") || py2.contains(t.start(i)) || fa.runsAtInit(f, i)) {
                    continue;
                }
                String kind = writeKind(fa, f, t, i);
                // &x handed to a call is weak evidence for a name declared elsewhere (type objects, out-arguments
                // of parsers): only direct stores join with other files' globals
                if (kind == null || kind.contains("passed by address")) {
                    continue;
                }
                if (locks == null) {
                    locks = LockScopes.of(fa, f);
                }
                if (locks.inAnyCriticalSection(i) || locks.inAnyLock(i)) {
                    continue;
                }
                out.add(new UnresolvedWrite(f, i, name, kind));
            }
        }
        return out;
    }

    private static boolean hasLambda(FileAnalysis fa, FunctionInfo f) {
        for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
            if (fa.inLambda(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Helpers whose every call in this file is made while a lock or critical section is held (directly, or from
     * another such helper) and that are never used as a function pointer: their writes are guarded by the caller.
     */
    private static Set<String> calledOnlyUnderLock(FileAnalysis fa) {
        Map<String, List<Object[]>> sites = new HashMap<>();
        for (FunctionInfo f : fa.functions()) {
            LockScopes locks = null;
            for (CallSite c : f.calls()) {
                if (fa.functionsNamed(c.name()).isEmpty() || fa.isMemberCall(c)) {
                    continue;
                }
                if (locks == null) {
                    locks = LockScopes.of(fa, f);
                }
                boolean locked = locks.inAnyLock(c.nameToken()) || locks.inAnyCriticalSection(c.nameToken());
                sites.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new Object[] {f.name(), locked});
            }
        }
        Set<String> out = new java.util.HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, List<Object[]>> e : sites.entrySet()) {
                if (out.contains(e.getKey()) || fa.methodTables().isReferencedAsValue(e.getKey())) {
                    continue;
                }
                boolean all = true;
                for (Object[] site : e.getValue()) {
                    all &= (boolean) site[1] || out.contains((String) site[0]);
                }
                if (all) {
                    out.add(e.getKey());
                    changed = true;
                }
            }
        }
        return out;
    }

    /** True for a file-scope variable this analysis tracks (mutable, not thread-local, atomic or a type table). */
    public static boolean isCandidate(FileAnalysis.GlobalVar g) {
        return isCandidate(g.type(), g.declText());
    }

    /**
     * The same test for a declaration read from text ({@code extern NPY_NO_EXPORT PyTypeObject PyArray_Type;}):
     * {@code typeText} is what precedes the name, with storage classes and export macros in it.
     */
    public static boolean isCandidateDeclaration(String typeText, String declText) {
        String type = typeText.replaceAll("\\b(extern|static)\\b", " ").trim();
        // export macros in front of the type: NPY_NO_EXPORT, PyAPI_DATA(...) and friends
        type = type.replaceAll("^(?:[A-Z][A-Z0-9_]*\\s+)+(?=[A-Za-z_])", "").trim();
        return !type.isEmpty() && isCandidate(type, declText);
    }

    /**
     * Functions whose writes the global-state rules leave alone: signal handlers and the helpers only they call
     * (they never held the GIL: a signal-safety question), functions that run when the library loads, and
     * functions that synchronise by hand with compare-and-swap.
     */
    private static Set<String> outOfScope(FileAnalysis fa) {
        return fa.memo("GlobalState.outOfScope", () -> {
            Set<String> out = new HashSet<>(signalHandlers(fa));
            out.addAll(loadTimeConstructors(fa.tokens()));
            for (FunctionInfo f : fa.functions()) {
                if (comparesAndSwaps(f)) {
                    out.add(f.name());
                }
            }
            return out;
        });
    }

    /**
     * Functions installed as signal handlers ({@code signal(SIG, h)}, {@code PyOS_setsig}, {@code sa_handler = h},
     * a Windows exception handler) and the helpers only they call.
     */
    private static Set<String> signalHandlers(FileAnalysis fa) {
        Set<String> out = new HashSet<>();
        for (FunctionInfo f : fa.functions()) {
            for (CallSite c : f.calls()) {
                if (SIGNAL_INSTALLERS.contains(c.name()) && c.args().size() >= 2
                        && Expressions.isIdentifier(c.argNorm(1))) {
                    out.add(c.argNorm(1));
                }
            }
        }
        Tokens t = fa.tokens();
        for (int i = 0; i + 2 < t.size(); i++) {
            if ((t.is(i, "sa_handler") || t.is(i, "sa_sigaction")) && t.is(i + 1, "=")) {
                int j = i + 2;
                while (t.is(j, "(") || t.is(j, "&")) {
                    j = t.is(j, "(") && t.match(j) > j ? t.match(j) + 1 : j + 1; // casts and &
                }
                if (t.isIdent(j)) {
                    out.add(t.text(j));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        // helpers only signal handlers call run in them too
        Map<String, Set<String>> callers = new HashMap<>();
        for (FunctionInfo f : fa.functions()) {
            for (CallSite c : f.calls()) {
                if (!fa.functionsNamed(c.name()).isEmpty() && !fa.isMemberCall(c)) {
                    callers.computeIfAbsent(c.name(), k -> new HashSet<>()).add(f.name());
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : callers.entrySet()) {
                if (!out.contains(e.getKey()) && !fa.methodTables().isReferencedAsValue(e.getKey())
                        && out.containsAll(e.getValue())) {
                    out.add(e.getKey());
                    changed = true;
                }
            }
        }
        return out;
    }

    /** Functions marked {@code __attribute__((constructor))}: they run once when the library is loaded. */
    private static Set<String> loadTimeConstructors(Tokens t) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 4 < t.size(); i++) {
            if (!t.is(i, "__attribute__") || !t.is(i + 1, "(") || !t.is(i + 2, "(") || !t.is(i + 3, "constructor")) {
                continue;
            }
            int close = t.match(i + 1);
            if (close < 0) {
                continue;
            }
            if (t.is(close + 1, ";")) { // after a prototype: void f(void) __attribute__((constructor));
                int open = t.match(i - 1);
                if (t.is(i - 1, ")") && open > 0 && t.isIdent(open - 1)) {
                    out.add(t.text(open - 1));
                }
                continue;
            }
            for (int j = close + 1; j + 1 < t.size() && j < close + 12; j++) {
                if (t.isIdent(j) && t.is(j + 1, "(")) {
                    out.add(t.text(j));
                    break;
                }
            }
        }
        return out;
    }

    /** A function that synchronises by hand: it calls a compare-and-swap (a spin lock, a claimed token). */
    private static boolean comparesAndSwaps(FunctionInfo f) {
        for (CallSite c : f.calls()) {
            String n = c.name().toLowerCase(java.util.Locale.ROOT);
            if (n.contains("compare_and_swap") || n.contains("compareexchange") || n.contains("compare_exchange")) {
                return true;
            }
        }
        return false;
    }

    /** Calls installing their second argument as a signal or exception handler. */
    private static final Set<String> SIGNAL_INSTALLERS = Set.of("signal", "PyOS_setsig", "sigset", "bsd_signal",
            "AddVectoredExceptionHandler");

    /** The token range of the block a function-level static is declared in (its visibility), as {first, last}. */
    private static int[] declaringBlock(FileAnalysis fa, Variable v) {
        Node n = v.nameNode().parent();
        while (n != null && !n.is("compound_statement")) {
            n = n.parent();
        }
        if (n == null) {
            return new int[] {v.owner().bodyOpen(), v.owner().bodyClose()};
        }
        return new int[] {fa.tokens().firstAtOrAfter(n.startOffset()),
                fa.tokens().firstAtOrAfter(n.endOffset()) - 1};
    }

    private static boolean isDeclarationOf(List<Variable> vars, int offset) {
        for (Variable v : vars) {
            if (offset >= v.nameNode().startOffset() && offset < v.nameNode().endOffset()) {
                return true;
            }
        }
        return false;
    }

    /** Of the statics named alike, the one whose block (innermost) holds token {@code i} after its declaration. */
    private static Variable innermostInScope(List<Variable> vars, Map<Variable, int[]> scopes, int i) {
        Variable best = null;
        int bestStart = -1;
        for (Variable v : vars) {
            int[] s = scopes.get(v);
            if (i >= s[0] && i <= s[1] && s[0] > bestStart) {
                best = v;
                bestStart = s[0];
            }
        }
        return best;
    }

    private static List<Variable> candidates(FileAnalysis fa) {
        List<Variable> out = new ArrayList<>();
        for (FileAnalysis.GlobalVar g : fa.globals().values()) {
            if (isCandidate(g.type(), g.declText())) {
                out.add(new Variable(g.name(), g.nameNode(), g.type(), false, null));
            }
        }
        for (FunctionInfo f : fa.functions()) {
            Node body = f.node().field("body");
            if (body == null) {
                continue;
            }
            for (Node d : body.descendantsOfType("declaration")) {
                boolean isStatic = false;
                for (Node c : d.children()) {
                    isStatic |= c.is("storage_class_specifier") && c.textEquals("static");
                }
                if (!isStatic) {
                    continue;
                }
                for (Node decl : d.fields("declarator")) {
                    Node dn = TypeText.declaredName(decl);
                    if (dn == null || TypeText.isFunctionDeclarator(decl)) {
                        continue;
                    }
                    String type = TypeText.typeOf(d, decl, dn);
                    if (isCandidate(type, d.text())) {
                        out.add(new Variable(dn.text(), dn, type, true, f));
                    }
                }
            }
        }
        return out;
    }

    private static boolean isCandidate(String type, String declText) {
        if (TypeText.isConstObject(type) || THREAD_LOCAL.matcher(declText).find()) {
            return false;
        }
        if (type.equals("typename") || declText.startsWith("using ") || declText.startsWith("typename ")) {
            return false; // a C++ dependent type name (typename X<T>::type) the parser took for a variable
        }
        if (ATOMIC.matcher(type).find() || declText.matches("(?s).*\\b_Atomic\\b.*")) {
            return false;
        }
        if (SCOPE_MACRO.matcher(type).find()) {
            return false; // NAMESPACE_END(detail) before a declaration the parser then misread: no type at all
        }
        // PyAPI_DATA(PyTypeObject) X; and similar export macros wrap the real type
        String unwrapped = type.replaceAll("^\\w+\\(([^()]*)\\)", "$1");
        String base = TypeText.baseName(unwrapped.replaceAll("<.*>", ""));
        if (base == null) {
            return false;
        }
        int colon = base.lastIndexOf("::");
        if (colon >= 0) {
            base = base.substring(colon + 2);
        }
        return !EXEMPT_TYPES.contains(base);
    }

    /** A macro opening or closing a scope (PYBIND11_NAMESPACE_END(detail), BEGIN_NAMESPACE(x)) read as a type. */
    private static final Pattern SCOPE_MACRO = Pattern.compile("^\\w*(?:NAMESPACE|_BEGIN|_END|BEGIN_|END_)\\w*\\s*\\(");

    /** Functions named for changing the container they are given: {@code table_clear(t)}, {@code list_append(l, x)}. */
    private static final Pattern MUTATOR_NAME = Pattern.compile(
            "(?i)(^|_)(clear|reset|insert|append|push|pop|remove|delete|add|put|set)(_|$)");

    /** Python objects lock themselves on free-threaded builds: handing one to an API is not a race on it. */
    private static boolean holdsPythonObject(FileAnalysis fa, String v) {
        FileAnalysis.GlobalVar g = fa.globals().get(v);
        String type = g != null ? g.type() : "";
        String base = TypeText.baseName(type);
        return type.contains("PyObject") || base != null && fa.isObjectType(base);
    }

    /** A function of this file that takes a lock itself (or in a helper it calls): it guards what it is handed. */
    private static boolean locksInside(FileAnalysis fa, String function, int depth) {
        for (FunctionInfo g : fa.functionsNamed(function)) {
            for (CallSite c : g.calls()) {
                if (LockScopes.isLockCall(c.name()) || depth > 1 && !c.name().equals(function)
                        && locksInside(fa, c.name(), depth - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How token {@code i} (a use of the variable) writes it, or null when it only reads it. */
    private static String writeKind(FileAnalysis fa, FunctionInfo f, Tokens t, int i) {
        if (t.is(i - 1, "++") || t.is(i - 1, "--")) {
            return "incremented";
        }
        int j = i + 1;
        boolean element = false;
        // walk postfix selectors: [..], .field, ->field
        for (int guard = 0; guard < 16; guard++) {
            if (t.is(j, "[")) {
                int m = t.match(j);
                if (m < 0) {
                    break;
                }
                j = m + 1;
                element = true;
            } else if ((t.is(j, ".") || t.is(j, "->")) && t.isIdent(j + 1)) {
                if (t.is(j + 2, "(")) {
                    String method = t.text(j + 1);
                    if (ATOMIC_MEMBER_CALLS.contains(method) && !CPP_MUTATORS.contains(method)) {
                        return null;
                    }
                    return CPP_MUTATORS.contains(method) ? "modified with ." + method + "()" : null;
                }
                j += 2;
                element = true;
            } else {
                break;
            }
        }
        if (j < t.size() && ASSIGN.contains(t.text(j)) && t.kind(j) == Tokens.PUNCT) {
            if (t.is(j, "+=") || t.is(j, "-=")) {
                return "incremented";
            }
            if (!element && t.is(j, "=") && t.is(j + 1, "PyUnicode_InternFromString") && t.is(j + 2, "(")
                    && t.kind(j + 3) == Tokens.STRING && t.is(j + 4, ")")) {
                return INTERNED;
            }
            return element ? "element written" : "assigned";
        }
        if (t.is(j, "++") || t.is(j, "--")) {
            return "incremented";
        }
        // &v or v (an array) handed to a call that writes through it
        CallSite call = enclosingCall(f, i);
        if (call != null && !fa.isMemberCall(call)) {
            if (ATOMIC_CALL.matcher(call.name()).find()) {
                return null;
            }
            CallSite.Arg a = argAt(call, i);
            if (a == null) {
                return null;
            }
            String n = a.normalized();
            String v = t.text(i);
            boolean whole = n.equals("&" + v);
            boolean part = n.startsWith("&" + v + ".");
            boolean source = WRITING_FUNCTIONS.contains(call.name()) && call.args().indexOf(a) > 0;
            if ((whole || part) && !source && !LockScopes.isLockCall(call.name())
                    && !READS_THROUGH_POINTER.contains(call.name())
                    && !call.name().equals("PyType_Ready") && !call.name().startsWith("PyModule_Add")
                    && !locksInside(fa, call.name(), 2)) {
                return (part ? "a part passed by address to " : "passed by address to ") + call.name() + "()";
            }
            if (n.equals(v) && call.args().indexOf(a) == 0 && WRITING_FUNCTIONS.contains(call.name())) {
                return "written by " + call.name() + "()";
            }
            if (n.equals(v) && call.args().indexOf(a) == 0 && MUTATOR_NAME.matcher(call.name()).find()
                    && !call.name().startsWith("Py") && !LockScopes.isLockCall(call.name())
                    && !locksInside(fa, call.name(), 2) && !holdsPythonObject(fa, v)) {
                return "changed by " + call.name() + "()"; // a C container (hash table, list) of the extension
            }
        }
        return null;
    }

    private static CallSite enclosingCall(FunctionInfo f, int token) {
        return CallFinder.innermost(f.calls(), token);
    }

    private static CallSite.Arg argAt(CallSite c, int token) {
        for (CallSite.Arg a : c.args()) {
            if (a.from() <= token && token <= a.to()) {
                return a;
            }
        }
        return null;
    }

    /** True when the write is preceded in the same function by a NULL/zero check of the variable (lazy init). */
    private static boolean checkedBefore(Tokens t, FunctionInfo f, String name, int write) {
        for (int k = f.bodyOpen() + 1; k < write; k++) {
            if (t.is(k, "if") && t.is(k + 1, "(")) {
                int close = t.match(k + 1);
                if (close > write || close < 0) {
                    continue;
                }
                String cond = t.compact(k + 2, close - 1).replace(" ", "");
                if (cond.equals("!" + name) || cond.equals(name + "==NULL") || cond.equals("NULL==" + name)
                        || cond.equals(name + "==0") || cond.equals(name + "==nullptr")
                        || cond.startsWith("!" + name + "&&") || cond.startsWith(name + "==NULL&&")) {
                    return true;
                }
            }
        }
        return false;
    }
}
