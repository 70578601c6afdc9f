// Generates the C-API bindings from the declarations in capi-headers/ (run as a single-file Java program by
// native-bridge/Makefile; see docs/capi-abi.md):
//   gen/trampolines.c      exported C entry points that jump through ftb_upcall_table[], "missing" stubs that
//                          raise SystemError naming the function, storage for data symbols, ftb_install()
//   gen/capi-functions.txt every declared function with how it is served (upcall, native, native-missing)
//   gen/capi-headers.txt   every declared function and data symbol with its header (for tools/check-placement.awk)
//   <java>/dev/ftcheck/runtime/capi/gen/CApiTable.java  the slot table the Java runtime binds upcalls into
// A function is "native" when the already-compiled bridge objects define it (their symbol list is an input), so
// nothing has to be listed twice.
//
// Usage: java GenerateBindings.java HEADERS_DIR NATIVE_SYMBOLS_FILE C_OUT_DIR JAVA_OUT_DIR

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class GenerateBindings {

    /** How a C type travels across the upcall boundary (contract: x86-64 SysV register classes). */
    enum Carrier {
        VOID("void", "void", null, "NONE"),
        INT("int32_t", "int", "JAVA_INT", "MINUS_ONE"),
        LONG("int64_t", "long", "JAVA_LONG", "MINUS_ONE"),
        POINTER("intptr_t", "long", "JAVA_LONG", "NULL_POINTER"),
        DOUBLE("double", "double", "JAVA_DOUBLE", "MINUS_ONE"),
        FLOAT("float", "float", "JAVA_FLOAT", "MINUS_ONE");

        final String cType;
        final String javaType;
        final String layout;
        final String errorValue;

        Carrier(String cType, String javaType, String layout, String errorValue) {
            this.cType = cType;
            this.javaType = javaType;
            this.layout = layout;
            this.errorValue = errorValue;
        }

        String cError() {
            return switch (this) {
                case VOID -> "";
                case INT, LONG -> "-1";
                case POINTER -> "0";
                case DOUBLE -> "-1.0";
                case FLOAT -> "-1.0f";
            };
        }
    }

    record Param(String declaration, Carrier carrier) {}

    record Function(String name, String returnType, Carrier returns, List<Param> params, boolean variadic,
            boolean vaList, boolean noReturn, String header) {
        boolean upcallable() {
            return !variadic && !vaList && !noReturn;
        }

        String signature() {
            List<String> ps = new ArrayList<>();
            for (Param p : params) {
                ps.add(p.declaration());
            }
            if (variadic) {
                ps.add("...");
            }
            return returnType + " " + name + "(" + (ps.isEmpty() ? "void" : String.join(", ", ps)) + ")";
        }
    }

    record Data(String name, String type, boolean array, String header) {}

    private static final Map<String, Carrier> BASE_TYPES = new HashMap<>();

    static {
        for (String t : List.of("int", "unsigned int", "unsigned", "signed int", "char", "signed char", "unsigned char",
                "short", "unsigned short", "int32_t", "uint32_t", "int16_t", "uint16_t", "int8_t", "uint8_t",
                "Py_UCS4", "Py_UCS2", "Py_UCS1", "_Bool", "bool", "pthread_key_t")) {
            BASE_TYPES.put(t, Carrier.INT);
        }
        for (String t : List.of("long", "unsigned long", "long int", "unsigned long int", "long long",
                "unsigned long long", "size_t", "ssize_t", "Py_ssize_t", "Py_hash_t", "Py_uhash_t", "int64_t",
                "uint64_t", "intptr_t", "uintptr_t", "off_t", "time_t")) {
            BASE_TYPES.put(t, Carrier.LONG);
        }
        BASE_TYPES.put("double", Carrier.DOUBLE);
        BASE_TYPES.put("float", Carrier.FLOAT);
        BASE_TYPES.put("void", Carrier.VOID);
    }

    private static final Set<String> C_KEYWORDS = Set.of("const", "volatile", "restrict", "unsigned", "signed",
            "int", "long", "short", "char", "void", "double", "float", "struct", "enum", "union", "_Bool");

    private final Map<String, Carrier> typedefs = new HashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Data> data = new LinkedHashMap<>();
    /** Function-pointer and sized-array data (PyAPI_DATA(int) (*PyOS_InputHook)(void)) by name, with its header. */
    private final Map<String, String> otherData = new LinkedHashMap<>();
    /** Symbols the bridge's C defines; read before parsing so their signatures need no carriers. */
    private final Set<String> natives = new TreeSet<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java GenerateBindings.java HEADERS_DIR NATIVE_SYMBOLS_FILE C_OUT_DIR JAVA_OUT_DIR");
            System.exit(2);
        }
        try {
            new GenerateBindings().run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        } catch (IllegalStateException e) {
            System.err.println("GenerateBindings: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(Path headers, Path nativeSymbols, Path cOut, Path javaOut) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(headers)) {
            files = s.filter(p -> p.toString().endsWith(".h"))
                    .filter(p -> !headers.relativize(p).startsWith("internal"))
                    .sorted().toList();
        }
        Map<Path, String> cleaned = new LinkedHashMap<>();
        for (Path f : files) {
            cleaned.put(f, clean(Files.readString(f)));
        }
        for (String text : cleaned.values()) {
            collectTypedefs(text);
        }
        for (String line : Files.readAllLines(nativeSymbols)) {
            String s = line.trim();
            if (!s.isEmpty()) {
                natives.add(s);
            }
        }
        for (Map.Entry<Path, String> e : cleaned.entrySet()) {
            parseDeclarations(e.getValue(), headers.relativize(e.getKey()).toString());
        }
        List<Function> upcalls = new ArrayList<>();
        List<Function> nativeMissing = new ArrayList<>();
        for (Function f : functions.values()) {
            if (natives.contains(f.name())) {
                continue;
            }
            if (f.upcallable()) {
                upcalls.add(f);
            } else if (f.noReturn()) {
                throw new IllegalStateException(f.name() + " (" + f.header() + ") does not return, so it cannot be an"
                        + " upcall: implement it in " + nativeFile(f.header()));
            } else {
                nativeMissing.add(f);
            }
        }
        Files.createDirectories(cOut);
        Files.writeString(cOut.resolve("trampolines.c"), trampolines(upcalls, nativeMissing, natives));
        Files.writeString(cOut.resolve("capi-functions.txt"), functionList(natives, upcalls));
        Files.writeString(cOut.resolve("capi-headers.txt"), headerList());
        Path javaFile = javaOut.resolve("dev/ftcheck/runtime/capi/gen/CApiTable.java");
        Files.createDirectories(javaFile.getParent());
        Files.writeString(javaFile, javaTable(upcalls, natives, nativeMissing));
        System.out.printf("GenerateBindings: %d functions (%d upcall slots, %d native, %d native-only not yet"
                + " implemented), %d data symbols%n", functions.size(), upcalls.size(),
                functions.size() - upcalls.size() - nativeMissing.size(), nativeMissing.size(), data.size());
    }

    // ---- parsing ----

    /** Removes comments and preprocessor lines (with continuations) and joins the rest. */
    static String clean(String text) {
        String noBlock = text.replaceAll("(?s)/\\*.*?\\*/", " ");
        StringBuilder out = new StringBuilder();
        boolean continuing = false;
        for (String line : noBlock.split("\n", -1)) {
            String l = line.replaceAll("//.*$", "");
            boolean directive = continuing || l.stripLeading().startsWith("#");
            continuing = directive && l.endsWith("\\");
            if (!directive) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    private static final Pattern FN_POINTER_TYPEDEF = Pattern.compile("typedef\\s+[^;{}]*?\\(\\s*\\*\\s*(\\w+)\\s*\\)\\s*\\([^;]*\\)\\s*;");
    private static final Pattern ENUM_TYPEDEF = Pattern.compile("typedef\\s+enum\\s*\\w*\\s*\\{[^}]*\\}\\s*(\\w+)\\s*;");
    private static final Pattern SIMPLE_TYPEDEF = Pattern.compile("typedef\\s+([\\w\\s\\*]+?)\\s*\\b(\\w+)\\s*;");

    void collectTypedefs(String text) {
        Matcher m = FN_POINTER_TYPEDEF.matcher(text);
        while (m.find()) {
            typedefs.put(m.group(1), Carrier.POINTER);
        }
        m = ENUM_TYPEDEF.matcher(text);
        while (m.find()) {
            typedefs.put(m.group(1), Carrier.INT);
        }
        m = SIMPLE_TYPEDEF.matcher(text);
        while (m.find()) {
            String target = m.group(1).trim();
            if (target.startsWith("struct") || target.startsWith("union")) {
                continue; // struct names are only usable through pointers
            }
            if (target.contains("*")) {
                typedefs.put(m.group(2), Carrier.POINTER);
            } else if (BASE_TYPES.containsKey(normalize(target))) {
                typedefs.put(m.group(2), BASE_TYPES.get(normalize(target)));
            } else if (typedefs.containsKey(normalize(target))) {
                typedefs.put(m.group(2), typedefs.get(normalize(target))); // alias of an earlier typedef
            }
        }
    }

    private static final Pattern API_FUNC = Pattern.compile("PyAPI_FUNC\\s*\\(");
    private static final Pattern API_DATA_POINTER = Pattern.compile("PyAPI_DATA\\s*\\([^)]*\\)\\s*\\*?\\s*\\(\\s*\\*\\s*(\\w+)\\s*\\)\\s*\\(");
    private static final Pattern API_DATA_SIZED = Pattern.compile("PyAPI_DATA\\s*\\([^)]*\\)\\s*(\\w+)\\s*\\[[^\\]]+\\]\\s*;");
    private static final Pattern API_DATA = Pattern.compile("PyAPI_DATA\\s*\\(([^)]*)\\)\\s*(\\w+)\\s*(\\[\\s*\\])?\\s*;");

    void parseDeclarations(String text, String header) {
        Matcher m = API_FUNC.matcher(text);
        while (m.find()) {
            int retEnd = matchParen(text, m.end() - 1);
            String returnType = text.substring(m.end(), retEnd).trim();
            int i = retEnd + 1;
            Matcher name = Pattern.compile("\\s*(\\w+)\\s*\\(").matcher(text).region(i, text.length());
            if (!name.lookingAt()) {
                throw new IllegalStateException(header + ": cannot read the name after PyAPI_FUNC(" + returnType + ")");
            }
            String fname = name.group(1);
            int paramsEnd = matchParen(text, name.end() - 1);
            String params = text.substring(name.end(), paramsEnd).replaceAll("\\s+", " ").trim();
            int semi = text.indexOf(';', paramsEnd);
            String tail = text.substring(paramsEnd + 1, semi);
            boolean noReturn = tail.contains("noreturn") || tail.contains("_Py_NO_RETURN") || returnType.contains("_Py_NO_RETURN");
            if (!tail.replaceAll("__attribute__\\s*\\(\\(.*\\)\\)", "").replace("_Py_NO_RETURN", "").isBlank()) {
                throw new IllegalStateException(header + ": unexpected text after " + fname + "(...): " + tail.trim());
            }
            if (functions.containsKey(fname)) {
                throw new IllegalStateException(fname + " is declared twice (" + functions.get(fname).header()
                        + " and " + header + "); declare each function exactly once");
            }
            functions.put(fname, function(fname, returnType.replace("_Py_NO_RETURN", "").trim(), params, noReturn, header));
        }
        for (Pattern p : List.of(API_DATA_POINTER, API_DATA_SIZED)) {
            m = p.matcher(text);
            while (m.find()) {
                otherData.put(m.group(1), header); // defined natively only: no table entry, no generated storage
            }
        }
        m = API_DATA.matcher(text);
        while (m.find()) {
            String type = m.group(1).trim();
            if (type.equals("RTYPE")) {
                continue;
            }
            String dname = m.group(2);
            if (data.containsKey(dname)) {
                throw new IllegalStateException(dname + " is declared twice");
            }
            data.put(dname, new Data(dname, type, m.group(3) != null, header));
        }
    }

    /** Where the bridge's C defines a symbol declared in header (docs/capi-abi.md; tools/check-placement.awk). */
    static String nativeFile(String header) {
        String base = header.substring(header.lastIndexOf('/') + 1).replaceFirst("\\.h$", "");
        return "native-bridge/src/ftb_" + base + ".c";
    }

    private static int matchParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("unbalanced parentheses near: " + text.substring(open, Math.min(text.length(), open + 80)));
    }

    Function function(String name, String returnType, String params, boolean noReturn, String header) {
        boolean isNative = natives.contains(name);
        Carrier ret = carrierFor(returnType, name + " return type", isNative);
        List<Param> ps = new ArrayList<>();
        boolean variadic = false;
        boolean vaList = false;
        if (!params.isEmpty() && !params.equals("void")) {
            List<String> parts = splitTopLevel(params);
            for (int i = 0; i < parts.size(); i++) {
                String p = parts.get(i).trim();
                if (p.equals("...")) {
                    variadic = true;
                    continue;
                }
                if (p.matches("(const\\s+)?va_list(\\s+\\w+)?")) {
                    vaList = true;
                    ps.add(new Param(renameDeclarator(p, "a" + i), Carrier.POINTER));
                    continue;
                }
                String decl = renameDeclarator(p, "a" + i);
                Carrier c = decl.contains("*") || decl.contains("[") ? Carrier.POINTER
                        : carrierFor(decl.substring(0, decl.length() - ("a" + i).length()).trim(),
                                name + " parameter " + (i + 1), isNative);
                if (c == Carrier.VOID) {
                    throw new IllegalStateException(name + ": parameter " + (i + 1) + " has type void");
                }
                ps.add(new Param(decl, c));
            }
        }
        return new Function(name, returnType, ret, List.copyOf(ps), variadic, vaList, noReturn, header);
    }

    /** Splits a parameter list at commas that are not inside parentheses (function-pointer parameters). */
    static List<String> splitTopLevel(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i));
                start = i + 1;
            }
        }
        out.add(params.substring(start));
        return out;
    }

    private static final Pattern FN_POINTER_PARAM = Pattern.compile("\\(\\s*\\*\\s*(\\w*)\\s*\\)");
    private static final Pattern TRAILING_IDENT = Pattern.compile("(\\w+)\\s*(\\[\\s*\\d*\\s*\\])?\\s*$");

    /** The parameter declaration with its name replaced by (or, when unnamed, given) {@code newName}. */
    static String renameDeclarator(String p, String newName) {
        Matcher fp = FN_POINTER_PARAM.matcher(p);
        if (fp.find()) {
            return p.substring(0, fp.start()) + "(*" + newName + ")" + p.substring(fp.end());
        }
        Matcher t = TRAILING_IDENT.matcher(p);
        if (t.find()) {
            String ident = t.group(1);
            String before = p.substring(0, t.start()).trim();
            boolean isName = !before.isEmpty() && !C_KEYWORDS.contains(ident)
                    && !(before.matches("(const\\s+)?(unsigned|signed)") && BASE_TYPES.containsKey(before + " " + ident));
            if (isName) {
                String array = t.group(2) == null ? "" : "[]";
                return array.isEmpty() ? before + " " + newName : before + " *" + newName;
            }
        }
        return p + " " + newName;
    }

    static String normalize(String type) {
        return type.replaceAll("\\b(const|volatile|struct|enum)\\b", " ").replaceAll("\\s+", " ").trim();
    }

    /** A native function never crosses into Java, so a struct-by-value type (PyStatus, Py_complex) is fine there:
     *  it gets no carrier. Anywhere else such a type stops the build. */
    private Carrier carrierFor(String type, String where, boolean isNative) {
        try {
            return carrierOf(type, where);
        } catch (IllegalStateException e) {
            if (isNative) {
                return null;
            }
            throw e;
        }
    }

    Carrier carrierOf(String type, String where) {
        if (type.contains("*") || type.contains("[") || type.contains("(")) {
            return Carrier.POINTER;
        }
        String n = normalize(type);
        Carrier c = BASE_TYPES.get(n);
        if (c == null) {
            c = typedefs.get(n);
        }
        if (c == null) {
            throw new IllegalStateException(where + ": type '" + type + "' has no upcall mapping (structs by value are"
                    + " not allowed in upcalls: implement the function in native-bridge/src; add integer typedefs to GenerateBindings.BASE_TYPES)");
        }
        return c;
    }

    // ---- output ----

    private static final String GENERATED = "Generated by native-bridge/tools/GenerateBindings.java from capi-headers/. Do not edit.";

    String trampolines(List<Function> upcalls, List<Function> nativeMissing, Set<String> natives) {
        StringBuilder c = new StringBuilder();
        c.append("/* ").append(GENERATED).append(" */\n");
        c.append("#include \"Python.h\"\n#include \"internal/ftbridge.h\"\n#include \"bridge_checked.h\"\n\n/* Type objects start as bare immortal headers; the runtime fills in the rest. */\n#pragma GCC diagnostic ignored \"-Wmissing-field-initializers\"\n\n");
        c.append("#define FTB_UPCALL_COUNT ").append(upcalls.size()).append("\n\n");
        c.append("/* ---- stubs that report an unimplemented function: SystemError naming it, then the error value ---- */\n");
        for (int i = 0; i < upcalls.size(); i++) {
            Function f = upcalls.get(i);
            c.append("static ").append(f.returns().cType).append(" ftb_missing_").append(i).append('(')
                    .append(carrierParams(f)).append(")\n{\n    ftb_report_missing(\"").append(f.name()).append("\");\n");
            if (f.returns() != Carrier.VOID) {
                c.append("    return ").append(f.returns().cError()).append(";\n");
            }
            c.append("}\n");
        }
        c.append("\nstatic void *const ftb_missing_stubs[FTB_UPCALL_COUNT > 0 ? FTB_UPCALL_COUNT : 1] = {\n");
        for (int i = 0; i < upcalls.size(); i++) {
            c.append("    (void *)ftb_missing_").append(i).append(",\n");
        }
        c.append("};\n\n");
        c.append("/* Slot i holds the upcall stub for function i of CApiTable, or its missing stub. */\n");
        c.append("__attribute__((visibility(\"hidden\"))) void *ftb_upcall_table[FTB_UPCALL_COUNT > 0 ? FTB_UPCALL_COUNT : 1] = {\n");
        for (int i = 0; i < upcalls.size(); i++) {
            c.append("    (void *)ftb_missing_").append(i).append(",\n");
        }
        c.append("};\n\n");
        c.append("""
                __attribute__((visibility("default"))) int ftb_upcall_count(void)
                {
                    return FTB_UPCALL_COUNT;
                }

                /* Installs fn in slot index (NULL restores the missing stub). Returns 0, or -1 for a bad index. */
                __attribute__((visibility("default"))) int ftb_install(int index, void *fn)
                {
                    if (index < 0 || index >= FTB_UPCALL_COUNT) {
                        return -1;
                    }
                    __atomic_store_n(&ftb_upcall_table[index], fn != NULL ? fn : ftb_missing_stubs[index], __ATOMIC_RELEASE);
                    return 0;
                }

                """);
        c.append("/* ---- exported entry points: each forwards to its slot ---- */\n");
        for (int i = 0; i < upcalls.size(); i++) {
            Function f = upcalls.get(i);
            c.append("#undef ").append(f.name()).append('\n');
            c.append(f.returnType()).append(" (").append(f.name()).append(")(")
                    .append(declaredParams(f)).append(")\n{\n");
            String call = "((" + f.returns().cType + " (*)(" + carrierTypes(f) + "))__atomic_load_n(&ftb_upcall_table["
                    + i + "], __ATOMIC_ACQUIRE))(" + carrierArgs(f) + ")";
            c.append(checkedPath(f, call));
            if (f.returns() == Carrier.VOID) {
                c.append("    ").append(call).append(";\n");
            } else {
                c.append("    return (").append(f.returnType()).append(")").append(call).append(";\n");
            }
            c.append("}\n");
        }
        c.append("\n/* ---- variadic / va_list functions nobody implemented natively yet: they cannot be upcalls ---- */\n");
        for (Function f : nativeMissing) {
            c.append("#undef ").append(f.name()).append('\n');
            c.append(f.returnType()).append(" (").append(f.name()).append(")(").append(declaredParams(f));
            if (f.variadic()) {
                c.append(", ...");
            }
            c.append(")\n{\n    ftb_report_missing(\"").append(f.name()).append("\");\n");
            if (f.returns() != Carrier.VOID) {
                c.append("    return (").append(f.returnType()).append(")").append(f.returns().cError()).append(";\n");
            }
            c.append("}\n");
        }
        c.append("\n/* ---- data symbols not defined natively: immortal static storage the runtime fills in ---- */\n");
        for (Data d : data.values()) {
            if (natives.contains(d.name())) {
                continue;
            }
            switch (d.type()) {
                case "PyTypeObject" -> c.append("PyTypeObject ").append(d.name()).append(" = { PyVarObject_HEAD_INIT(NULL, 0) };\n");
                case "PyObject *" -> c.append("PyObject *").append(d.name()).append(";\n");
                case "PyObject" -> c.append("PyObject ").append(d.name())
                        .append(" = { 0, 0, { 0 }, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, NULL };\n");
                default -> throw new IllegalStateException("data symbol " + d.type() + " " + d.name() + " ("
                        + d.header() + ") must be defined natively in " + nativeFile(d.header()));
            }
        }
        return c.toString();
    }

    /** Entry points whose object argument is not an object yet (fresh storage being initialised): not checked. */
    private static final Set<String> UNCHECKED_ARGUMENTS = Set.of("PyObject_Init", "PyObject_InitVar",
            "_Py_NewReference", "_Py_NewReferenceNoTotal");

    private static final Pattern OBJECT_PARAM = Pattern.compile("(const )?PyObject \\* ?a\\d+");

    /**
     * Checked mode's path through an entry point (bridge_checked.h): the extension's call site becomes the current C
     * caller for the call's duration, and an argument that is a freed object is reported instead of used.
     */
    private static String checkedPath(Function f, String call) {
        StringBuilder c = new StringBuilder();
        c.append("    if (__builtin_expect(ftb_checked, 0)) {\n");
        c.append("        void *ftb_saved_caller = ftb_caller;\n");
        c.append("        ftb_caller = ftb_site(__builtin_frame_address(0));\n");
        String fail = f.returns() == Carrier.VOID ? "return" : "return (" + f.returnType() + ")" + f.returns().cError();
        boolean checkArguments = !UNCHECKED_ARGUMENTS.contains(f.name());
        for (int p = 0; p < f.params().size() && checkArguments; p++) {
            if (OBJECT_PARAM.matcher(f.params().get(p).declaration().trim()).matches()) {
                c.append("        FTB_CHECKED_ARG(a").append(p).append(", \"").append(f.name()).append("\", ")
                        .append(fail).append(");\n");
            }
        }
        StringBuilder after = new StringBuilder();
        for (int p = 0; p < f.params().size() && checkArguments; p++) {
            if (OBJECT_PARAM.matcher(f.params().get(p).declaration().trim()).matches()) {
                after.append("        FTB_CHECKED_AFTER(a").append(p).append(", \"").append(f.name()).append("\");\n");
            }
        }
        if (f.returns() == Carrier.VOID) {
            c.append("        ").append(call).append(";\n").append(after);
            c.append("        ftb_caller = ftb_saved_caller;\n        return;\n");
        } else {
            c.append("        ").append(f.returnType()).append(" ftb_result = (").append(f.returnType()).append(")")
                    .append(call).append(";\n").append(after);
            c.append("        ftb_caller = ftb_saved_caller;\n        return ftb_result;\n");
        }
        c.append("    }\n");
        return c.toString();
    }

    private static String declaredParams(Function f) {
        if (f.params().isEmpty()) {
            return f.variadic() ? "" : "void";
        }
        List<String> ps = new ArrayList<>();
        for (Param p : f.params()) {
            ps.add(p.declaration());
        }
        return String.join(", ", ps);
    }

    private static String carrierParams(Function f) {
        if (f.params().isEmpty()) {
            return "void";
        }
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            ps.add(f.params().get(i).carrier().cType + " a" + i);
        }
        return String.join(", ", ps);
    }

    private static String carrierTypes(Function f) {
        if (f.params().isEmpty()) {
            return "void";
        }
        List<String> ps = new ArrayList<>();
        for (Param p : f.params()) {
            ps.add(p.carrier().cType);
        }
        return String.join(", ", ps);
    }

    private static String carrierArgs(Function f) {
        List<String> as = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            Param p = f.params().get(i);
            as.add("(" + p.carrier().cType + ")a" + i);
        }
        return String.join(", ", as);
    }

    /** Every declared function and data symbol with the header declaring it, for the Makefile's placement check. */
    String headerList() {
        StringBuilder s = new StringBuilder("# ").append(GENERATED).append("\n# name\theader\n");
        functions.values().forEach(f -> s.append(f.name()).append('\t').append(f.header()).append('\n'));
        data.values().forEach(d -> s.append(d.name()).append('\t').append(d.header()).append('\n'));
        otherData.forEach((name, header) -> s.append(name).append('\t').append(header).append('\n'));
        return s.toString();
    }

    String functionList(Set<String> natives, List<Function> upcalls) {
        Set<String> upcallNames = new HashSet<>();
        for (Function f : upcalls) {
            upcallNames.add(f.name());
        }
        StringBuilder s = new StringBuilder("# ").append(GENERATED).append("\n# name\thow it is served\tdeclaration\n");
        for (Function f : functions.values()) {
            String kind = natives.contains(f.name()) ? "native" : upcallNames.contains(f.name()) ? "upcall" : "native-missing";
            s.append(f.name()).append('\t').append(kind).append('\t').append(f.signature()).append('\n');
        }
        return s.toString();
    }

    String javaTable(List<Function> upcalls, Set<String> natives, List<Function> nativeMissing) {
        StringBuilder j = new StringBuilder();
        j.append("package dev.ftcheck.runtime.capi.gen;\n\n");
        j.append("import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;\nimport static java.lang.foreign.ValueLayout.JAVA_FLOAT;\n");
        j.append("import static java.lang.foreign.ValueLayout.JAVA_INT;\nimport static java.lang.foreign.ValueLayout.JAVA_LONG;\n\n");
        j.append("import java.lang.foreign.FunctionDescriptor;\nimport java.util.ArrayList;\nimport java.util.List;\n\n");
        j.append("/**\n * The C-API upcall table: slot {@code index} of the bridge's {@code ftb_upcall_table} serves the C function\n");
        j.append(" * {@code name}; install an upcall stub with {@code ftb_install(index, stub)}. Pointers travel as {@code long}.\n");
        j.append(" * ").append(GENERATED).append("\n */\n");
        j.append("public final class CApiTable {\n");
        j.append("    private CApiTable() {}\n\n");
        j.append("    /** What an upcall must return when it fails (after setting the error indicator). */\n");
        j.append("    public enum ErrorValue {\n        /** {@code NULL} (0L) for pointer results. */\n        NULL_POINTER,\n");
        j.append("        /** -1 in the return carrier ({@code int}, {@code long}, {@code double} or {@code float}). */\n        MINUS_ONE,\n");
        j.append("        /** {@code void} functions: nothing to return. */\n        NONE\n    }\n\n");
        j.append("    /** One upcall slot. {@code signature} is the C declaration it was generated from. */\n");
        j.append("    public record Slot(int index, String name, FunctionDescriptor descriptor, ErrorValue errorValue,\n");
        j.append("            String signature, String header) {}\n\n");
        j.append("    /** A data symbol the bridge exports ({@code PyExc_*}, type objects, singletons). */\n");
        j.append("    public record DataSymbol(String name, String cType, boolean definedNatively) {}\n\n");
        j.append("    public static final int SIZE = ").append(upcalls.size()).append(";\n\n");
        int chunk = 80;
        int parts = (upcalls.size() + chunk - 1) / chunk;
        j.append("    private static final List<Slot> SLOTS;\n\n    static {\n        List<Slot> s = new ArrayList<>(SIZE);\n");
        for (int p = 0; p < parts; p++) {
            j.append("        addSlots").append(p).append("(s);\n");
        }
        j.append("        SLOTS = List.copyOf(s);\n    }\n\n");
        j.append("    /** All upcall slots, in index order. */\n    public static List<Slot> slots() {\n        return SLOTS;\n    }\n\n");
        for (int p = 0; p < parts; p++) {
            j.append("    private static void addSlots").append(p).append("(List<Slot> s) {\n");
            for (int i = p * chunk; i < Math.min(upcalls.size(), (p + 1) * chunk); i++) {
                Function f = upcalls.get(i);
                j.append("        s.add(new Slot(").append(i).append(", \"").append(f.name()).append("\", ")
                        .append(descriptor(f)).append(", ErrorValue.").append(f.returns().errorValue).append(", \"")
                        .append(f.signature().replace("\\", "\\\\").replace("\"", "\\\"")).append("\", \"")
                        .append(f.header()).append("\"));\n");
            }
            j.append("    }\n\n");
        }
        j.append("    /** Declared functions defined in C inside the bridge (no upcall slot). */\n");
        j.append("    public static List<String> nativeFunctions() {\n        return List.of(");
        List<String> nativeNames = new ArrayList<>();
        for (Function f : functions.values()) {
            if (natives.contains(f.name())) {
                nativeNames.add(f.name());
            }
        }
        j.append(quotedList(nativeNames)).append(");\n    }\n\n");
        j.append("    /** Declared variadic/va_list functions that must be native but are not implemented yet (they raise SystemError). */\n");
        j.append("    public static List<String> nativeMissingFunctions() {\n        return List.of(");
        List<String> missingNames = new ArrayList<>();
        for (Function f : nativeMissing) {
            missingNames.add(f.name());
        }
        j.append(quotedList(missingNames)).append(");\n    }\n\n");
        j.append("    /** Every exported data symbol. */\n    public static List<DataSymbol> dataSymbols() {\n        return List.of(\n");
        List<String> ds = new ArrayList<>();
        for (Data d : data.values()) {
            ds.add("                new DataSymbol(\"" + d.name() + "\", \"" + d.type() + (d.array() ? "[]" : "") + "\", "
                    + natives.contains(d.name()) + ")");
        }
        j.append(String.join(",\n", ds)).append(");\n    }\n}\n");
        return j.toString();
    }

    private static String quotedList(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i % 4 == 0 ? "\n                " : " ").append('"').append(names.get(i)).append('"');
            if (i < names.size() - 1) {
                b.append(',');
            }
        }
        return b.toString();
    }

    private static String descriptor(Function f) {
        List<String> args = new ArrayList<>();
        for (Param p : f.params()) {
            args.add(p.carrier().layout);
        }
        if (f.returns() == Carrier.VOID) {
            return "FunctionDescriptor.ofVoid(" + String.join(", ", args) + ")";
        }
        List<String> all = new ArrayList<>();
        all.add(f.returns().layout);
        all.addAll(args);
        return "FunctionDescriptor.of(" + String.join(", ", all) + ")";
    }
}
