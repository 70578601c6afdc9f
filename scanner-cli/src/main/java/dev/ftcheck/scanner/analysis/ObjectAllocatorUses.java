package dev.ftcheck.scanner.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies each use of the object allocator ({@code PyObject_Malloc} family) as allocating or freeing a Python
 * object or a plain buffer, from the type the block is cast to, assigned to, returned as, or freed from, and from how
 * it is used ({@code memcpy} into it). Bodies of {@code tp_alloc} / {@code tp_free} slot functions are object
 * allocators by definition and are skipped.
 */
public final class ObjectAllocatorUses {
    public static final Map<String, String> ALLOC_REPLACEMENT = Map.of(
            "PyObject_Malloc", "PyMem_Malloc", "PyObject_Calloc", "PyMem_Calloc", "PyObject_Realloc", "PyMem_Realloc",
            "PyObject_MALLOC", "PyMem_MALLOC", "PyObject_REALLOC", "PyMem_REALLOC");
    public static final Map<String, String> FREE_REPLACEMENT = Map.of(
            "PyObject_Free", "PyMem_Free", "PyObject_FREE", "PyMem_FREE", "PyObject_Del", "PyMem_Free",
            "PyObject_DEL", "PyMem_FREE");
    private static final Set<String> BUFFER_FUNCTIONS = Set.of("memcpy", "memmove", "memset", "strcpy", "strncpy",
            "strcat", "strncat", "sprintf", "snprintf", "vsnprintf", "PyOS_snprintf", "fread", "read", "recv",
            "fgets", "strlen", "memcmp", "wcscpy", "wcsncpy");
    private static final Set<String> PRIMITIVES = Set.of("char", "int", "long", "short", "float", "double",
            "unsigned", "signed", "size_t", "ssize_t", "Py_ssize_t", "Py_UCS1", "Py_UCS2", "Py_UCS4", "wchar_t",
            "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t", "Py_hash_t",
            "uintptr_t", "intptr_t", "bool", "_Bool", "npy_intp", "Py_uintptr_t", "Py_intptr_t", "byte");

    /** How sure we are that a block is a buffer. */
    public enum Verdict { OBJECT, BUFFER, PROBABLY_BUFFER, UNKNOWN }

    /**
     * One classified use.
     *
     * @param call the allocator call
     * @param alloc true for Malloc/Calloc/Realloc, false for Free
     * @param verdict the classification
     * @param evidence why, for the message ("assigned to `char *grown`")
     * @param exercise why the call may exercise the allocator rather than hold data (an allocator test or hook),
     *     or null: rules report such uses with low confidence
     */
    public record Use(CallSite call, boolean alloc, Verdict verdict, String evidence, String exercise) {
        Use(CallSite call, boolean alloc, Verdict verdict, String evidence) {
            this(call, alloc, verdict, evidence, null);
        }

        Use withExercise(String why) {
            return new Use(call, alloc, verdict, evidence, why);
        }
    }

    /** Calls that install or read allocator hooks: a function making them tests or wraps the allocators. */
    private static final Set<String> ALLOCATOR_HOOKS = Set.of("PyMem_SetAllocator", "PyMem_GetAllocator",
            "PyObject_SetArenaAllocator", "PyObject_GetArenaAllocator", "PyMem_SetupDebugHooks");

    private ObjectAllocatorUses() {
    }

    public static List<Use> find(FileAnalysis fa) {
        return fa.memo("ObjectAllocatorUses", () -> compute(fa));
    }

