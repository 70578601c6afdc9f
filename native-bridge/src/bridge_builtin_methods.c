/* ml_meth entry points for the runtime's built-in methods (dev.ftcheck.runtime.obj.builtins.BuiltinTable): each
   PyMethodDef made there points at one of these METH_FASTCALL|METH_KEYWORDS functions, which forwards its own
   index to a single Java upcall. One upcall stub for all methods keeps the runtime's start-up cheap; a stub per
   method would cost half a second. */
#include <stdint.h>

typedef intptr_t (*ftb_builtin_dispatch_fn)(int32_t index, intptr_t self, intptr_t args, intptr_t nargs,
                                            intptr_t kwnames);

static ftb_builtin_dispatch_fn ftb_builtin_dispatch;

void ftb_set_builtin_dispatch(ftb_builtin_dispatch_fn f)
{
    ftb_builtin_dispatch = f;
}

#define FTB_M(a, b, c)                                                                                        \
    static intptr_t ftb_builtin_m##a##b##c(intptr_t self, intptr_t args, intptr_t nargs, intptr_t kwnames)  \
    {                                                                                                         \
        return ftb_builtin_dispatch(a * 100 + b * 10 + c, self, args, nargs, kwnames);                        \
    }
#define FTB_M10(a, b) FTB_M(a, b, 0) FTB_M(a, b, 1) FTB_M(a, b, 2) FTB_M(a, b, 3) FTB_M(a, b, 4) \
    FTB_M(a, b, 5) FTB_M(a, b, 6) FTB_M(a, b, 7) FTB_M(a, b, 8) FTB_M(a, b, 9)
#define FTB_M100(a) FTB_M10(a, 0) FTB_M10(a, 1) FTB_M10(a, 2) FTB_M10(a, 3) FTB_M10(a, 4) FTB_M10(a, 5) \
    FTB_M10(a, 6) FTB_M10(a, 7) FTB_M10(a, 8) FTB_M10(a, 9)

FTB_M100(0) FTB_M100(1) FTB_M100(2) FTB_M100(3) FTB_M100(4)
FTB_M100(5) FTB_M100(6) FTB_M100(7) FTB_M100(8) FTB_M100(9)
FTB_M100(10) FTB_M100(11) FTB_M100(12) FTB_M100(13) FTB_M100(14)
FTB_M100(15) FTB_M100(16) FTB_M100(17) FTB_M100(18) FTB_M100(19)
FTB_M100(20) FTB_M100(21) FTB_M100(22) FTB_M100(23) FTB_M100(24)
FTB_M100(25) FTB_M100(26) FTB_M100(27) FTB_M100(28) FTB_M100(29)

#define FTB_E(a, b, c) (void *)ftb_builtin_m##a##b##c,
#define FTB_E10(a, b) FTB_E(a, b, 0) FTB_E(a, b, 1) FTB_E(a, b, 2) FTB_E(a, b, 3) FTB_E(a, b, 4) \
    FTB_E(a, b, 5) FTB_E(a, b, 6) FTB_E(a, b, 7) FTB_E(a, b, 8) FTB_E(a, b, 9)
#define FTB_E100(a) FTB_E10(a, 0) FTB_E10(a, 1) FTB_E10(a, 2) FTB_E10(a, 3) FTB_E10(a, 4) FTB_E10(a, 5) \
    FTB_E10(a, 6) FTB_E10(a, 7) FTB_E10(a, 8) FTB_E10(a, 9)

/* The 3000 entry points, by index. */
void *const ftb_builtin_methods[3000] = {
    FTB_E100(0) FTB_E100(1) FTB_E100(2) FTB_E100(3) FTB_E100(4)
    FTB_E100(5) FTB_E100(6) FTB_E100(7) FTB_E100(8) FTB_E100(9)
    FTB_E100(10) FTB_E100(11) FTB_E100(12) FTB_E100(13) FTB_E100(14)
    FTB_E100(15) FTB_E100(16) FTB_E100(17) FTB_E100(18) FTB_E100(19)
    FTB_E100(20) FTB_E100(21) FTB_E100(22) FTB_E100(23) FTB_E100(24)
    FTB_E100(25) FTB_E100(26) FTB_E100(27) FTB_E100(28) FTB_E100(29)
};

int32_t ftb_builtin_method_count(void)
{
    return 3000;
}
