/* The datetime C API (a capsule of function pointers, PyDateTime_IMPORT) is not provided by ftcheck's runtime. */
#ifndef FTCHECK_DATETIME_H
#define FTCHECK_DATETIME_H
#error "ftcheck's C-API does not provide the datetime capsule API (datetime.h); see docs/capi-abi.md, Known gaps"
#endif
