package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Node;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts about one parsed file that several rules share: tokens, functions and the calls in them, file-scope
 * variables, struct field types, which types are Python objects. Computed once per tree and cached, because the
 * engine runs each rule on the same tree separately.
 */
public final class FileAnalysis {

    private final SyntaxTree tree;
    private final Tokens tokens;
    private final List<FunctionInfo> functions = new ArrayList<>();
    private final Map<String, List<FunctionInfo>> functionsByName = new HashMap<>();
    private final Map<String, String> fieldTypes = new HashMap<>();
    private final Set<String> ambiguousFields = new HashSet<>();
    private final Set<String> objectTypes = new HashSet<>();
    private final Set<String> definedStructs = new HashSet<>();
    private final Map<String, GlobalVar> globals = new LinkedHashMap<>();
    private Boolean hasErrors;
    private volatile MethodTables methodTables;
    private volatile InitContext initContext;
    private final java.util.concurrent.ConcurrentHashMap<String, Object> memo = new java.util.concurrent.ConcurrentHashMap<>();

    /** A file-scope variable declaration. */
    public record GlobalVar(String name, Node declaration, Node nameNode, String type, String declText,
            boolean isStatic, boolean isExtern) {}

    private FileAnalysis(SyntaxTree tree) {
        this.tree = tree;
        this.tokens = Tokens.of(tree);
        scan();
    }

    /** The analysis of {@code tree}, computed on first use. */
    public static FileAnalysis of(SyntaxTree tree) {
        return tree.attachment(FileAnalysis.class, FileAnalysis::new);
    }

    public SyntaxTree tree() {
        return tree;
    }

    public Tokens tokens() {
        return tokens;
    }

    public String source() {
        return tree.source();
    }

    public List<FunctionInfo> functions() {
        return functions;
    }

    /** Definitions with this name (more than one when #if branches define alternatives). */
    public List<FunctionInfo> functionsNamed(String name) {
        return functionsByName.getOrDefault(name, List.of());
    }

    /** The function whose body contains token {@code i}, or null. */
    public FunctionInfo functionAt(int tokenIndex) {
        for (FunctionInfo f : functions) {
            if (f.containsToken(tokenIndex)) {
                return f;
            }
        }
        return null;
    }

    /** The declared type (with stars) of a struct member of this file, or null when unknown or ambiguous. */
    public String fieldType(String field) {
        return ambiguousFields.contains(field) ? null : fieldTypes.get(field);
    }

    public Map<String, GlobalVar> globals() {
        return globals;
    }

    /** True for PyObject, PyVarObject, Py*Object and structs of this file that start with PyObject_HEAD. */
    public boolean isObjectType(String typeName) {
        String t = TypeText.baseName(typeName);
        if (t == null) {
            return false;
        }
        return t.equals("PyObject") || t.equals("PyVarObject") || (t.startsWith("Py") && t.endsWith("Object"))
                || objectTypes.contains(t);
    }

    /** True when this file defines a struct (or a typedef of one) with this name. */
    public boolean definesStruct(String typeName) {
        String t = TypeText.baseName(typeName);
        return t != null && definedStructs.contains(t);
    }

    public MethodTables methodTables() {
        MethodTables m = methodTables;
        if (m == null) {
            m = MethodTables.of(this);
            methodTables = m;
        }
        return m;
    }

