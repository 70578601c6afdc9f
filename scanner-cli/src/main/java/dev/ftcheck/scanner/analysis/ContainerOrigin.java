package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Confidence;
import java.util.List;
import java.util.Set;

/**
 * Where the container an API call works on comes from, as far as one function shows: created right here and still
 * private, the call's own keyword-arguments dict, proven shared (a global, module state, published), or unknown (a
 * parameter, a field of {@code self}, the result of some call). Rules skip private containers and lower their
 * confidence for unknown ones.
 */
public final class ContainerOrigin {

    /** The classification of one container expression at one point of a function. */
    public enum Kind {
        /** Created earlier in this function by a constructor API and not escaped yet. */
        PRIVATE,
        /** The keyword-arguments dict of a METH_KEYWORDS function, tp_init, tp_new or tp_call. */
        KWARGS,
        /** A file-scope or static variable, or a field of one. */
        GLOBAL,
        /** Held in module state. */
        MODULE_STATE,
        /** Created here but already handed out (passed to a call, stored) before this point. */
        ESCAPED,
        /** A parameter of the function. */
        PARAMETER,
        /** A field of a parameter such as self. */
        PARAMETER_FIELD,
        /** The result of a call this function makes, which may or may not be a new object. */
        CALL_RESULT,
        /** A field of a local object whose own origin is not known. */
        FIELD,
        /** Anything else that names a variable: filled in by a call, declared elsewhere. */
        UNKNOWN,
        /**
         * An expression whose origin cannot be followed at all ({@code *c}, {@code a[i]}, a call's result used
         * inline): the rules report it with low confidence.
         */
        OPAQUE;

        /** True when the container is proven visible to other threads. */
        public boolean provenShared() {
            return this == GLOBAL || this == MODULE_STATE || this == ESCAPED;
        }

        /** True when no other thread can see the container. */
        public boolean isPrivate() {
            return this == PRIVATE || this == KWARGS;
        }
    }

    /** A classification with a human explanation ("a parameter of sum_list()"). */
    public record Origin(Kind kind, String explanation, String aliasOf) {

        /**
         * True when the container is a field the file never changes after construction ({@link FrozenFields}):
         * {@code expr} itself or the field it was copied from.
         */
        public boolean frozen(FileAnalysis fa, String expr) {
            return FrozenFields.isFrozen(fa, Expressions.lastField(expr))
                    || aliasOf != null && FrozenFields.isFrozen(fa, Expressions.lastField(aliasOf));
        }

        /**
         * How sure a finding on this container is: high when it is proven shared; low when the function around it
         * could not be parsed ({@code unparsed}), when nothing about it can be followed, when it is a call's result
         * or a field of an unknown object (on the real-world corpus about half of those findings were true, see
         * docs/rules-precision.md), or when the rule lists its kind in {@code lowKinds} (the rule's own measured
         * figure for that kind is below 90%); medium otherwise.
         */
        public Confidence confidence(boolean unparsed, Set<Kind> lowKinds) {
            if (kind.provenShared()) {
                return Confidence.HIGH;
            }
            return unparsed || LOW_KINDS.contains(kind) || lowKinds.contains(kind) ? Confidence.LOW
                    : Confidence.MEDIUM;
        }

        /** The sentence a finding's message gives for its confidence ({@code noun}: "container", "dict"). */
        public String confidenceNote(boolean unparsed, Set<Kind> lowKinds, String noun) {
            if (kind.provenShared()) {
                return "The " + noun + " is shared: " + explanation + ".";
            }
            if (unparsed) {
                return "Confidence is low: the function around this line could not be parsed, so where the " + noun
                        + " comes from is not visible.";
            }
            return "Confidence is " + confidence(false, lowKinds).name().toLowerCase() + " because " + explanation
                    + ".";
        }
    }

    /** Kinds every container rule reports with low confidence. */
    private static final Set<Kind> LOW_KINDS = Set.of(Kind.OPAQUE, Kind.CALL_RESULT, Kind.FIELD);

    /** Constructors that return a brand-new container nobody else references. */
    public static final Set<String> CREATORS = Set.of("PyList_New", "PyDict_New", "PyTuple_New", "Py_BuildValue",
            "Py_VaBuildValue", "PyDict_Copy", "PyList_GetSlice", "PyTuple_GetSlice", "PySequence_List",
            "PySequence_Tuple", "PyDict_Keys", "PyDict_Values", "PyDict_Items", "PyMapping_Keys", "PyMapping_Values",
            "PyMapping_Items", "PyTuple_Pack", "PySet_New", "PyFrozenSet_New", "PyObject_Dir", "PyUnicode_Split",
            "PyUnicode_Splitlines", "_PyDict_NewPresized", "_PyStack_AsDict", "PyList_AsTuple", "_PyTuple_FromArray",
            "_PyType_GetSubclasses",
            "PyDict_FromKeys");

