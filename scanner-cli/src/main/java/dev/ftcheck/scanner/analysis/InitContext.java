package dev.ftcheck.scanner.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which functions of a file run only while a module is being created or torn down: module init functions
 * ({@code PyInit_*} and any {@code PyMODINIT_FUNC}, {@code PYBIND11_MODULE}/{@code NB_MODULE} bodies, NumPy-style
 * {@code import_*} helpers, a program's {@code main}), {@code Py_mod_exec} slot functions, the module's {@code m_clear}/{@code m_free}, and helpers
 * called only from those (transitively) and never used as a function pointer. Other threads cannot reach a module
 * before its init returns, so writes and borrowed reads there are not races.
 */
public final class InitContext {
    private final Set<String> roots = new HashSet<>();
    private final Set<String> initOnly = new HashSet<>();

    /** CPython's own start-up and shutdown hooks of a built-in module ({@code _PyFaulthandler_Init}, {@code _PyIO_Fini}). */
    private static final java.util.regex.Pattern INTERPRETER_LIFECYCLE =
            java.util.regex.Pattern.compile("_Py[A-Z][A-Za-z]*_(Init|Fini|Fini\\w+|Init\\w+)");

    private InitContext() {
    }

    static InitContext of(FileAnalysis fa) {
        InitContext c = new InitContext();
        Tokens t = fa.tokens();
        for (FunctionInfo f : fa.functions()) {
            String n = f.name();
            // module init (also Python 2 init<name> and generator macros), NumPy's import_array()-style helpers
            if (ModuleDiscovery.moduleName(f) != null || f.returnType().startsWith("PyMODINIT_FUNC")
                    || n.equals("PYBIND11_MODULE") || n.equals("NB_MODULE") || n.startsWith("_import_")
                    || n.startsWith("import_") || n.equals("main") || n.equals("wmain")
                    || INTERPRETER_LIFECYCLE.matcher(n).matches()) {
                c.roots.add(n);
            }
        }
        for (FunctionInfo f : fa.functions()) {
            if (isPython2Init(fa, f)) {
                c.roots.add(f.name());
            }
        }

        for (int i = 0; i < t.size(); i++) {
            // {Py_mod_exec, fn}, .m_free = fn, .m_clear = fn
            if (t.is(i, "Py_mod_exec") && t.is(i + 1, ",")) {
                String fn = identAfter(t, i + 2);
                if (fn != null) {
                    c.roots.add(fn);
                }
            } else if ((t.is(i, "m_free") || t.is(i, "m_clear")) && t.is(i - 1, ".") && t.is(i + 1, "=")) {
                String fn = identAfter(t, i + 2);
                if (fn != null) {
                    c.roots.add(fn);
                }
            } else if (t.is(i, "PyModuleDef_HEAD_INIT") && t.is(i + 1, ",")) {
                c.roots.addAll(positionalTeardown(t, i + 2));
            }
        }
        // callers of each function in this file
        Map<String, Set<String>> callers = new HashMap<>();
        for (FunctionInfo f : fa.functions()) {
            for (CallSite call : f.calls()) {
                if (!fa.functionsNamed(call.name()).isEmpty()) {
                    callers.computeIfAbsent(call.name(), k -> new HashSet<>()).add(f.name());
                }
            }
        }
        MethodTables tables = fa.methodTables();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : callers.entrySet()) {
                String fn = e.getKey();
                if (c.roots.contains(fn) || c.initOnly.contains(fn) || tables.isReferencedAsValue(fn)) {
                    continue;
                }
                boolean all = true;
                for (String caller : e.getValue()) {
                    all &= c.isInit(caller);
                }
                if (all) {
                    c.initOnly.add(fn);
                    changed = true;
                }
            }
        }
        return c;
    }

    /**
     * Python 2's {@code void init<name>(void)}: not static, no parameters, and either creating the module with
     * {@code Py_InitModule*} or paired with this file's {@code PyInit_<name>}.
     */
    private static boolean isPython2Init(FileAnalysis fa, FunctionInfo f) {
        String n = f.name();
        if (!n.startsWith("init") || n.length() == 4 || f.isStatic() || !f.params().isEmpty()
                || !(f.returnType().equals("void") || f.returnType().startsWith("PyMODINIT_FUNC"))) {
            return false;
        }
        if (!fa.functionsNamed("PyInit_" + n.substring(4)).isEmpty()) {
            return true;
        }
        for (CallSite c : f.calls()) {
            if (c.name().startsWith("Py_InitModule")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The m_clear and m_free functions of a positional {@code PyModuleDef} initializer: after
     * {@code PyModuleDef_HEAD_INIT} come name, doc, size, methods, slots, traverse, clear, free.
     */
    private static List<String> positionalTeardown(Tokens t, int from) {
        List<String> out = new ArrayList<>();
        int element = 1;
        int start = from;
        for (int k = from; k < t.size() && element <= 8; k++) {
            if (t.is(k, "(") || t.is(k, "{") || t.is(k, "[")) {
                int m = t.match(k);
                if (m < 0) {
                    break;
                }
                k = m;
                continue;
            }
            boolean end = t.is(k, "}") || t.is(k, ";");
            if (t.is(k, ",") || end) {
                if (element >= 7) {
                    String fn = identAfter(t, start);
                    if (fn != null) {
                        out.add(fn);
                    }
                }
                if (end) {
                    break;
                }
                element++;
                start = k + 1;
            }
        }
        return out;
    }

    private static String identAfter(Tokens t, int from) {
        // skip casts: (initproc)fn, (void *)fn
        for (int k = from; k < t.size() && k < from + 8; k++) {
            if (t.is(k, ",") || t.is(k, "}") || t.is(k, ";")) {
                return null;
            }
            if (t.isIdent(k) && !t.is(k + 1, "*") && !t.is(k + 1, ")")) {
                return t.text(k);
            }
        }
        return null;
    }

    /** True when the named function only runs during module init, exec or teardown. */
    public boolean isInit(String function) {
        return roots.contains(function) || initOnly.contains(function);
    }

    public Set<String> roots() {
        return roots;
    }

    /** For tests and messages. */
    public List<String> initOnlyHelpers() {
        return initOnly.stream().sorted().toList();
    }
}