    /**
     * A per-file result shared by the rules that need it (e.g. FT601 and FT602 both use the global-state analysis),
     * computed once.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            Object prev = memo.putIfAbsent(key, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
    }

    public InitContext initContext() {
        InitContext c = initContext;
        if (c == null) {
            c = InitContext.of(this);
            initContext = c;
        }
        return c;
    }

    /**
     * True when token {@code i} is inside a C++ lambda. A lambda written in a module init body (the usual pybind11
     * {@code m.def("f", [](...) { ... })}) runs later, at call time, so it is not init context.
     */
    public boolean inLambda(int token) {
        int[] ranges = memo("lambdas", () -> {
            List<Node> lambdas = tree.root().descendantsOfType("lambda_expression");
            int[] r = new int[lambdas.size() * 2];
            for (int k = 0; k < lambdas.size(); k++) {
                r[2 * k] = tokens.firstAtOrAfter(lambdas.get(k).startOffset());
                r[2 * k + 1] = tokens.firstAtOrAfter(lambdas.get(k).endOffset()) - 1;
            }
            return r;
        });
        for (int k = 0; k < ranges.length; k += 2) {
            if (token >= ranges[k] && token <= ranges[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /** True when token {@code i} of function {@code f} runs only during module init, exec or teardown. */
    public boolean runsAtInit(FunctionInfo f, int token) {
        return initContext().isInit(f.name()) && !inLambda(token);
    }

    /** True when the call at {@code c} is {@code x.name(...)}, {@code x->name(...)} or {@code ns::name(...)}. */
    public boolean isMemberCall(CallSite c) {
        int p = c.nameToken() - 1;
        return tokens.is(p, ".") || tokens.is(p, "->") || tokens.is(p, "::");
    }

    /** All calls in the body of {@code f} with one of {@code names}. */
    public List<CallSite> callsNamed(FunctionInfo f, Set<String> names) {
        List<CallSite> out = new ArrayList<>();
        for (CallSite c : f.calls()) {
            if (names.contains(c.name()) && !isMemberCall(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private void scan() {
        int n = tree.size();
        List<Node> openPrototypes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = tree.node(i);
            switch (node.type()) {
                case "function_definition" -> {
                    addFunction(node, node.field("declarator"), node.field("body"));
                    openPrototypes.clear();
                }
                case "struct_specifier" -> addStruct(node);
                case "declaration" -> {
                    if (isFileScope(node) && !inBlockOfUnparsedCode(node)) {
                        addGlobal(node);
                        if (!node.text().endsWith(";") && node.field("declarator") != null
                                && TypeText.findFunctionDeclarator(node.field("declarator")) != null) {
                            openPrototypes.add(node);
                        }
                    }
                }
                case "compound_statement" -> {
                    // "#if A / T f(void) / #else / T g(void) / #endif / { body }": the body stands alone
                    Node parent = node.parent();
                    if (!openPrototypes.isEmpty() && parent != null && !parent.is("function_definition")
                            && isFileScope(node)) {
                        for (Node proto : openPrototypes) {
                            addFunction(proto, proto.field("declarator"), node);
                        }
                        openPrototypes.clear();
                    }
                }
                default -> {
                }
            }
        }
        addTokenLevelFunctions();
        addUnparsedRegions();
    }

    /** Lines [first, last] of code outside any function that tree-sitter could not read and that holds calls. */
    public record ParseError(int firstLine, int lastLine) {}

    private final List<ParseError> parseErrors = new ArrayList<>();

    /** The regions of the file the parser could not read; rules see their calls through a token-level fallback. */
    public List<ParseError> parseErrors() {
        return parseErrors;
    }

    /**
     * Token-level fallback for code the parser could not read ({@code #define BEGIN {} brace macros, an unterminated
     * string): each run of tokens inside a top-level ERROR node and outside every function body becomes a pseudo
     * function, so call-based rules still see the calls in it.
     */
    private void addUnparsedRegions() {
        if (!tree.root().isError() && !hasErrorNode()) {
            return;
        }
        List<int[]> regions = new ArrayList<>();
        for (int k = 0; k < tree.size(); k++) {
            Node n = tree.node(k);
            if (!n.isError() || n.parent() != null && n.parent().isError() || n.endOffset() <= n.startOffset()) {
                continue;
            }
            boolean inside = false;
            for (Node p = n.parent(); p != null && !inside; p = p.parent()) {
                inside = p.isError() || p.is("function_definition");
            }
            if (inside) {
                continue;
            }
            regions.add(new int[] {n.startOffset(), n.endOffset()});
        }
        java.util.BitSet covered = new java.util.BitSet(tokens.size());
        for (FunctionInfo f : functions) {
            covered.set(f.bodyOpen(), Math.max(f.bodyOpen(), f.bodyClose() + 1));
        }
        for (int[] r : regions) {
            int from = tokens.firstAtOrAfter(r[0]);
            int to = tokens.firstAtOrAfter(r[1]) - 1;
            int runStart = -1;
            for (int i = from; i <= to + 1; i++) {
                boolean free = i <= to && !covered.get(i);
                if (free && runStart < 0) {
                    runStart = i;
                } else if (!free && runStart >= 0) {
                    addPseudoFunction(runStart, i - 1);
                    runStart = -1;
                }
            }
        }
    }

    private boolean hasErrorNode() {
        for (int k = 0; k < tree.size(); k++) {
            if (tree.node(k).isError()) {
                return true;
            }
        }
        return false;
    }

    private void addPseudoFunction(int first, int last) {
        // bodyOpen is first - 1 and must be a real token index: a region starting at the file's first token loses it
        first = Math.max(1, first);
        if (last < first) {
            return;
        }
        List<CallSite> calls = new ArrayList<>(CallFinder.calls(tokens, first, last));
        // a known function's own signature (its name token) is not a call
        calls.removeIf(c -> functionsByName.getOrDefault(c.name(), List.of()).stream()
                .anyMatch(f -> f.nameNode().startOffset() == tokens.start(c.nameToken())));
        if (calls.isEmpty()) {
            return;
        }
        Node at = leafAt(tokens.start(first));
        if (at == null) {
            return;
        }
        int firstLine = tree.lineOf(tokens.start(first));
        int lastLine = tree.lineOf(tokens.start(last));
        parseErrors.add(new ParseError(firstLine, lastLine));
        String name = "<unparsed lines " + firstLine + "-" + lastLine + ">";
        FunctionInfo f = new FunctionInfo(at, name, at, true, "", List.of(), first - 1, last + 1, calls, Map.of());
        functions.add(f);
        functionsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
    }

    /**
     * Functions the tree does not show, found from the tokens. Module init functions: a signature split across
     * {@code #if} branches with a brace in each ({@code PyMODINIT_FUNC PyInit_x(void) { #else ... #endif}), an export
     * macro in front of {@code PyMODINIT_FUNC}, a {@code PyObject *PyInit_x(void)} that tree-sitter folds into a
     * neighbouring declaration: {@code PyInit_<name>(...)} outside every known body, followed (after at most one
     * alternative prototype of another branch) by a body. Any other function when the parse went wrong around it
     * (an unterminated string swallowed its signature, {@code #define BEGIN {} brace macros): {@code name(...)}
     * directly followed by {@code {} or a brace macro, outside every known body.
     */
    private void addTokenLevelFunctions() {
        java.util.Set<String> openMacros = braceMacros("{");
        java.util.Set<String> closeMacros = braceMacros("}");
        java.util.Set<Integer> bodies = new HashSet<>();
        java.util.BitSet inBody = new java.util.BitSet(tokens.size());
        for (FunctionInfo f : functions) {
            bodies.add(f.bodyOpen());
            inBody.set(f.bodyOpen() + 1, Math.max(f.bodyOpen() + 1, f.bodyClose() + 1));
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.isIdent(i) || !tokens.is(i + 1, "(") || inBody.get(i)
                    || functionsByName.containsKey(tokens.text(i))) {
                continue;
            }
            String name = tokens.text(i);
            boolean init = name.startsWith("PyInit_") && name.length() > "PyInit_".length();
            int close = tokens.match(i + 1);
            if (close < 0) {
                continue;
            }
            int open = -1;
            if (init) {
                for (int j = close + 1; j < tokens.size() && j < close + 24; j++) {
                    if (tokens.is(j, "{") || openMacros.contains(tokens.text(j))) {
                        open = j;
                        break;
                    }
                    if (tokens.is(j, ";") || tokens.is(j, "=") || tokens.is(j, "}") || tokens.is(j, ",")) {
                        break;
                    }
                    if (tokens.is(j, "(")) {
                        int m = tokens.match(j);
                        if (m < 0) {
                            break;
                        }
                        j = m;
                    }
                }
            } else if ((tokens.is(close + 1, "{") || tokens.isIdent(close + 1)
                    && openMacros.contains(tokens.text(close + 1))) && looksLikeSignature(i)) {
                open = close + 1;
            }
            if (open < 0 || bodies.contains(open) && !init) {
                continue;
            }
            if (bodies.contains(open)) {
                // the Python 2 twin (init<name>) got the shared body from the tree: it is this module's init
                for (FunctionInfo old : List.copyOf(functions)) {
                    if (old.bodyOpen() == open) {
                        functions.remove(old);
                        functionsByName.get(old.name()).remove(old);
                        if (functionsByName.get(old.name()).isEmpty()) {
                            functionsByName.remove(old.name());
                        }
                    }
                }
            }
            int bodyClose = tokens.is(open, "{") && openMacros.isEmpty() ? tokens.match(open)
                    : closingBrace(open, openMacros, closeMacros);
            if (bodyClose < 0) {
                bodyClose = tokens.size() - 1;
            }
            Node nameNode = leafAt(tokens.start(i));
            if (nameNode == null) {
                continue;
            }
            List<CallSite> calls = CallFinder.calls(tokens, open + 1, bodyClose - 1);
            FunctionInfo f = new FunctionInfo(nameNode, name, nameNode, !init, init ? "PyMODINIT_FUNC" : "",
                    List.of(), open, bodyClose, calls, Map.of());
            functions.add(f);
            functionsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
            bodies.add(open);
            inBody.set(open + 1, Math.max(open + 1, bodyClose + 1));
            if (!init) {
                tokenLevelFunctions.add(f);
            }
        }
    }

    /** Functions found by the token-level fallback after a bad parse (not the module init ones). */
    private final List<FunctionInfo> tokenLevelFunctions = new ArrayList<>();

    public List<FunctionInfo> tokenLevelFunctions() {
        return tokenLevelFunctions;
    }

    private static final java.util.Set<String> NOT_FUNCTIONS = java.util.Set.of("if", "while", "for", "switch",
            "return", "sizeof", "catch", "defined", "__attribute__", "alignof", "_Alignof", "decltype");

    /** {@code name(} preceded by a type ({@code int f(}, {@code T *f(}) or by nothing on its line. */
    private boolean looksLikeSignature(int i) {
        if (NOT_FUNCTIONS.contains(tokens.text(i)) || tokens.kind(i) != Tokens.IDENT) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        boolean lineStart = tree.lineOf(tokens.start(i - 1)) < tree.lineOf(tokens.start(i));
        return tokens.isIdent(i - 1) || tokens.is(i - 1, "*") || tokens.kind(i - 1) == Tokens.KEYWORD
                && !NOT_FUNCTIONS.contains(tokens.text(i - 1)) || lineStart && !tokens.is(i - 1, "=")
                && !tokens.is(i - 1, ",") && !tokens.is(i - 1, "(");
    }

    /**
     * Names of object-like macros whose whole body is {@code brace} ({@code #define BEGIN {}), found by one scan for
     * "define" rather than a multi-line regex, which tries every position of the file.
     */
    private java.util.Set<String> braceMacros(String brace) {
        java.util.Set<String> out = new HashSet<>();
        String src = tree.source();
        char want = brace.charAt(0);
        for (int at = src.indexOf("define"); at >= 0; at = src.indexOf("define", at + 6)) {
            int k = at - 1;
            while (k >= 0 && (src.charAt(k) == ' ' || src.charAt(k) == '\t')) {
                k--;
            }
            if (k < 0 || src.charAt(k) != '#') {
                continue;
            }
            k--;
            while (k >= 0 && (src.charAt(k) == ' ' || src.charAt(k) == '\t')) {
                k--;
            }
            if (k >= 0 && src.charAt(k) != '\n') {
                continue; // "#" must start its line
            }
            int i = at + 6;
            int n = src.length();
            int ws = i;
            while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
            if (i == ws || nameStart == i || Character.isDigit(src.charAt(nameStart)) || i >= n
                    || src.charAt(i) != ' ' && src.charAt(i) != '\t') {
                continue; // no name, or a function-like macro
            }
            String name = src.substring(nameStart, i);
            while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n || src.charAt(i) != want) {
                continue;
            }
            i++;
            while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\r')) {
                i++;
            }
            if (i >= n || src.charAt(i) == '\n' || src.startsWith("//", i) || src.startsWith("/*", i)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The token closing the body opened at {@code open}, counting braces and brace macros. */
    private int closingBrace(int open, java.util.Set<String> openMacros, java.util.Set<String> closeMacros) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.is(j, "{") || tokens.isIdent(j) && openMacros.contains(tokens.text(j))) {
                depth++;
            } else if (tokens.is(j, "}") || tokens.isIdent(j) && closeMacros.contains(tokens.text(j))) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    private Node leafAt(int offset) {
        for (int k = 0; k < tree.size(); k++) {
            Node n = tree.node(k);
            if (n.startOffset() == offset && n.childCount() == 0) {
                return n;
            }
        }
        return null;
    }

    /**
     * A declaration the tree puts at file scope though it is inside a block: after an error region tree-sitter
     * resumes at statement level, so in a file with errors the tokens' block depth decides.
     */
    private boolean inBlockOfUnparsedCode(Node node) {
        if (hasErrors == null) {
            hasErrors = tree.root().isError() || hasErrorNode();
        }
        return hasErrors && tokens.blockDepthAt(node.startOffset()) > 0;
    }

    /** A declaration outside any function body (preprocessor blocks, extern "C", namespaces allowed). */
    static boolean isFileScope(Node node) {
        for (Node p = node.parent(); p != null; p = p.parent()) {
            switch (p.type()) {
                case "function_definition", "compound_statement", "struct_specifier", "class_specifier",
                        "union_specifier", "parameter_list", "lambda_expression" -> {
                    if (p.is("compound_statement") && p.parent() != null && p.parent().is("declaration_list")) {
                        continue;
                    }
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    private void addFunction(Node def, Node declarator, Node body) {
        Node fdecl = declarator == null ? null : TypeText.findFunctionDeclarator(declarator);
        if (fdecl == null || body == null) {
            return;
        }
        Node nameNode = TypeText.declaredName(fdecl.field("declarator"));
        if (nameNode == null || NOT_FUNCTIONS.contains(nameNode.text())) {
            return; // error recovery can read "while (x) {" as a function definition
        }
        String name = nameNode.text();
        int colon = name.lastIndexOf("::");
        if (colon >= 0) {
            name = name.substring(colon + 2);
        }
        boolean isStatic = false;
        for (Node c : def.children()) {
            if (c.is("storage_class_specifier") && c.textEquals("static")) {
                isStatic = true;
            }
        }
        String returnType = TypeText.typeOf(def, declarator, fdecl);
        List<FunctionInfo.Param> params = new ArrayList<>();
        Node plist = fdecl.field("parameters");
        if (plist != null) {
            for (Node p : plist.namedChildren()) {
                if (!p.is("parameter_declaration") && !p.is("optional_parameter_declaration")) {
                    continue;
                }
                Node pd = p.field("declarator");
                Node pn = pd == null ? null : TypeText.declaredName(pd);
                String ptype = TypeText.typeOf(p, pd, pn);
                if (pn == null && ptype.equals("void")) {
                    continue;
                }
                params.add(new FunctionInfo.Param(pn == null ? null : pn.text(), ptype));
            }
        }
        int open = tokens.firstAtOrAfter(body.startOffset());
        if (open >= tokens.size() || !tokens.is(open, "{")) {
            return;
        }
        int close = tokens.match(open);
        if (close < 0) {
            close = tokens.firstAtOrAfter(body.endOffset()) - 1;
        }
        List<CallSite> calls = CallFinder.calls(tokens, open + 1, close - 1);
        Map<String, String> locals = new HashMap<>();
        for (Node d : body.descendantsOfType("declaration")) {
            for (Node decl : d.fields("declarator")) {
                Node dn = TypeText.declaredName(decl);
                if (dn != null && !TypeText.isFunctionDeclarator(decl)) {
                    locals.putIfAbsent(dn.text(), TypeText.typeOf(d, decl, dn));
                }
            }
        }
        FunctionInfo f = new FunctionInfo(def, name, nameNode, isStatic, returnType, List.copyOf(params), open, close,
                calls, locals);
        functions.add(f);
        functionsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
    }

    private void addStruct(Node struct) {
        Node body = struct.field("body");
        if (body == null) {
            return;
        }
        boolean first = true;
        boolean isObject = false;
        for (Node member : body.namedChildren()) {
            if (member.is("comment") || member.type().startsWith("preproc")) {
                if (first && member.type().startsWith("preproc")) {
                    // PyObject_HEAD may sit behind an #if; look inside.
                    isObject |= member.text().contains("PyObject_HEAD") && member.text().indexOf("PyObject_HEAD") < 80;
                }
                continue;
            }
            String text = member.text();
            if (first) {
                isObject |= text.startsWith("PyObject_HEAD") || text.startsWith("PyObject_VAR_HEAD")
                        || text.matches("(?s)(PyObject|PyVarObject|Py\\w*Object)\\s+\\w+\\s*;.*")
                        || text.startsWith("PyException_HEAD");
                first = false;
            }
            if (member.is("field_declaration")) {
                for (Node decl : member.fields("declarator")) {
                    Node dn = TypeText.declaredName(decl);
                    if (dn == null) {
                        continue;
                    }
                    String type = TypeText.typeOf(member, decl, dn);
                    if (type.startsWith("PyObject_HEAD") || type.startsWith("PyObject_VAR_HEAD")) {
                        // "PyObject_HEAD char *buffer;" parses as one member typed PyObject_HEAD: read the real
                        // type from the text between the macro and the name
                        int at = text.lastIndexOf(dn.text());
                        String head = type.startsWith("PyObject_VAR_HEAD") ? "PyObject_VAR_HEAD" : "PyObject_HEAD";
                        type = at > head.length() ? text.substring(head.length(), at).replaceAll("\\s+", " ").trim()
                                : type;
                        type = type.replaceAll("\\s*\\*", " *").replaceAll("\\* \\*", "**").trim();
                    }
                    String prev = fieldTypes.putIfAbsent(dn.text(), type);
                    if (prev != null && !TypeText.sameKind(prev, type)) {
                        ambiguousFields.add(dn.text());
                    }
                }
            }
        }
        Node structName = struct.field("name");
        if (structName != null) {
            definedStructs.add(structName.text());
        }
        Node typedef = struct.parent();
        if (typedef != null && typedef.is("type_definition")) {
            for (Node d : typedef.fields("declarator")) {
                Node dn = TypeText.declaredName(d);
                if (dn != null) {
                    definedStructs.add(dn.text());
                }
            }
        }
        if (isObject) {
            Node name = struct.field("name");
            if (name != null) {
                objectTypes.add(name.text());
            }
            Node parent = struct.parent();
            if (parent != null && parent.is("type_definition")) {
                for (Node d : parent.fields("declarator")) {
                    Node dn = TypeText.declaredName(d);
                    if (dn != null) {
                        objectTypes.add(dn.text());
                    }
                }
            }
        }
    }

    private void addGlobal(Node decl) {
        boolean isStatic = false;
        boolean isExtern = false;
        for (Node c : decl.children()) {
            if (c.is("storage_class_specifier")) {
                isStatic |= c.textEquals("static");
                isExtern |= c.textEquals("extern");
            }
        }
        for (Node d : decl.fields("declarator")) {
            if (TypeText.isFunctionDeclarator(d)) {
                continue;
            }
            Node dn = TypeText.declaredName(d);
            if (dn == null) {
                continue;
            }
            String type = TypeText.typeOf(decl, d, dn);
            globals.putIfAbsent(dn.text(), new GlobalVar(dn.text(), decl, dn, type, decl.text(), isStatic, isExtern));
        }
    }
}
