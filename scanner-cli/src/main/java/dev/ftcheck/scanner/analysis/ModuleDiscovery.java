package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.ModuleInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the extension modules a C/C++ file defines and how each declares (or not) that it runs without the GIL.
 *
 * <p>A module is a {@code PyInit_<name>} definition, wherever it is (under {@code #if}, without
 * {@code PyMODINIT_FUNC}, in {@code extern "C"}). Its init style and declaration are read from everything the init
 * function reaches through calls to functions of the same file: a helper that builds the module with
 * {@code PyModule_Create} and another that calls {@code PyUnstable_Module_SetGIL} count. Multi-phase modules are
 * followed from {@code PyModuleDef_Init(&def)} to the definition's {@code m_slots} array.
 */
public final class ModuleDiscovery {
    public static final Set<String> SINGLE_PHASE_CREATORS = Set.of("PyModule_Create", "PyModule_Create2",
            "Py_InitModule", "Py_InitModule3", "Py_InitModule4", "PyModule_New", "PyModule_NewObject");
    private static final Set<String> MULTI_PHASE = Set.of("PyModuleDef_Init");
    /** compat-shims/ftcompat.h's portable declarations; each expands to the guarded real one. */
    private static final String FTCOMPAT_SLOT = "FTCOMPAT_MOD_GIL_NOT_USED_SLOT";
    private static final String FTCOMPAT_SET_GIL = "ftcompat_Module_SetGILNotUsed";
    private static final String FTCOMPAT_GUARD = "ftcompat.h";

    /**
     * One place that declares a GIL setting: a {@code {Py_mod_gil, value}} slot or a {@code PyUnstable_Module_SetGIL}
     * call.
     *
     * @param start character offset where it starts
     * @param end character offset where it ends
     * @param slot true for a slot entry, false for a SetGIL call
     * @param notUsed true for {@code Py_MOD_GIL_NOT_USED}, false for {@code Py_MOD_GIL_USED} (or anything else)
     * @param value the value text as written
     * @param guard the preprocessor guard that makes it correct, or null when it has none
     * @param conditions every enclosing {@code #if} condition, innermost first
     */
    public record GilSite(int start, int end, boolean slot, boolean notUsed, String value, String guard,
            List<String> conditions) {}

    /**
     * An extension module of this file.
     *
     * @param name module name from {@code PyInit_<name>}
     * @param init the init function
     * @param style multi- or single-phase
     * @param status the declaration status
     * @param sites the declaration sites that apply to it
     * @param slotsStart offset of the slot array declaration, or -1 (where a missing slot finding points)
     * @param unresolved names of helpers the init function calls that this file does not define
     * @param evidence false when neither the creation call nor the slot array was found in this file
     */
    public record ExtensionModule(String name, FunctionInfo init, ModuleInfo.InitStyle style,
            ModuleInfo.GilDeclaration status, List<GilSite> sites, int slotsStart, List<String> unresolved,
            boolean evidence) {

        /** The guard of the first NOT_USED site, or null. */
        public String guard() {
            for (GilSite s : sites) {
                if (s.notUsed()) {
                    return s.guard();
                }
            }
            return null;
        }
    }

    private ModuleDiscovery() {
    }

    /** Every {@code Py_mod_gil} slot entry and every {@code PyUnstable_Module_SetGIL} call in the file. */
    public static List<GilSite> gilSites(FileAnalysis fa) {
        return fa.memo("GilSites", () -> computeGilSites(fa));
    }

    private static List<GilSite> computeGilSites(FileAnalysis fa) {
        List<GilSite> out = new ArrayList<>();
        Tokens t = fa.tokens();
        for (int i = 0; i < t.size(); i++) {
            if (t.is(i, "Py_mod_gil") && t.is(i - 1, "{") && t.is(i + 1, ",")) {
                int close = t.match(i - 1);
                if (close < 0) {
                    continue;
                }
                String value = t.compact(i + 2, close - 1);
                List<String> conds = Preprocessor.conditionsAt(fa.tree(), t.start(i));
                out.add(new GilSite(t.start(i - 1), t.end(close), true, value.contains("GIL_NOT_USED"), value,
                        Preprocessor.slotGuard(conds), conds));
            } else if (t.is(i, FTCOMPAT_SLOT)) {
                // ftcompat.h's slot entry guards itself: {Py_mod_gil, Py_MOD_GIL_NOT_USED} where it exists.
                out.add(new GilSite(t.start(i), t.end(i), true, true, FTCOMPAT_SLOT, FTCOMPAT_GUARD,
                        Preprocessor.conditionsAt(fa.tree(), t.start(i))));
            } else if (t.is(i, FTCOMPAT_SET_GIL) && t.is(i + 1, "(") && fa.functionAt(i) != null) {
                int close = t.match(i + 1);
                if (close < 0) {
                    continue;
                }
                out.add(new GilSite(t.start(i), t.end(close), false, true, FTCOMPAT_SET_GIL, FTCOMPAT_GUARD,
                        Preprocessor.conditionsAt(fa.tree(), t.start(i))));
            } else if (t.is(i, "PyUnstable_Module_SetGIL") && t.is(i + 1, "(") && fa.functionAt(i) != null) {
                int close = t.match(i + 1);
                if (close < 0) {
                    continue;
                }
                List<CallSite.Arg> args = CallFinder.args(t, i + 1, close);
                String value = args.size() > 1 ? args.get(1).text() : "";
                List<String> conds = Preprocessor.conditionsAt(fa.tree(), t.start(i));
                out.add(new GilSite(t.start(i), t.end(close), false, value.contains("GIL_NOT_USED"), value,
                        Preprocessor.gilDisabledGuard(conds), conds));
            }
        }
        return out;
    }

    /** The modules defined in this file. */
    public static List<ExtensionModule> modules(FileAnalysis fa) {
        List<ExtensionModule> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<GilSite> allSites = gilSites(fa);
        for (FunctionInfo f : fa.functions()) {
            String name = moduleName(f);
            if (name == null || !seen.add(f.name())) {
                continue;
            }
            out.add(analyse(fa, f, name, allSites));
        }
        return out;
    }

    /**
     * The module name for a module init function: {@code PyInit_<name>}, or, for a {@code PyMODINIT_FUNC} function
     * whose name is built by a macro ({@code PyMODINIT_FUNC FUNC_NAME(MODULE)(void)}), the declarator text. Python 2
     * {@code init<name>} functions are not modules a free-threaded interpreter can load.
     */
    static String moduleName(FunctionInfo f) {
        if (f.name().startsWith("PyInit_") && f.name().length() > "PyInit_".length()) {
            return f.name().substring("PyInit_".length());
        }
        if (f.returnType().startsWith("PyMODINIT_FUNC") && !f.name().startsWith("init")) {
            var fd = TypeText.findFunctionDeclarator(f.node().field("declarator"));
            var inner = fd == null ? null : fd.field("declarator");
            if (inner != null && inner.is("function_declarator")) {
                return inner.text().replaceAll("\\s+", "");
            }
        }
        return null;
    }

    private static ExtensionModule analyse(FileAnalysis fa, FunctionInfo init, String name, List<GilSite> allSites) {
        Set<FunctionInfo> reach = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        Deque<FunctionInfo> work = new ArrayDeque<>();
        work.add(init);
        while (!work.isEmpty()) {
            FunctionInfo f = work.poll();
            if (!reach.add(f)) {
                continue;
            }
            for (CallSite c : f.calls()) {
                List<FunctionInfo> targets = fa.functionsNamed(c.name());
                if (!targets.isEmpty()) {
                    work.addAll(targets);
                } else if (!c.name().startsWith("Py") && !c.name().startsWith("_Py") && !isLibc(c.name())
                        && !c.name().equals(c.name().toUpperCase()) && !unresolved.contains(c.name())) {
                    unresolved.add(c.name());
                }
            }
        }
        CallSite defInit = null;
        boolean singleCreate = false;
        for (FunctionInfo f : reach) {
            for (CallSite c : f.calls()) {
                if (MULTI_PHASE.contains(c.name()) && defInit == null) {
                    defInit = c;
                } else if (SINGLE_PHASE_CREATORS.contains(c.name())) {
                    singleCreate = true;
                }
            }
        }
        if (defInit != null) {
            return multiPhase(fa, init, name, defInit, allSites, unresolved);
        }
        List<GilSite> sites = new ArrayList<>();
        for (GilSite s : allSites) {
            if (s.slot()) {
                continue;
            }
            for (FunctionInfo f : reach) {
                int tok = fa.tokens().firstAtOrAfter(s.start());
                if (f.containsToken(tok)) {
                    sites.add(s);
                }
            }
        }
        return new ExtensionModule(name, init, ModuleInfo.InitStyle.SINGLE_PHASE, status(sites), sites, -1,
                unresolved, singleCreate);
    }

    private static ExtensionModule multiPhase(FileAnalysis fa, FunctionInfo init, String name, CallSite defInit,
            List<GilSite> allSites, List<String> unresolved) {
        Tokens t = fa.tokens();
        String defName = defInit.args().isEmpty() ? null : LockScopes.stripAddress(defInit.argNorm(0));
        FileAnalysis.GlobalVar def = defName == null ? null : fa.globals().get(defName);
        FileAnalysis.GlobalVar slots = null;
        if (def != null) {
            String slotsName = slotsOf(t, def);
            if (slotsName != null) {
                slots = fa.globals().get(slotsName);
            }
        }
        List<GilSite> sites = new ArrayList<>();
        if (slots != null) {
            for (GilSite s : allSites) {
                if (s.slot() && s.start() >= slots.declaration().startOffset()
                        && s.end() <= slots.declaration().endOffset()) {
                    sites.add(s);
                }
            }
        } else {
            // the definition or its slots are elsewhere: accept any Py_mod_gil slot of this file
            for (GilSite s : allSites) {
                if (s.slot()) {
                    sites.add(s);
                }
            }
        }
        int slotsStart = slots == null ? -1 : slots.declaration().startOffset();
        return new ExtensionModule(name, init, ModuleInfo.InitStyle.MULTI_PHASE, status(sites), sites, slotsStart,
                unresolved, slots != null || !sites.isEmpty());
    }

    /** The m_slots value of a PyModuleDef initialiser: designated {@code .m_slots = x} or the sixth element. */
    private static String slotsOf(Tokens t, FileAnalysis.GlobalVar def) {
        int from = t.firstAtOrAfter(def.declaration().startOffset());
        int to = t.firstAtOrAfter(def.declaration().endOffset());
        for (int i = from; i < to; i++) {
            if (t.is(i, "m_slots") && t.is(i - 1, ".") && t.is(i + 1, "=")) {
                int j = i + 2;
                while (j < to && !t.isIdent(j)) {
                    j++;
                }
                return j < to ? t.text(j) : null;
            }
        }
        for (int i = from; i < to; i++) {
            if (t.is(i, "{")) {
                int close = t.match(i);
                if (close < 0) {
                    return null;
                }
                List<CallSite.Arg> elems = CallFinder.args(t, i, close);
                // PyModuleDef_HEAD_INIT, name, doc, size, methods, slots, ...
                if (elems.size() > 5 && !elems.get(0).text().startsWith(".")) {
                    String s = LockScopes.stripAddress(elems.get(5).normalized());
                    return Expressions.isIdentifier(s) ? s : null;
                }
                return null;
            }
        }
        return null;
    }

    private static ModuleInfo.GilDeclaration status(List<GilSite> sites) {
        boolean used = false;
        for (GilSite s : sites) {
            if (s.notUsed()) {
                return ModuleInfo.GilDeclaration.NOT_USED;
            }
            used = true;
        }
        return used ? ModuleInfo.GilDeclaration.USED : ModuleInfo.GilDeclaration.MISSING;
    }

    private static boolean isLibc(String name) {
        return Set.of("memset", "memcpy", "strcmp", "strlen", "malloc", "free", "calloc", "realloc", "printf",
                "fprintf", "snprintf", "getenv", "atexit", "assert", "sizeof", "strncmp", "abort").contains(name);
    }
}
