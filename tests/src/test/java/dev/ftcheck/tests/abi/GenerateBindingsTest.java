package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding generator (native-bridge/tools/GenerateBindings.java) on small fixture headers: how declarations
 * are read (multi-line, function-pointer and array parameters, typedefs, enums, variadics), how each function
 * is served, what the Java table says, and the loud failures for declarations it cannot bind.
 */
class GenerateBindingsTest {
    @TempDir
    Path work;

    private static final String FIXTURE = """
            /* a comment mentioning PyAPI_FUNC(int) NotReal(void); must be ignored */
            typedef int (*visitproc)(PyObject *, void *);
            typedef enum { KIND_A, KIND_B } Kind;
            typedef void *Handle;
            #define PyAPI_FUNC(RTYPE) RTYPE
            #define Multi_Line(o) Multi_Line((o), "x")
            PyAPI_FUNC(int)
                Multi_Line(PyObject *o,
                           const char *name);
            PyAPI_FUNC(unsigned long) Unsigned(unsigned long v, unsigned int w, long long x);
            PyAPI_FUNC(void) Callbacks(int (*cb)(void *), visitproc v, char *kwlist[], Handle h);
            PyAPI_FUNC(Kind) Enumerated(Kind k, Py_ssize_t n, Py_UCS4 ch);
            PyAPI_FUNC(double) Floating(float f, double d);
            PyAPI_FUNC(PyObject *) Variadic(const char *fmt, ...);
            PyAPI_FUNC(int) WithVaList(const char *fmt, va_list va);
            PyAPI_FUNC(int) Native_One(int);
            PyAPI_DATA(PyObject *) PyExc_Fixture;
            PyAPI_DATA(PyTypeObject) Fixture_Type;
            """;

    @Test
    void readsDeclarationsAndEmitsTrampolinesTableAndList() throws IOException {
        Path headers = Files.createDirectories(work.resolve("h"));
        Files.writeString(headers.resolve("fixture.h"), FIXTURE);
        Files.createDirectories(headers.resolve("internal"));
        Files.writeString(headers.resolve("internal/skip.h"), "PyAPI_FUNC(int) Internal_Only(void);\n");
        Path natives = Files.writeString(work.resolve("natives.txt"), "Native_One\nsome_other_symbol\n");

        NativeTool.Result r = generate(headers, natives);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("8 functions (5 upcall slots, 1 native, 2 native-only not yet implemented), 2 data"),
                r.output());

        Map<String, String> kinds = Files.readAllLines(work.resolve("c/capi-functions.txt")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t"))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertEquals(Map.of("Multi_Line", "upcall", "Unsigned", "upcall", "Callbacks", "upcall", "Enumerated", "upcall",
                "Floating", "upcall", "Variadic", "native-missing", "WithVaList", "native-missing", "Native_One", "native"),
                kinds);

        String table = Files.readString(work.resolve("java/dev/ftcheck/runtime/capi/gen/CApiTable.java"));
        assertTrue(table.contains("\"Multi_Line\", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), ErrorValue.MINUS_ONE"), table);
        assertTrue(table.contains("\"Unsigned\", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG)"), table);
        assertTrue(table.contains("\"Callbacks\", FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), ErrorValue.NONE"), table);
        assertTrue(table.contains("\"Enumerated\", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT)"), table);
        assertTrue(table.contains("\"Floating\", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_FLOAT, JAVA_DOUBLE), ErrorValue.MINUS_ONE"), table);
        assertTrue(table.contains("public static final int SIZE = 5;"), table);
        assertTrue(table.contains("new DataSymbol(\"PyExc_Fixture\", \"PyObject *\", false)"), table);

        String c = Files.readString(work.resolve("c/trampolines.c"));
        // The macro of the same name must not capture the definition.
        assertTrue(c.contains("#undef Multi_Line\nint (Multi_Line)(PyObject * a0, const char * a1)"), c);
        assertTrue(c.contains("void (Callbacks)(int (*a0)(void *), visitproc a1, char * *a2, Handle a3)"), c);
        assertTrue(c.contains("ftb_report_missing(\"Variadic\");"), c);
        assertTrue(c.contains("PyObject * (Variadic)(const char * a0, ...)"), c);
        assertTrue(!c.contains("Native_One)("), "native functions get no trampoline");
        assertTrue(!c.contains("Internal_Only") && !c.contains("NotReal"), "internal/ and comments are skipped");
        assertTrue(c.contains("PyTypeObject Fixture_Type = { PyVarObject_HEAD_INIT(NULL, 0) };"), c);
        assertTrue(c.contains("PyObject *PyExc_Fixture;"), c);
    }

    @Test
    void refusesDeclarationsItCannotBind() throws IOException {
        assertFails("typedef struct { double re, im; } Cplx;\nPyAPI_FUNC(int) ByValue(Cplx c);\n",
                "ByValue parameter 1: type 'Cplx' has no upcall mapping");
        assertFails("PyAPI_FUNC(int) Twice(int);\nPyAPI_FUNC(int) Twice(int);\n", "Twice is declared twice");
        assertFails("PyAPI_FUNC(void) Dies(const char *m) __attribute__((__noreturn__));\n",
                "Dies (fixture.h) does not return, so it cannot be an upcall");
        assertFails("PyAPI_DATA(long) Counter;\n", "data symbol long Counter (fixture.h) must be defined natively");
    }

    /** A struct by value (PyStatus, Py_complex) is fine in a function the bridge's C defines: it never crosses. */
    @Test
    void acceptsStructsByValueInNativeFunctions() throws IOException {
        Path dir = Files.createDirectories(work.resolve("byvalue"));
        Files.writeString(dir.resolve("fixture.h"), "typedef struct { int _type; const char *msg; } Status;\n"
                + "PyAPI_FUNC(Status) Status_Ok(void);\nPyAPI_FUNC(int) Status_IsError(Status s);\n");
        Path natives = Files.writeString(dir.resolve("natives.txt"), "Status_Ok\nStatus_IsError\n");
        NativeTool.Result r = generate(dir, natives);
        assertEquals(0, r.exitCode(), r.output());
        String list = Files.readString(work.resolve("c/capi-functions.txt"));
        assertTrue(list.contains("Status_Ok\tnative\t") && list.contains("Status_IsError\tnative\t"), list);
    }

    private void assertFails(String header, String expected) throws IOException {
        Path dir = Files.createTempDirectory(work, "h");
        Files.writeString(dir.resolve("fixture.h"), header);
        Path natives = Files.writeString(dir.resolve("natives.txt"), "");
        NativeTool.Result r = generate(dir, natives);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains(expected), "expected '" + expected + "' in:\n" + r.output());
    }

    /** The tool compiled once per JVM: launching it as a source file costs a compile per run. */
    private static Path compiledTool;

    private synchronized NativeTool.Result generate(Path headers, Path natives) throws IOException {
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElseThrow());
        if (compiledTool == null) {
            Path classes = Files.createDirectories(Path.of("target", "generate-bindings-classes").toAbsolutePath());
            Path source = NativeTool.repo().resolve("native-bridge/tools/GenerateBindings.java");
            NativeTool.run(classes, List.of(javaBin.resolveSibling("javac").toString(), "-d", classes.toString(),
                    source.toString())).requireSuccess("javac GenerateBindings.java");
            compiledTool = classes;
        }
        return NativeTool.run(work, List.of(javaBin.toString(), "-cp", compiledTool.toString(), "GenerateBindings",
                headers.toString(), natives.toString(), work.resolve("c").toString(), work.resolve("java").toString()));
    }
}
