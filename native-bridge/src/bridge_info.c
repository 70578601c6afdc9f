/* Identification entry points the Java side uses to check it loaded the right bridge. */
#include <stdint.h>

#define FTB_ABI_VERSION 1

__attribute__((visibility("default"))) int64_t ftb_abi_version(void) { return FTB_ABI_VERSION; }
