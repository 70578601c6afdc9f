package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C slots of the built-in type objects against the free-threaded CPython 3.13.15's (which slots are
 * non-NULL, committed as data): every slot CPython fills must be filled here, except the groups below, each
 * with its reason. A slot that gets filled stays filled: the test fails on any other NULL one.
 */
class BuiltinSlotsTest {
    /** The NULL slots allowed today, by reason; each is a predicate on (type, slot). */
    private record Allowance(String reason, java.util.function.BiPredicate<String, String> covers) {}

    private static final Set<String> TABLE_SLOTS = Set.of("tp_as_number", "tp_as_sequence", "tp_as_mapping");

    private static final List<Allowance> ALLOWED = List.of(
            new Allowance("enumerate is not implemented by the runtime",
                    (type, slot) -> type.equals("enumerate")),
            new Allowance("no cycle collector runs, so nothing calls tp_traverse",
                    (type, slot) -> slot.equals("tp_traverse")),
            new Allowance("calling the type constructs in Java; the C tp_new/tp_init entries are filled only for"
                    + " list and dict (what extension subclasses reach) so far",
                    (type, slot) -> slot.equals("tp_new") || slot.equals("tp_init")),
            new Allowance("calls and descriptor binding of functions and descriptors run in Java",
                    (type, slot) -> Set.of("tp_call", "tp_descr_get", "tp_descr_set").contains(slot)),
            new Allowance("number, sequence and mapping operations on the Java-implemented types run in Java by"
                    + " kind; their C tables are not filled yet",
                    (type, slot) -> TABLE_SLOTS.contains(slot) || slot.startsWith("nb_") || slot.startsWith("sq_")
                            || slot.startsWith("mp_")));

    @Test
    void everySlotCPythonFillsIsFilledOrAllowed(@TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime/slots");
        Path so = tmp.resolve("slotprobe" + Cli.run("config", "--extension-suffix").out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("slotprobe.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--call", "probe()");
        assertEquals(0, r.exitCode(), r.toString());

        Set<String> filledHere = new TreeSet<>();
        Matcher m = Pattern.compile("\\('(\\w+)', '(\\w+)', 1\\)").matcher(r.out());
        while (m.find()) {
            filledHere.add(m.group(1) + " " + m.group(2));
        }
        assertTrue(filledHere.size() > 300, "the probe's answer: " + r.out());
        List<String> filledInCPython = Files.readAllLines(res.resolve("cpython-3.13.15t-filled.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        Map<String, Integer> allowedByReason = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String pair : filledInCPython) {
            if (filledHere.contains(pair)) {
                continue;
            }
            String[] ts = pair.split(" ");
            Allowance a = ALLOWED.stream().filter(x -> x.covers().test(ts[0], ts[1])).findFirst().orElse(null);
            if (a == null) {
                unexpected.add(pair);
            } else {
                allowedByReason.merge(a.reason(), 1, Integer::sum);
            }
        }
        assertEquals(List.of(), unexpected, "NULL here, filled in CPython 3.13.15t");
        System.out.println("BuiltinSlotsTest: " + (filledInCPython.size() - allowedByReason.values().stream()
                .mapToInt(Integer::intValue).sum()) + " of " + filledInCPython.size()
                + " slots CPython fills are filled; still NULL by reason: " + allowedByReason);
    }
}