    /** Calls that return objects every thread can reach (sys.modules, builtins, sys attributes). */
    private static final Set<String> SHARED_SOURCES = Set.of("PyImport_GetModuleDict", "PyEval_GetBuiltins",
            "PyEval_GetGlobals", "PySys_GetObject", "PyInterpreterState_GetDict");

    /** Calls whose result is the same object as their first argument (for lists). */
    private static final Set<String> SAME_OBJECT = Set.of("PySequence_Fast");

    /** Calls that take a container as first argument and do not keep a reference to it. */
    private static final Set<String> ESCAPING_FIRST_ARG = Set.of("Py_NewRef", "Py_XNewRef", "PyWeakref_NewRef",
            "PyWeakref_NewProxy", "PyCapsule_New", "PyIter_Next", "PyObject_GetIter", "PyMethod_New",
            "PyCFunction_New", "PyCFunction_NewEx", "PyDictProxy_New", "PyObject_CallOneArg");

    private final FileAnalysis file;
    private final FunctionInfo f;
    private final Tokens t;

    /** Where each identifier occurs in the body (not as a member name): keeps lookups linear in big functions. */
    private final java.util.Map<String, List<Integer>> occurrences = new java.util.HashMap<>();
    private final java.util.Map<String, Boolean> staticLocals = new java.util.HashMap<>();

