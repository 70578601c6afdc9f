package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Bridge;

/** Addresses of bridge entry points that type slots are compared against. */
final class TypeApiAddresses {
    private static volatile long genericAlloc;

    private TypeApiAddresses() {}

    static long genericAlloc() {
        long a = genericAlloc;
        if (a == 0) {
            a = Bridge.get().require("PyType_GenericAlloc");
            genericAlloc = a;
        }
        return a;
    }
}
