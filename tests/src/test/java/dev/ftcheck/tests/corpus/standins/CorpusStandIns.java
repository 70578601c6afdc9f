package dev.ftcheck.tests.corpus.standins;

import dev.ftcheck.runtime.stdlib.StandInModule;
import java.util.Map;

/** The stand-in modules a corpus manifest entry may name in {@code standIns}, by the module name each provides. */
public final class CorpusStandIns {
    private static final Map<String, Class<? extends StandInModule>> BY_MODULE =
            Map.of("markupsafe", MarkupSafeStandIn.class);

    /** The folder, under the test-class output, that holds these classes (and nothing else). */
    public static final String PACKAGE_DIR = CorpusStandIns.class.getPackageName().replace('.', '/');

    private CorpusStandIns() {}

    /** The class that provides module; IllegalArgumentException names the known modules when there is none. */
    public static Class<? extends StandInModule> provider(String module) {
        Class<? extends StandInModule> c = BY_MODULE.get(module);
        if (c == null) {
            throw new IllegalArgumentException("no corpus stand-in for module '" + module + "' (known: "
                    + new java.util.TreeSet<>(BY_MODULE.keySet()) + ")");
        }
        return c;
    }
}