    public ContainerOrigin(FileAnalysis file, FunctionInfo f) {
        this.file = file;
        this.f = f;
        this.t = file.tokens();
        for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
            if (t.isIdent(i) && !t.is(i - 1, ".") && !t.is(i - 1, "->")) {
                occurrences.computeIfAbsent(t.text(i), k -> new java.util.ArrayList<>()).add(i);
            }
        }
    }

    /**
     * A parameter of a static function that every caller in this file fills with a container of its own (a dict it
     * created, its keyword-arguments dict): private too. Null when a caller is not visible or passes anything else.
     */
    private Origin fromEveryCaller(String param, int depth) {
        // asked for every borrowed call on the parameter: one answer per function, parameter and depth
        return file.memo("ContainerOrigin.fromEveryCaller:" + f.bodyOpen() + ":" + param + ":" + depth,
                () -> java.util.Optional.ofNullable(computeFromEveryCaller(param, depth))).orElse(null);
    }

    private Origin computeFromEveryCaller(String param, int depth) {
        int index = -1;
        for (int k = 0; k < f.params().size(); k++) {
            if (param.equals(f.params().get(k).name())) {
                index = k;
            }
        }
        if (!f.isStatic() || index < 0 || depth >= 3 || file.methodTables().isReferencedAsValue(f.name())) {
            return null;
        }
        // callers often pass their container to this function more than once: keepsArgument() says whether
        // that is an escape
        int callers = 0;
        for (FunctionInfo g : file.functions()) {
            if (g == f || g.isPseudo()) {
                continue;
            }
            ContainerOrigin origins = null;
            for (CallSite c : g.calls()) {
                if (!c.name().equals(f.name()) || file.isMemberCall(c)) {
                    continue;
                }
                if (c.args().size() <= index) {
                    return null;
                }
                if (origins == null) {
                    origins = new ContainerOrigin(file, g);
                }
                if (!origins.classify(c.argNorm(index), c.nameToken(), depth + 1).kind().isPrivate()) {
                    return null;
                }
                callers++;
            }
        }
        return callers == 0 ? null : new Origin(Kind.PRIVATE, "every caller of " + f.name() + "() passes a "
                + "container of its own as `" + param + "`", null);
    }

    private List<Integer> occurrencesOf(String v) {
        return occurrences.getOrDefault(v, List.of());
    }

    /** Classifies the normalised expression {@code expr} as used at token {@code at}. */
    public Origin classify(String expr, int at) {
        return classify(expr, at, 0);
    }

    private Origin classify(String expr, int at, int depth) {
        if (depth > 4) {
            return new Origin(Kind.UNKNOWN, "its origin could not be followed", null);
        }
        if (Expressions.isIdentifier(expr)) {
            return classifyVariable(expr, at, depth);
        }
        java.util.regex.Matcher out = OUT_PARAM.matcher(expr);
        if (out.matches() && out.group(1) != null && f.param(out.group(1)) != null) {
            Origin o = classifyOutParameter(out.group(1), at);
            if (o != null) {
                return o;
            }
        }
        java.util.regex.Matcher handle = PYBIND_HANDLE.matcher(expr);
        if (handle.matches() && constructedHere(handle.group(1), at)) {
            return new Origin(Kind.PRIVATE, "`" + handle.group(1) + "` is a pybind11 object constructed here", null);
        }
        String base = Expressions.baseIdentifier(expr);
        if (base != null && expr.startsWith(base) && expr.length() > base.length()) {
            Origin slot = createdInSlot(expr, base, at);
            if (slot != null) {
                return slot;
            }
        }
        if (base != null && (expr.startsWith(base + "->") || expr.startsWith(base + "."))) {
            return classifyField(expr, base, at);
        }
        // an inline constructor call: PyList_GetItem(PyList_New(3), 0)
        for (String c : CREATORS) {
            if (expr.startsWith(c + "(")) {
                return new Origin(Kind.PRIVATE, "created inline by " + c + "()", null);
            }
        }
        return new Origin(Kind.OPAQUE, "`" + expr + "` is an expression whose origin is not known here", null);
    }

    private static final java.util.regex.Pattern PYBIND_HANDLE = java.util.regex.Pattern.compile("(\\w+)\\.ptr\\(\\)");

    /** {@code list l(n);} / {@code py::tuple t(size);} before {@code at}: pybind11's constructors create new objects. */
    private boolean constructedHere(String name, int at) {
        for (int i : occurrencesOf(name)) {
            if (i >= at) {
                break;
            }
            if ((t.is(i - 1, "list") || t.is(i - 1, "tuple") || t.is(i - 1, "dict")) && !t.is(i - 2, ".")
                    && (t.is(i + 1, "(") || t.is(i + 1, "{"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code *out} after {@code *out = PyTuple_New(n)} in this function: the caller's slot, filled here. */
    private Origin classifyOutParameter(String p, int at) {
        int last = -1;
        for (int i : occurrencesOf(p)) {
            if (i >= at) {
                break;
            }
            if (t.is(i - 1, "*") && t.is(i + 1, "=")) {
                last = i;
            }
        }
        if (last < 0) {
            return null;
        }
        Definition d = rhs(last, last + 2);
        if (d.rhsCall == null || !CREATORS.contains(d.rhsCall)) {
            return null;
        }
        for (CallSite c : f.calls()) {
            int tok = c.nameToken();
            if (tok > last + 2 && tok < at && !c.name().startsWith("Py") && !c.name().startsWith("_Py")) {
                for (CallSite.Arg a : c.args()) {
                    if (a.normalized().equals("*" + p) || a.normalized().equals(p)) {
                        return new Origin(Kind.ESCAPED, "`*" + p + "` was created by " + d.rhsCall
                                + "() here but was passed to " + c.name() + "() before this point", null);
                    }
                }
            }
        }
        return new Origin(Kind.PRIVATE, "created by " + d.rhsCall + "() in this function and stored through the "
                + "out-parameter `" + p + "`", null);
    }

    /**
     * A slot of a local ({@code lst[0]}, {@code obj->items}) assigned a new container earlier in this function and
     * not handed out since: {@code lst[0] = PyList_New(n); ... PyList_SET_ITEM(lst[0], i, o)}. The local must be an
     * array of this function or an object it just made (allocated, or returned by a function of this file);
     * otherwise the slot may be visible to others while it is filled. Null when that does not apply.
     */
    private Origin createdInSlot(String expr, String base, int at) {
        if (f.param(base) != null || isGlobal(base) || isStaticLocal(base) || !f.locals().containsKey(base)) {
            return null;
        }
        int eq = -1;
        for (int i : occurrencesOf(base)) {
            if (i >= at) {
                break;
            }
            int end = slotEnd(i, expr);
            if (end > 0 && t.is(end + 1, "=") && !(isNullLiteral(end + 2) && t.is(end + 3, ";"))) {
                eq = end + 1;
            }
        }
        if (eq < 0) {
            return null;
        }
        Definition created = rhs(eq - 1, eq + 1);
        if (created.rhsCall == null || !CREATORS.contains(created.rhsCall) && !created.rhsCall.equals("tp_alloc")) {
            return null;
        }
        boolean element = expr.startsWith(base + "[");
        Definition owner = lastDefinition(base, eq);
        boolean ownObject = owner != null && owner.rhsCall != null
                && (isAllocation(owner.rhsCall) || returnsNewObject(owner.rhsCall, 0));
        if (!(element && owner == null) && !ownObject || escapeBetween(base, eq, at) != null) {
            return null;
        }
        for (int i : occurrencesOf(base)) {
            if (i <= eq || i >= at) {
                continue;
            }
            int end = slotEnd(i, expr);
            if (end < 0) {
                continue;
            }
            if (t.is(i - 1, "=") && (t.is(end + 1, ";") || t.is(end + 1, ","))) {
                String lhs = lhsBefore(i - 1);
                if (lhs != null && !isPlainLocal(lhs)) {
                    return escapedSlot(expr, created, "was stored in `" + lhs + "`");
                }
            }
            CallSite call = innermostCall(i);
            int argIndex = call == null ? -1 : argIndexOf(call, i);
            if (argIndex < 0 || !call.arg(argIndex).normalized().equals(expr)) {
                continue;
            }
            boolean api = call.name().startsWith("Py") || call.name().startsWith("_Py");
            if (!(api && argIndex == 0 && !ESCAPING_FIRST_ARG.contains(call.name()))) {
                return escapedSlot(expr, created, "was passed to " + call.name() + "()");
            }
        }
        return new Origin(Kind.PRIVATE, "`" + expr + "` was given a new container by " + created.rhsCall
                + "() in this function", null);
    }

    /**
     * The function {@code expr} (normalised) calls to make a new object, or null: {@code PyDict_New()}, an object
     * allocator, a constructor of this file.
     */
    String createdBy(String expr) {
        int paren = expr.indexOf('(');
        if (paren <= 0 || !expr.endsWith(")")) {
            return null;
        }
        String name = expr.substring(0, paren);
        return Expressions.isIdentifier(name) && (isAllocation(name) || returnsNewObject(name, 0)) ? name : null;
    }

    /**
     * True for a constructor of this file: a function every {@code return} of which hands back an object it
     * allocated (directly, or from another such constructor), NULL aside. A getter of shared state is not one.
     */
    private boolean returnsNewObject(String name, int depth) {
        if (depth > 3) {
            return false;
        }
        return file.memo("ContainerOrigin.returnsNew:" + name + ":" + depth, () -> {
            boolean any = false;
            for (FunctionInfo g : file.functionsNamed(name)) {
                if (g.isPseudo()) {
                    continue;
                }
                ContainerOrigin in = g == f ? this : new ContainerOrigin(file, g);
                for (int i = g.bodyOpen() + 1; i < g.bodyClose(); i++) {
                    if (!t.is(i, "return") || t.is(i + 1, ";") || in.isNullLiteral(i + 1) && t.is(i + 2, ";")) {
                        continue;
                    }
                    Definition r = in.rhs(i, i + 1);
                    if (r.rhsVariable != null) {
                        r = in.lastDefinition(r.rhsVariable, i);
                    }
                    String call = r == null ? null : r.rhsCall;
                    if (call == null || !isAllocation(call) && !returnsNewObject(call, depth + 1)) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        });
    }

    /**
     * True when {@code name} is a function of this file (one definition) whose parameter {@code index} never
     * escapes it: handing a container to it publishes nothing. A helper reached again while answering counts as
     * keeping it (the cycle itself publishes nothing).
     */
    private boolean keepsArgument(String name, int index) {
        String key = "ContainerOrigin.keeps:" + name + "#" + index;
        Set<String> busy = file.memo("ContainerOrigin.keepsInProgress", java.util.HashSet::new);
        if (busy.contains(key)) {
            return true;
        }
        busy.add(key);
        try {
            return file.memo(key, () -> {
                FunctionInfo g = null;
                for (FunctionInfo h : file.functionsNamed(name)) {
                    if (!h.isPseudo()) {
                        if (g != null) {
                            return false; // several definitions (#if branches, overloads): not one answer
                        }
                        g = h;
                    }
                }
                if (g == null || index >= g.params().size() || g.params().get(index).name() == null) {
                    return false;
                }
                String p = g.params().get(index).name();
                ContainerOrigin in = g == f ? this : new ContainerOrigin(file, g);
                return in.escapeBetween(p, g.bodyOpen(), g.bodyClose()) == null;
            });
        } finally {
            busy.remove(key);
        }
    }

    private static Origin escapedSlot(String expr, Definition created, String how) {
        return new Origin(Kind.ESCAPED, "`" + expr + "` was created by " + created.rhsCall + "() here but " + how
                + " before this point, so other code can reach it", null);
    }

    /** The last token of {@code expr} when its tokens start at {@code i}, else -1. */
    private int slotEnd(int i, String expr) {
        StringBuilder sb = new StringBuilder();
        for (int j = i; j < f.bodyClose(); j++) {
            sb.append(t.text(j));
            if (sb.length() >= expr.length()) {
                return sb.length() == expr.length() && sb.toString().equals(expr) ? j : -1;
            }
        }
        return -1;
    }

    private Origin classifyField(String expr, String base, int at) {
        if (isGlobal(base)) {
            return new Origin(Kind.GLOBAL, "`" + expr + "` is reachable from the file-scope variable `" + base + "`",
                    null);
        }
        Definition def = lastDefinition(base, at);
        if (def != null && def.rhsCall != null && def.rhsCall.toLowerCase().contains("state")) {
            return new Origin(Kind.MODULE_STATE, "`" + expr + "` is held in module state (from " + def.rhsCall
                    + "()), which every thread importing the module shares", null);
        }
        if (def == null && f.param(base) != null) {
            return new Origin(Kind.PARAMETER_FIELD, "`" + expr + "` is a field of the parameter `" + base
                    + "`; it is shared when that object is reachable from other threads, which this function alone"
                    + " does not show", null);
        }
        return new Origin(Kind.FIELD, "`" + expr + "` is a field of `" + base
                + "`, whose sharing this function alone does not show", null);
    }

    private Origin classifyVariable(String v, int at, int depth) {
        Definition def = lastDefinition(v, at);
        if (def == null) {
            String kw = file.methodTables().kwargsParam(f);
            if (v.equals(kw)) {
                return new Origin(Kind.KWARGS, "the keyword-arguments dict of this call", null);
            }
            if (f.param(v) != null) {
                Origin fromCallers = fromEveryCaller(v, depth);
                if (fromCallers != null) {
                    return fromCallers;
                }
                return new Origin(Kind.PARAMETER, "`" + v + "` is a parameter of " + f.name()
                        + "(); whether callers pass a shared container is not visible here", null);
            }
            if (isGlobal(v)) {
                return new Origin(Kind.GLOBAL, "`" + v + "` is a file-scope variable that every thread can reach",
                        null);
            }
            if (isStaticLocal(v)) {
                return new Origin(Kind.GLOBAL, "`" + v + "` is a static variable shared by every call", null);
            }
            Origin member = ownedMember(v);
            return member != null ? member
                    : new Origin(Kind.UNKNOWN, "the origin of `" + v + "` is not visible here", null);
        }
        if (def.rhsCall != null && (CREATORS.contains(def.rhsCall) || def.rhsCall.equals("tp_alloc")
                || returnsNewObject(def.rhsCall, 0))) {
            String escape = escapeBetween(v, def.token, at);
            if (escape != null) {
                return new Origin(Kind.ESCAPED, "`" + v + "` was created by " + def.rhsCall + "() here but " + escape
                        + " before this point, so other code can reach it", null);
            }
            return new Origin(Kind.PRIVATE, "created by " + def.rhsCall + "() in this function", null);
        }
        if (def.rhsCall != null && SAME_OBJECT.contains(def.rhsCall) && def.rhsFirstArg != null) {
            Origin inner = classify(def.rhsFirstArg, def.token, depth + 1);
            String escape = escapeBetween(v, def.token, at);
            if (inner.kind().isPrivate() && escape != null) {
                return new Origin(Kind.ESCAPED, "`" + v + "` " + escape, def.rhsFirstArg);
            }
            return new Origin(inner.kind(), "`" + v + "` is the object " + def.rhsCall + "() returned for `"
                    + def.rhsFirstArg + "`: " + inner.explanation(), def.rhsFirstArg);
        }
        if (def.rhsVariable != null) {
            Origin inner = classify(def.rhsVariable, def.token, depth + 1);
            if (inner.kind() == Kind.PRIVATE) {
                String escape = escapeBetween(v, def.token, at);
                if (escape == null) {
                    escape = escapeBetween(def.rhsVariable, def.token, at);
                }
                if (escape != null) {
                    return new Origin(Kind.ESCAPED, "`" + v + "` " + escape, def.rhsVariable);
                }
            }
            return new Origin(inner.kind(), inner.explanation(), def.rhsVariable);
        }
        if ("PyThreadState_GetDict".equals(def.rhsCall) || "_PyThreadState_GetDict".equals(def.rhsCall)) {
            return new Origin(Kind.PRIVATE, "`" + v + "` is the calling thread's own dict (PyThreadState_GetDict)",
                    null);
        }
        if (def.rhsCall != null && SHARED_SOURCES.contains(def.rhsCall)) {
            return new Origin(Kind.GLOBAL, "`" + v + "` is the object " + def.rhsCall
                    + "() returns, which every thread can reach", null);
        }
        if (def.rhsCall != null) {
            return new Origin(Kind.CALL_RESULT, "`" + v + "` holds the result of " + def.rhsCall
                    + "(), which may be shared with other threads", null);
        }
        if (def.rhsText != null) {
            Origin o = classify(def.rhsText, def.token, depth + 1);
            return new Origin(o.kind(), o.explanation(), def.rhsText);
        }
        return new Origin(Kind.UNKNOWN, "`" + v + "` is filled in by a call here, so its origin is not visible",
                null);
    }

    /**
     * A C++ data member ({@code PyObject *cache;} in a class or struct body of this file, used bare in a method)
     * that only ever holds containers its object made (every assignment is a constructor call or NULL) and that
     * this file never hands out: its sharing is that of the C++ object, which the file does not show. Low
     * confidence (as {@link Kind#OPAQUE}); null when that does not apply.
     */
    private Origin ownedMember(String v) {
        if (file.tree().language() != dev.ftcheck.scanner.api.Language.CPP) {
            return null;
        }
        return file.memo("ContainerOrigin.ownedMember:" + v,
                () -> java.util.Optional.ofNullable(computeOwnedMember(v))).orElse(null);
    }

    private Origin computeOwnedMember(String v) {
        boolean member = false;
        Set<String> creators = new java.util.TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.is(i, v) || t.is(i - 1, ".") || t.is(i - 1, "->") || t.is(i - 1, "::")) {
                continue;
            }
            if (t.is(i + 1, ";") && t.is(i - 1, "*") && inClassBody(i)) {
                member = true;
            } else if (t.is(i + 1, "=") || t.is(i + 1, "(") && (t.is(i - 1, ":") || t.is(i - 1, ","))) {
                // an assignment, or a constructor's member initialiser: member(value)
                if (t.is(i + 1, "(") && isNullLiteral(i + 2) && t.is(i + 3, ")")) {
                    continue;
                }
                if (t.isIdent(i + 2) && CREATORS.contains(t.text(i + 2)) && t.is(i + 3, "(")) {
                    creators.add(t.text(i + 2));
                } else if (!(isNullLiteral(i + 2) && t.is(i + 3, ";"))) {
                    return null;
                }
            } else if (t.is(i - 1, "=") || t.is(i - 1, "return") || t.is(i - 1, ",")) {
                return null; // copied, returned or passed on as a later argument
            } else if (t.is(i - 1, "(") && t.isIdent(i - 2)) { // a call, not if (...) or a cast
                String callee = t.text(i - 2);
                boolean api = callee.startsWith("Py") || callee.startsWith("_Py");
                if (!api || ESCAPING_FIRST_ARG.contains(callee)) {
                    return null;
                }
            }
        }
        if (!member || creators.isEmpty()) {
            return null;
        }
        return new Origin(Kind.OPAQUE, "`" + v + "` is a member of the C++ object this code runs on, which only "
                + "ever stores containers it made (" + String.join(", ", creators) + ") in it and never hands it "
                + "out in this file; whether the object itself is shared is not visible", null);
    }

    /** True when token {@code i} is directly inside the braces of a {@code class} or {@code struct} body. */
    private boolean inClassBody(int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            if (t.is(j, "}")) {
                depth++;
            } else if (t.is(j, "{")) {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                for (int k = j - 1; k >= 0 && k > j - 12; k--) {
                    if (t.is(k, "struct") || t.is(k, "class")) {
                        return true;
                    }
                    if (t.is(k, ";") || t.is(k, "}") || t.is(k, ")") || t.is(k, "=")) {
                        return false;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private boolean isGlobal(String name) {
        return file.globals().containsKey(name) && f.param(name) == null && !f.locals().containsKey(name);
    }

    private boolean isStaticLocal(String name) {
        return staticLocals.computeIfAbsent(name, this::declaredStatic);
    }

    private boolean declaredStatic(String name) {
        // declared "static T name" inside this body
        for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
            if (t.is(i, "static")) {
                for (int j = i + 1; j < f.bodyClose() && j < i + 12 && !t.is(j, ";") && !t.is(j, "="); j++) {
                    if (t.is(j, name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The most recent assignment to {@code v} before token {@code at}. */
    private static final java.util.regex.Pattern TP_ALLOC =
            java.util.regex.Pattern.compile("[\\w()>*.-]*(->|\\.)tp_alloc\\(.*");

    private record Definition(int token, String rhsCall, String rhsFirstArg, String rhsVariable, String rhsText) {}

    private final java.util.Map<String, List<Integer>> definitions = new java.util.HashMap<>();
    private final java.util.Map<Integer, Definition> definitionAt = new java.util.HashMap<>();

    /** Tokens where {@code v} is assigned ({@code v = ...}) or passed as an out-parameter ({@code &v}). */
    private List<Integer> definitionsOf(String v) {
        return definitions.computeIfAbsent(v, name -> {
            List<Integer> out = new java.util.ArrayList<>();
            for (int i : occurrencesOf(name)) {
                if (t.is(i + 1, "=") || (t.is(i - 1, "&") && isCallArgument(i - 1))) {
                    out.add(i);
                }
            }
            return out;
        });
    }

    private Definition lastDefinition(String v, int at) {
        List<Integer> defs = definitionsOf(v);
        int lo = 0;
        int hi = defs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (defs.get(mid) < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // v = NULL on an error path (before a break or goto) does not replace the object v held
        for (int k = lo - 1; k >= 0; k--) {
            int i = defs.get(k);
            if (k > 0 && t.is(i + 1, "=") && isNullLiteral(i + 2) && t.is(i + 3, ";")) {
                continue;
            }
            return definitionAt.computeIfAbsent(i,
                    d -> t.is(d + 1, "=") ? rhs(d, d + 2) : new Definition(d, null, null, null, null));
        }
        return null;
    }

    private boolean isNullLiteral(int i) {
        return t.is(i, "NULL") || t.is(i, "nullptr") || t.is(i, "0");
    }

    private boolean isCallArgument(int token) {
        return t.is(token - 1, ",") || t.is(token - 1, "(");
    }

    private Definition rhs(int defToken, int from) {
        int end = from;
        while (end < f.bodyClose() && !t.is(end, ";") && !t.is(end, ",")) {
            if (t.is(end, "(") || t.is(end, "[") || t.is(end, "{")) {
                int m = t.match(end);
                end = m > end ? m : end;
            }
            end++;
        }
        int s = skipCasts(from, end);
        if (s >= end) {
            return new Definition(defToken, null, null, null, null);
        }
        if (t.isIdent(s) && t.is(s + 1, "(")) {
            int close = t.match(s + 1);
            String firstArg = null;
            if (close > s + 1) {
                var args = CallFinder.args(t, s + 1, close);
                firstArg = args.isEmpty() ? null : args.get(0).normalized();
            }
            String name = t.text(s);
            if ((name.equals("Py_NewRef") || name.equals("Py_XNewRef")) && firstArg != null) {
                return new Definition(defToken, null, null, Expressions.isIdentifier(firstArg) ? firstArg : null,
                        Expressions.isIdentifier(firstArg) ? null : firstArg);
            }
            return new Definition(defToken, name, firstArg, null, null);
        }
        String text = Expressions.normalize(t.compact(s, end - 1));
        if (TP_ALLOC.matcher(text).matches()) {
            return new Definition(defToken, "tp_alloc", null, null, null); // type->tp_alloc(type, n): a new object
        }
        if (Expressions.isIdentifier(text)) {
            return new Definition(defToken, null, null, text, null);
        }
        return new Definition(defToken, null, null, null, text);
    }

    /** Skips {@code (Type *)} casts at the start of an expression. */
    private int skipCasts(int from, int end) {
        int s = from;
        while (s < end && t.is(s, "(")) {
            int m = t.match(s);
            if (m < 0 || m >= end) {
                break;
            }
            boolean typeLike = m > s + 1;
            for (int k = s + 1; k < m; k++) {
                typeLike &= t.isIdent(k) || t.kind(k) == Tokens.KEYWORD || t.is(k, "*");
            }
            if (!typeLike || !t.is(m - 1, "*") && m != s + 2) {
                break;
            }
            s = m + 1;
        }
        return s;
    }

    /**
     * How {@code v} escaped between tokens {@code from} and {@code to} ("was passed to foo()", "was stored in
     * self->items"), or null when it did not.
     */
    public String escapeBetween(String v, int from, int to) {
        String key = v + "@" + from;
        Object[] first;
        if (firstEscape.containsKey(key)) {
            first = firstEscape.get(key);
        } else if (!inProgress.add(key)) {
            return null; // asked again while answering it (a->next = b; b->next = a): the cycle itself publishes nothing
        } else {
            // not computeIfAbsent: the answer for v can need the answer for another variable (a recursive update)
            try {
                first = firstEscapeAfter(v, from);
            } finally {
                inProgress.remove(key);
            }
            firstEscape.put(key, first);
        }
        return first != null && (int) first[0] < to ? (String) first[1] : null;
    }

    private final java.util.Map<String, Object[]> firstEscape = new java.util.HashMap<>();
    private final Set<String> inProgress = new java.util.HashSet<>();

    /** The first escape of {@code v} after token {@code from} before it is reassigned: {token, reason}, or null. */
    private Object[] firstEscapeAfter(String v, int from) {
        int to = Integer.MAX_VALUE;
        for (int i : occurrencesOf(v)) {
            if (i <= from) {
                continue;
            }
            if (i >= to) {
                break;
            }
            if (t.is(i + 1, "=") && !t.is(i - 1, "*")) {
                return null; // reassigned: the new value is classified separately
            }
            // stored: "lhs = v;" where lhs is not a plain local
            if (t.is(i - 1, "=") && (t.is(i + 1, ";") || t.is(i + 1, ","))) {
                String lhs = lhsBefore(i - 1);
                if (lhs != null && !isPlainLocal(lhs) && !isUnpublishedSlot(lhs, i)) {
                    return new Object[] {i, "was stored in `" + lhs + "`"};
                }
            }
            CallSite call = innermostCall(i);
            if (call != null) {
                int argIndex = argIndexOf(call, i);
                if (argIndex < 0) {
                    continue;
                }
                CallSite.Arg a = call.arg(argIndex);
                boolean whole = a.normalized().equals(v) || a.normalized().equals("&" + v);
                if (!whole) {
                    continue; // v is inside a larger expression, e.g. PyList_GET_SIZE(v) as an argument
                }
                boolean api = call.name().startsWith("Py") || call.name().startsWith("_Py");
                if (api && argIndex == 0 && !ESCAPING_FIRST_ARG.contains(call.name())) {
                    continue;
                }
                if (a.normalized().equals("&" + v)) {
                    continue; // an out-parameter: handled as a redefinition
                }
                if (!api && !file.isMemberCall(call) && keepsArgument(call.name(), argIndex)) {
                    continue;
                }
                return new Object[] {i, "was passed to " + call.name() + "()"};
            }
        }
        return null;
    }

    private String lhsBefore(int eq) {
        int s = eq - 1;
        while (s > f.bodyOpen() && !t.is(s - 1, ";") && !t.is(s - 1, "{") && !t.is(s - 1, "}")
                && !t.is(s - 1, ")") && !t.is(s - 1, "(") && !t.is(s - 1, ",")) {
            s--;
        }
        return s <= eq - 1 ? t.compact(s, eq - 1) : null;
    }

    /**
     * True for a store no other thread can see yet: through an out-parameter ({@code *result = v},
     * {@code out[0] = v}), or into a field of an object this function created and has not handed out
     * ({@code obj->items = v} after {@code obj = PyObject_New(...)}).
     */
    private boolean isUnpublishedSlot(String lhs, int at) {
        String norm = Expressions.normalize(lhs);
        java.util.regex.Matcher out = OUT_PARAM.matcher(norm);
        if (out.matches()) {
            String p = out.group(1) != null ? out.group(1) : out.group(2);
            return f.param(p) != null;
        }
        String base = Expressions.baseIdentifier(norm);
        if (base == null || !norm.startsWith(base + "->") || f.param(base) != null || isGlobal(base)) {
            return false;
        }
        Definition def = lastDefinition(base, at);
        return def != null && def.rhsCall != null && isAllocation(def.rhsCall)
                && escapeBetween(base, def.token, at) == null;
    }

    private static final java.util.regex.Pattern OUT_PARAM = java.util.regex.Pattern.compile(
            "\\*\\s*([A-Za-z_]\\w*)|([A-Za-z_]\\w*)\\s*\\[\\s*0\\s*\\]");

    /** Calls that return a new object of the caller's own: constructors of containers and of extension types. */
    private static boolean isAllocation(String call) {
        return CREATORS.contains(call) || call.equals("PyObject_New") || call.equals("PyObject_NewVar")
                || call.equals("PyObject_GC_New") || call.equals("PyObject_GC_NewVar") || call.endsWith("tp_alloc")
                || call.equals("PyType_GenericAlloc") || call.equals("PyType_GenericNew");
    }

    private boolean isPlainLocal(String lhs) {
        String norm = lhs.replaceAll("^[A-Za-z_][A-Za-z_0-9\\s]*\\*+\\s*", "").trim();
        String last = norm.contains(" ") ? norm.substring(norm.lastIndexOf(' ') + 1) : norm;
        if (!Expressions.isIdentifier(last)) {
            return false;
        }
        return !isGlobal(last) || f.locals().containsKey(last);
    }

    private CallSite innermostCall(int token) {
        return CallFinder.innermost(f.calls(), token);
    }

    private static int argIndexOf(CallSite c, int token) {
        for (int k = 0; k < c.args().size(); k++) {
            CallSite.Arg a = c.args().get(k);
            if (a.from() <= token && token <= a.to()) {
                return k;
            }
        }
        return -1;
    }
}
