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
        code = "FT501",
        name = "object-malloc-buffer",
        family = Family.OBJECT_MALLOC,
        severity = Severity.ERROR,
        summary = "PyObject_Malloc / Calloc / Realloc used for a buffer instead of a Python object",
        description = """
                Reports `PyObject_Malloc`, `PyObject_Calloc`, `PyObject_Realloc` and the `PyObject_MALLOC` / \
                `PyObject_REALLOC` macros when the block is a plain buffer: cast to or stored in a pointer to a \
                primitive type (`char *`, `int *`, `double *` ...), to `void *` and then used with `memcpy` and \
                friends, to a struct of the file that is not a Python object, or returned as such. Not reported: \
                blocks cast or assigned to object types (`PyObject *`, structs starting with `PyObject_HEAD`, \
                `*Object` types), sized from `tp_basicsize` or `sizeof(SomeObject)`, and everything inside \
                `tp_alloc` / `tp_free` slot functions. A block stored only in a `void *` without further evidence \
                is reported with medium confidence; low confidence when the call may exercise the allocator \
                rather than hold data (the function installs allocator hooks, or the block is only tested for \
                NULL and freed).""",
        rationale = """
                In free-threaded builds the object allocator (mimalloc heaps) is reserved for Python objects: the \
                garbage collector finds objects by walking those heaps, so a buffer allocated there is taken for an \
                object and its bytes are read as an object header. That corrupts the collection or crashes it.""",
        example = """
                self->buffer = PyObject_Malloc(n);""",
        useInstead = """
                The mem domain: `PyMem_Malloc(n)`, `PyMem_Calloc(nelem, elsize)`, `PyMem_Realloc(p, n)` (NULL on \
                failure, no exception set: call `PyErr_NoMemory()`), freed with `PyMem_Free`. Use \
                `PyMem_RawMalloc` for memory touched without a thread state.""",
        triggers = {"PyObject_Malloc", "PyObject_Calloc", "PyObject_Realloc", "PyObject_MALLOC", "PyObject_REALLOC"})
public final class ObjectMallocBufferRule implements FileRule {
    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (ObjectAllocatorUses.Use u : ObjectAllocatorUses.find(fa)) {
            if (!u.alloc() || (u.verdict() != ObjectAllocatorUses.Verdict.BUFFER
                    && u.verdict() != ObjectAllocatorUses.Verdict.PROBABLY_BUFFER)) {
                continue;
            }
            String api = u.call().name();
            String replacement = ObjectAllocatorUses.ALLOC_REPLACEMENT.get(api);
            boolean sure = u.verdict() == ObjectAllocatorUses.Verdict.BUFFER;
            ctx.report(fa.tokens().start(u.call().nameToken()), fa.tokens().end(u.call().close()))
                    .api(api)
                    .replacement(replacement, "NULL on failure without an exception; free with PyMem_Free")
                    .message(api + " allocates a buffer here (" + u.evidence() + "), but in free-threaded builds "
                            + "the object allocator may only hold Python objects: the garbage collector walks its "
                            + "heaps and would read this buffer as an object. Use " + replacement
                            + " and free it with PyMem_Free."
                            + (u.exercise() != null ? " Confidence is low: " + u.exercise() + "."
                                    : sure ? ""
                                    : " Confidence is medium: a `void *` block with no buffer use in view."))
                    .confidence(u.exercise() != null ? Confidence.LOW : sure ? Confidence.HIGH : Confidence.MEDIUM)
                    .fixHint(replacement + "(" + u.call().args().stream().map(a -> a.text())
                            .reduce((a, b) -> a + ", " + b).orElse("") + ")")
                    .fix(BufferDomainFix.at(fa, u.call().nameToken()))
                    .report();
        }
    }
}