    private static List<Use> compute(FileAnalysis fa) {
        Tokens t = fa.tokens();
        Set<String> slotFunctions = slotFunctions(t);
        List<Use> out = new ArrayList<>();
        for (FunctionInfo f : fa.functions()) {
            if (slotFunctions.contains(f.name())) {
                continue;
            }
            Map<String, String> bufferVars = new HashMap<>(); // variable -> why it may be an allocator exercise
            boolean hooks = f.calls().stream().anyMatch(c -> ALLOCATOR_HOOKS.contains(c.name()));
            for (CallSite c : f.calls()) {
                if (fa.isMemberCall(c)) {
                    continue;
                }
                if (ALLOC_REPLACEMENT.containsKey(c.name())) {
                    Use u = classifyAlloc(fa, f, c);
                    String var = assignedVariable(t, f, c);
                    if (u.verdict() == Verdict.BUFFER || u.verdict() == Verdict.PROBABLY_BUFFER) {
                        String exercise = hooks ? "this function installs or reads allocator hooks, so the call may "
                                + "exercise the allocator itself"
                                : var != null && Expressions.isIdentifier(var)
                                        && onlyTestedAndFreed(t, f, var, c.close()) ? "the block is only tested for "
                                        + "NULL and freed, never used as memory: an allocator test?" : null;
                        u = u.withExercise(exercise);
                        if (var != null) {
                            bufferVars.put(var, exercise == null ? "" : exercise);
                        }
                    }
                    out.add(u);
                } else if (FREE_REPLACEMENT.containsKey(c.name()) && !c.args().isEmpty()) {
                    out.add(classifyFree(fa, f, c, bufferVars));
                }
            }
        }
        return out;
    }

