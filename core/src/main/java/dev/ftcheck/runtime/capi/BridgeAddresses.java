package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Bridge;

/** Addresses of bridge entry points that type slots are compared against. */
final class BridgeAddresses {
    private static volatile long genericAlloc;

    private BridgeAddresses() {}

    static long genericAlloc() {
        long a = genericAlloc;
        if (a == 0) {
            a = Bridge.get().require("PyType_GenericAlloc");
            genericAlloc = a;
        }
        return a;
    }
}
