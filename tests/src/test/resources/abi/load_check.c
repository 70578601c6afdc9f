/* Loads the bridge RTLD_GLOBAL and then an extension RTLD_NOW, the way the runtime does, and reports whether
   every symbol of the extension resolved and PyInit_<name> exists. Does not call it (that needs the runtime).
   Usage: load_check BRIDGE.so EXTENSION.so INIT_NAME */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: load_check BRIDGE.so EXTENSION.so INIT_NAME\n");
        return 2;
    }
    if (dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL) == NULL) {
        printf("bridge failed to load: %s\n", dlerror());
        return 1;
    }
    void *ext = dlopen(argv[2], RTLD_NOW);
    if (ext == NULL) {
        printf("extension failed to load: %s\n", dlerror());
        return 1;
    }
    if (dlsym(ext, argv[3]) == NULL) {
        printf("no %s: %s\n", argv[3], dlerror());
        return 1;
    }
    printf("loaded %s\n", argv[3]);
    return 0;
}
