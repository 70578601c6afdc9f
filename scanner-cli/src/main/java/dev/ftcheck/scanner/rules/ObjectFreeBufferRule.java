package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.ObjectAllocatorUses;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT502",
        name = "object-free-buffer",
        family = Family.OBJECT_MALLOC,
        severity = Severity.ERROR,
        summary = "PyObject_Free / PyObject_FREE / PyObject_Del releasing a buffer",
        description = """
                Reports `PyObject_Free`, `PyObject_FREE`, `PyObject_Del` and `PyObject_DEL` when what is freed is \
                a buffer: a pointer to a primitive type or to a non-object struct of the file, or a variable this \
                function allocated as a buffer. Freeing an object (`self`, `PyObject *`, object structs) is not \
                reported, nor is anything inside `tp_free` / `tp_alloc` slot functions, nor a `void *` whose \
                origin is not visible. The free of a block that may only exercise the allocator (see FT501) has \
                low confidence.""",
        rationale = """
                A buffer freed with the object allocator was (or must be) allocated from it, which free-threaded \
                builds forbid for non-objects. Moving the allocation to `PyMem_Malloc` without moving the free \
                mixes domains, which the debug allocator reports as a fatal error \
                (`bad ID: Allocated using API 'm', verified using API 'o'`).""",
        example = """
                PyObject_Free(self->buffer);""",
        useInstead = """
                `PyMem_Free(p)` (accepts NULL), paired with `PyMem_Malloc` / `PyMem_Calloc` / `PyMem_Realloc` for \
                the allocation.""",
        triggers = {"PyObject_Free", "PyObject_FREE", "PyObject_Del", "PyObject_DEL"})
public final class ObjectFreeBufferRule implements FileRule {
    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (ObjectAllocatorUses.Use u : ObjectAllocatorUses.find(fa)) {
            if (u.alloc() || u.verdict() != ObjectAllocatorUses.Verdict.BUFFER) {
                continue;
            }
            String api = u.call().name();
            String replacement = ObjectAllocatorUses.FREE_REPLACEMENT.get(api);
            ctx.report(fa.tokens().start(u.call().nameToken()), fa.tokens().end(u.call().close()))
                    .api(api)
                    .replacement(replacement, "void; accepts NULL; pairs with PyMem_Malloc/Calloc/Realloc")
                    .message(api + " frees a buffer here (" + u.evidence() + "). Buffers belong in the mem domain "
                            + "in free-threaded builds: allocate with PyMem_Malloc and free with " + replacement
                            + "; freeing with the object allocator also breaks once the allocation is moved."
                            + (u.exercise() != null ? " Confidence is low: " + u.exercise() + "." : ""))
                    .confidence(u.exercise() != null ? Confidence.LOW : Confidence.HIGH)
                    .fixHint(replacement + "(" + u.call().arg(0).text() + ")")
                    .fix(BufferDomainFix.at(fa, u.call().nameToken()))
                    .report();
        }
    }
}
