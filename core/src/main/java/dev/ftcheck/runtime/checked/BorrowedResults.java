package dev.ftcheck.runtime.checked;

/**
 * The borrowed references a thread was handed recently (checked mode): which C-API function returned each, so a
 * later use of one after another thread freed it can name the borrowing call, its scanner rule and the strong
 * replacement. A small ring per thread: a borrowed reference is used soon after it is obtained, or not at all.
 */
public final class BorrowedResults {
    /** A borrowing C-API function: its name, the scanner rule for it, and the function to use instead. */
    public enum Api {
        LIST_GET_ITEM("PyList_GetItem", "FT101", "PyList_GetItemRef"),
        DICT_GET_ITEM("PyDict_GetItem", "FT102", "PyDict_GetItemRef"),
        DICT_GET_ITEM_WITH_ERROR("PyDict_GetItemWithError", "FT102", "PyDict_GetItemRef"),
        DICT_GET_ITEM_STRING("PyDict_GetItemString", "FT103", "PyDict_GetItemStringRef"),
        DICT_SET_DEFAULT("PyDict_SetDefault", "FT104", "PyDict_SetDefaultRef"),
        WEAKREF_GET_OBJECT("PyWeakref_GetObject", "FT105", "PyWeakref_GetRef"),
        IMPORT_ADD_MODULE("PyImport_AddModule", "FT106", "PyImport_AddModuleRef"),
        SYS_GET_OBJECT("PySys_GetObject", "FT109", "PySys_GetAttr (3.14) or a strong reference taken at once");

        public final String function;
        public final String rule;
        public final String replacement;

        Api(String function, String rule, String replacement) {
            this.function = function;
            this.rule = rule;
            this.replacement = replacement;
        }
    }

    private static final int SLOTS = 32;
    private static final ThreadLocal<BorrowedResults> CURRENT = ThreadLocal.withInitial(BorrowedResults::new);
    private static volatile boolean recording;

    private final long[] objects = new long[SLOTS];
    private final Api[] apis = new Api[SLOTS];
    private int next;

    /** Switched on with checked mode; off, {@link #record} costs one volatile read. */
    public static void enable() {
        recording = true;
    }

    /** Notes that the calling thread got a borrowed reference to {@code object} from {@code api}. */
    public static void record(long object, Api api) {
        if (!recording || object == 0) {
            return;
        }
        BorrowedResults r = CURRENT.get();
        r.objects[r.next] = object;
        r.apis[r.next] = api;
        r.next = (r.next + 1) % SLOTS;
    }

    /** {@link #record}, then returns the object: for a borrowing function's return statement. */
    public static long noted(long object, Api api) {
        record(object, api);
        return object;
    }

    /** Which call handed the calling thread {@code object} as a borrowed reference, the most recent first. */
    public static Api lookup(long object) {
        BorrowedResults r = CURRENT.get();
        for (int k = 1; k <= SLOTS; k++) {
            int i = (r.next - k + SLOTS) % SLOTS;
            if (r.objects[i] == object && r.apis[i] != null) {
                return r.apis[i];
            }
        }
        return null;
    }
}