    private static Set<String> slotFunctions(Tokens t) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            boolean designated = (t.is(i, "tp_alloc") || t.is(i, "tp_free")) && t.is(i + 1, "=");
            boolean slot = (t.is(i, "Py_tp_alloc") || t.is(i, "Py_tp_free")) && t.is(i + 1, ",");
            if (designated || slot) {
                for (int k = i + 2; k < t.size() && k < i + 10; k++) {
                    if (t.is(k, ",") || t.is(k, "}") || t.is(k, ";")) {
                        break;
                    }
                    if (t.isIdent(k) && !t.is(k + 1, "*") && !t.is(k + 1, ")")) {
                        out.add(t.text(k));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Use classifyAlloc(FileAnalysis fa, FunctionInfo f, CallSite c) {
        Tokens t = fa.tokens();
        // sizeof(SomeObject) as the size: an object
        for (CallSite.Arg a : c.args()) {
            String n = a.normalized();
            if (n.startsWith("sizeof(")) {
                String inner = n.substring(7, n.length() - 1);
                if (fa.isObjectType(inner)) {
                    return new Use(c, true, Verdict.OBJECT, "sized as " + inner);
                }
            }
            if (n.contains("tp_basicsize") || n.contains("tp_itemsize")) {
                return new Use(c, true, Verdict.OBJECT, "sized from the type");
            }
        }
        int before = c.nameToken() - 1;
        String castType = null;
        if (t.is(before, ")")) {
            int open = t.match(before);
            if (open >= 0 && open < before && t.is(before - 1, "*")) {
                castType = t.compact(open + 1, before - 1);
                before = open - 1;
            }
        }
        String targetType = castType;
        String evidence = castType != null ? "cast to `" + castType + "`" : null;
        if (t.is(before, "=")) {
            String lhsType = lhsType(fa, f, t, before);
            String lhs = lhsText(t, f, before);
            if (targetType == null && lhsType != null) {
                targetType = lhsType;
                String shown = t.isIdent(before - 1) && !t.is(before - 2, "->") && !t.is(before - 2, ".")
                        ? t.text(before - 1) : lhs;
                evidence = "assigned to `" + shown + "` of type `" + lhsType + "`";
            } else if (targetType != null && lhsType != null && fa.isObjectType(lhsType)) {
                targetType = lhsType;
            }
        } else if (t.is(before, "return")) {
            if (targetType == null) {
                targetType = f.returnType();
                evidence = "returned from " + f.name() + "() as `" + targetType + "`";
            }
        } else if (t.is(before, "(") || t.is(before, ",")) {
            CallSite outer = enclosing(f, c.nameToken());
            if (outer != null && BUFFER_FUNCTIONS.contains(outer.name())) {
                return new Use(c, true, Verdict.BUFFER, "passed straight to " + outer.name() + "()");
            }
        }
        Verdict v = verdictFor(fa, targetType);
        if (v == Verdict.BUFFER || v == Verdict.PROBABLY_BUFFER) {
            // a heap type's tp_doc: CPython releases it with PyObject_Free, so it must come from PyObject_Malloc
            String docVar = assignedVariable(t, f, c);
            boolean doc = t.is(before, "=") && t.is(before - 1, "tp_doc")
                    || docVar != null && storedAsTypeDoc(t, f, docVar, c.close());
            if (doc) {
                return new Use(c, true, Verdict.OBJECT, "stored as a type's tp_doc, which CPython frees with "
                        + "PyObject_Free");
            }
            // raw bytes that become an object: "(PyObject *)(mem + presize)", as an allocator with a pre-header does
            String var = assignedVariable(t, f, c);
            String objectCast = var == null ? null : castToObjectLater(fa, f, var, c.close());
            if (objectCast != null) {
                return new Use(c, true, Verdict.OBJECT, "later cast to `" + objectCast + "`");
            }
        }
        if (v == Verdict.PROBABLY_BUFFER) {
            String var = assignedVariable(t, f, c);
            if (var != null) {
                String use = bufferUse(f, var, c.close());
                if (use != null) {
                    return new Use(c, true, Verdict.BUFFER, evidence + " and used with " + use + "()");
                }
            }
        }
        return new Use(c, true, v, evidence);
    }

    private static Use classifyFree(FileAnalysis fa, FunctionInfo f, CallSite c, Map<String, String> bufferVars) {
        String arg = c.argNorm(0);
        if (bufferVars.containsKey(arg)) {
            String exercise = bufferVars.get(arg);
            return new Use(c, false, Verdict.BUFFER, "`" + arg + "` was allocated as a buffer above",
                    exercise.isEmpty() ? null : exercise);
        }
        String type = expressionType(fa, f, arg);
        Verdict v = verdictFor(fa, type);
        if (v == Verdict.PROBABLY_BUFFER) {
            v = Verdict.UNKNOWN; // freeing a void *: nothing says what it holds
        }
        return new Use(c, false, v, type == null ? null : "`" + arg + "` has type `" + type + "`");
    }

    /** OBJECT for object types, BUFFER for primitives and non-object structs, PROBABLY_BUFFER for void *. */
    static Verdict verdictFor(FileAnalysis fa, String type) {
        if (type == null || TypeText.stars(type) == 0) {
            return Verdict.UNKNOWN;
        }
        String base = TypeText.baseName(type);
        if (base == null) {
            return Verdict.UNKNOWN;
        }
        if (fa.isObjectType(base) || base.endsWith("Object")) {
            return Verdict.OBJECT;
        }
        if (base.equals("void")) {
            return TypeText.stars(type) == 1 ? Verdict.PROBABLY_BUFFER : Verdict.BUFFER;
        }
        if (PRIMITIVES.contains(base) || type.matches(".*\\b(unsigned|signed|long|short)\\b.*")) {
            return Verdict.BUFFER;
        }
        if (TypeText.stars(type) > 1) {
            // PyObject ** is an array of pointers: a buffer, not an object
            return Verdict.BUFFER;
        }
        return fa.definesStruct(base) ? Verdict.BUFFER : Verdict.UNKNOWN;
    }

    private static String expressionType(FileAnalysis fa, FunctionInfo f, String expr) {
        if (expr.startsWith("(")) {
            int close = expr.indexOf(')');
            if (close > 0 && expr.substring(0, close).contains("*")) {
                return expr.substring(1, close);
            }
        }
        if (Expressions.isIdentifier(expr)) {
            if (f.locals().containsKey(expr)) {
                return f.locals().get(expr);
            }
            FunctionInfo.Param p = f.param(expr);
            if (p != null) {
                return p.type();
            }
            FileAnalysis.GlobalVar g = fa.globals().get(expr);
            return g == null ? null : g.type();
        }
        String field = Expressions.lastField(expr);
        return field == null ? null : fa.fieldType(field);
    }

    private static String lhsType(FileAnalysis fa, FunctionInfo f, Tokens t, int eq) {
        String lhs = lhsText(t, f, eq);
        if (lhs == null) {
            return null;
        }
        String norm = Expressions.normalize(lhs);
        // a declaration "char *grown": the last identifier is the variable
        int lastIdent = eq - 1;
        if (t.isIdent(lastIdent) && !t.is(lastIdent - 1, "->") && !t.is(lastIdent - 1, ".")) {
            String v = t.text(lastIdent);
            String type = expressionType(fa, f, v);
            if (type != null) {
                return type;
            }
        }
        return expressionType(fa, f, norm);
    }

    private static String lhsText(Tokens t, FunctionInfo f, int eq) {
        int s = eq - 1;
        while (s > f.bodyOpen() && !t.is(s - 1, ";") && !t.is(s - 1, "{") && !t.is(s - 1, "}")
                && !t.is(s - 1, ",")) {
            s--;
        }
        return s <= eq - 1 ? t.compact(s, eq - 1) : null;
    }

    /** The local variable the call's result is assigned to, or null. */
    private static String assignedVariable(Tokens t, FunctionInfo f, CallSite c) {
        int before = c.nameToken() - 1;
        if (t.is(before, ")")) {
            int open = t.match(before);
            before = open >= 0 ? open - 1 : before;
        }
        if (t.is(before, "=") && t.isIdent(before - 1) && !t.is(before - 2, "->") && !t.is(before - 2, ".")) {
            return t.text(before - 1);
        }
        if (t.is(before, "=")) {
            return Expressions.normalize(lhsText(t, f, before) == null ? "" : lhsText(t, f, before));
        }
        return null;
    }

    /** {@code ...->tp_doc = var} or {@code ...->tp_doc = (cast) var} after {@code after}. */
    private static boolean storedAsTypeDoc(Tokens t, FunctionInfo f, String var, int after) {
        for (int i = after + 1; i + 2 < f.bodyClose(); i++) {
            if (t.is(i, "tp_doc") && t.is(i + 1, "=")) {
                for (int k = i + 2; k < f.bodyClose() && !t.is(k, ";"); k++) {
                    if (t.is(k, var)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The object type {@code var} is cast to after {@code after}, as {@code (T *)var} or {@code (T *)(var ...)}. */
    private static String castToObjectLater(FileAnalysis fa, FunctionInfo f, String var, int after) {
        Tokens t = fa.tokens();
        for (int i = after + 1; i < f.bodyClose(); i++) {
            if (!t.is(i, var) || t.is(i - 1, "->") || t.is(i - 1, ".")) {
                continue;
            }
            int close = t.is(i - 1, "(") ? i - 2 : i - 1;
            if (t.is(close, ")") && t.is(close - 1, "*")) {
                int open = t.match(close);
                if (open >= 0 && open < close) {
                    String type = t.compact(open + 1, close - 1);
                    if (fa.isObjectType(type)) {
                        return type;
                    }
                }
            }
        }
        return null;
    }

    /**
     * True when, after {@code after} and until it is reassigned, {@code var} only appears in NULL tests
     * ({@code var == NULL}, {@code !var}, {@code if (var)}) and as the argument of a free.
     */
    private static boolean onlyTestedAndFreed(Tokens t, FunctionInfo f, String var, int after) {
        for (int i = after + 1; i < f.bodyClose(); i++) {
            if (!t.is(i, var) || t.is(i - 1, "->") || t.is(i - 1, ".")) {
                continue;
            }
            if (t.is(i + 1, "=")) {
                return true;
            }
            boolean nullTest = BorrowedResultUse.onlyTested(t, i - 1, i + 1);
            CallSite around = enclosing(f, i);
            boolean freed = around != null && t.is(i - 1, "(") && t.is(i + 1, ")")
                    && (FREE_REPLACEMENT.containsKey(around.name()) || around.name().startsWith("PyMem_")
                            && around.name().endsWith("Free") || around.name().equals("free"));
            if (!nullTest && !freed) {
                return false;
            }
        }
        return true;
    }

    private static String bufferUse(FunctionInfo f, String var, int after) {
        for (CallSite c : f.calls()) {
            if (c.nameToken() > after && BUFFER_FUNCTIONS.contains(c.name()) && !c.args().isEmpty()
                    && (c.argNorm(0).equals(var) || (c.args().size() > 1 && c.argNorm(1).equals(var)))) {
                return c.name();
            }
        }
        return null;
    }

    private static CallSite enclosing(FunctionInfo f, int token) {
        CallSite best = null;
        for (CallSite c : f.calls()) {
            if (c.open() < token && token < c.close() && (best == null || c.open() > best.open())) {
                best = c;
            }
        }
        return best;
    }
}
