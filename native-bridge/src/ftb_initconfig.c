/* initconfig.h: PyPreConfig defaults exactly as CPython 3.13 fills them; -1 means "decide later". */
#include "Python.h"

void PyPreConfig_InitPythonConfig(PyPreConfig *config)
{
    *config = (PyPreConfig){
        ._config_init = 2,          /* the "Python" configuration */
        .parse_argv = 1,
        .isolated = 0,
        .use_environment = 1,
        .configure_locale = 1,
        .coerce_c_locale = -1,
        .coerce_c_locale_warn = -1,
        .utf8_mode = -1,
        .dev_mode = -1,
        .allocator = 0,             /* PYMEM_ALLOCATOR_NOT_SET */
    };
}

void PyPreConfig_InitIsolatedConfig(PyPreConfig *config)
{
    *config = (PyPreConfig){
        ._config_init = 3,          /* the "isolated" configuration */
        .isolated = 1,
    };
}
