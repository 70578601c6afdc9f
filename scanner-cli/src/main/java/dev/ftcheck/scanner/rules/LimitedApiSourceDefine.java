package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.Node;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

/** FT701: {@code #define Py_LIMITED_API} in a C/C++ source with no free-threading guard around it. */
@RuleInfo(
        code = "FT701",
        name = "limited-api-define",
        family = Family.LIMITED_API,
        severity = Severity.ERROR,
        summary = "`Py_LIMITED_API` is defined in source without a `Py_GIL_DISABLED` guard.",
        description = """
                Reports `#define Py_LIMITED_API` (with or without a version) in C and C++ files unless the \
                definition sits inside a preprocessor conditional that tests `Py_GIL_DISABLED`, such as \
                `#ifndef Py_GIL_DISABLED` or `#if !defined(Py_GIL_DISABLED)`.""",
        rationale = """
                Free-threaded CPython 3.13 and 3.14 do not support the limited API: their headers stop with \
                `#error` as soon as `Py_LIMITED_API` and `Py_GIL_DISABLED` are both defined. An unconditional \
                definition makes the extension impossible to build for a free-threaded interpreter.""",
        example = """
                #define Py_LIMITED_API 0x030A0000
                #include <Python.h>""",
        useInstead = """
                Define it only for builds with a GIL, so the same source builds an abi3 wheel for regular \
                CPython and a version-specific wheel for the free-threaded build:

                ```c
                #ifndef Py_GIL_DISABLED
                #define Py_LIMITED_API 0x030A0000
                #endif
                #include <Python.h>
                ```

                If the build passes the define, make the build file conditional instead: \
                `py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED")`.""",
        triggers = {"Py_LIMITED_API"})
public final class LimitedApiSourceDefine implements FileRule {
    @Override
    public void check(FileContext file) {
        for (Node def : file.root().descendantsOfType("preproc_def")) {
            Node name = def.field("name");
            if (name == null || !name.textEquals("Py_LIMITED_API")) {
                continue;
            }
            if (LimitedApiGuard.isGuarded(def)) {
                continue;
            }
            file.report(def.startOffset(), name.endOffset())
                    .api("Py_LIMITED_API")
                    .message("`Py_LIMITED_API` is defined without a `#ifndef Py_GIL_DISABLED` guard; free-threaded "
                            + "CPython (3.13, 3.14) rejects the limited API, so this file cannot build for it")
                    .replacement("#ifndef Py_GIL_DISABLED / #define Py_LIMITED_API ... / #endif",
                            "the limited API stays on for GIL builds; free-threaded builds use the full API")
                    .fixHint("wrap the definition in `#ifndef Py_GIL_DISABLED` ... `#endif`")
                    .report();
        }
    }
}
