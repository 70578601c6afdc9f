package dev.ftcheck.scanner.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u} and {@code git apply} read it) between two versions of a file that differ in
 * a few places: the common head and tail of every changed region are found line by line, with 3 lines of context.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    public static String of(String file, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        // Changed regions: walk both, matching equal lines; on a mismatch, find the nearest resynchronisation.
        List<int[]> regions = new ArrayList<>(); // {aFrom, aTo, bFrom, bTo}
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
                continue;
            }
            int[] sync = resync(a, b, i, j);
            regions.add(new int[] {i, sync[0], j, sync[1]});
            i = sync[0];
            j = sync[1];
        }
        if (regions.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- a/").append(file).append('\n').append("+++ b/").append(file).append('\n');
        int r = 0;
        while (r < regions.size()) {
            int first = r;
            while (r + 1 < regions.size() && regions.get(r + 1)[0] - regions.get(r)[1] <= 2 * CONTEXT) {
                r++;
            }
            int aStart = Math.max(0, regions.get(first)[0] - CONTEXT);
            int aEnd = Math.min(a.size(), regions.get(r)[1] + CONTEXT);
            int bStart = regions.get(first)[2] - (regions.get(first)[0] - aStart);
            int bEnd = regions.get(r)[3] + (aEnd - regions.get(r)[1]);
            sb.append("@@ -").append(range(aStart, aEnd - aStart)).append(" +").append(range(bStart, bEnd - bStart))
                    .append(" @@\n");
            int pos = aStart;
            for (int k = first; k <= r; k++) {
                int[] g = regions.get(k);
                for (; pos < g[0]; pos++) {
                    sb.append(' ').append(a.get(pos)).append('\n');
                }
                for (int x = g[0]; x < g[1]; x++) {
                    sb.append('-').append(a.get(x)).append('\n');
                }
                for (int y = g[2]; y < g[3]; y++) {
                    sb.append('+').append(b.get(y)).append('\n');
                }
                pos = g[1];
            }
            for (; pos < aEnd; pos++) {
                sb.append(' ').append(a.get(pos)).append('\n');
            }
            r++;
        }
        return sb.toString();
    }

    /** The first (i', j') after (i, j) where the two line lists agree again, preferring the shortest skip. */
    private static int[] resync(List<String> a, List<String> b, int i, int j) {
        int limit = Math.max(a.size() - i, b.size() - j);
        for (int d = 1; d <= limit; d++) {
            for (int x = 0; x <= d; x++) {
                int ai = i + x;
                int bj = j + (d - x);
                if (ai <= a.size() && bj <= b.size() && tailsMatch(a, b, ai, bj)) {
                    return new int[] {ai, bj};
                }
            }
        }
        return new int[] {a.size(), b.size()};
    }

    private static boolean tailsMatch(List<String> a, List<String> b, int ai, int bj) {
        if (ai == a.size() || bj == b.size()) {
            return ai == a.size() && bj == b.size();
        }
        return a.get(ai).equals(b.get(bj));
    }

    private static String range(int start, int len) {
        return (len == 0 ? start : start + 1) + "," + len;
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
