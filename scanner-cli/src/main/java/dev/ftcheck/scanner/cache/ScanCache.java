package dev.ftcheck.scanner.cache;

import dev.ftcheck.scanner.FileOutcome;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.RuleMetadata;
import dev.ftcheck.scanner.api.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The on-disk scan cache, handed to a {@link dev.ftcheck.scanner.Scanner} as a collaborator (a scanner without one
 * analyses everything). Each scan opens a {@link Session}: it looks entries up by {@link Key}, hands in what it
 * analysed, and on {@link Session#finish()} the pack is rewritten with exactly the entries this scan used. Nothing
 * here ever fails a scan: an entry that does not decode is a miss, and a directory that cannot be written gives
 * one warning and the scan goes on.
 */
public final class ScanCache {
    /**
     * What the latest scan did with the cache.
     *
     * @param reused file entries (per-file phase and linked-code pass) taken from the cache
     * @param analysed file entries computed by this scan
     * @param resultReused the whole result came from the cache: no file was analysed and no project rule ran
     * @param written the pack was rewritten
     * @param unread the whole result was known from the inputs' file-system stats: no input was read or hashed
     */
    public record Stats(int reused, int analysed, boolean resultReused, boolean written, boolean unread) {}

    private final PackStore store;
    private final Consumer<String> warnings;
    private boolean warned;
    private volatile Stats last;

    private ScanCache(Path dir, Consumer<String> warnings) {
        this.store = new PackStore(dir);
        this.warnings = warnings;
    }

    /** A cache in {@code dir} (created on first write); {@code warnings} receives one line when it cannot be written. */
    public static ScanCache at(Path dir, Consumer<String> warnings) {
        return new ScanCache(dir, warnings);
    }

    public Path dir() {
        return store.dir();
    }

    /** The latest scan's figures, or null before any. */
    public Stats lastStats() {
        return last;
    }

    /** {@code ftcheck clean}: removes what the cache wrote in {@code dir}; false when there was nothing. */
    public static boolean clean(Path dir) throws IOException {
        return new PackStore(dir).clean();
    }

    /** Opens the pack for a scan of {@code roots} by a scanner with these keys and rules. */
    public Session begin(CacheKeys keys, List<String> roots, Collection<RuleMetadata> rules) {
        return new Session(keys.packName(roots), new EntryCodec(rules));
    }

    private synchronized void warnOnce(IOException e) {
        if (!warned) {
            warned = true;
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            warnings.accept("warning: cannot write the scan cache in " + store.dir() + " (" + why
                    + "); the scan goes on without it (--no-cache turns it off)");
        }
    }

    /** One scan's use of the cache. Lookups and puts may come from several threads. */
    public final class Session {
        private final String pack;
        private final EntryCodec codec;
        private final Map<Key, PackStore.Slice> previous;
        private final Map<Key, PackStore.Slice> used = new ConcurrentHashMap<>();
        private final AtomicInteger reused = new AtomicInteger();
        private final AtomicInteger analysed = new AtomicInteger();
        private volatile boolean changed;
        private boolean resultReused;
        private boolean unread;

        private Session(String pack, EntryCodec codec) {
            this.pack = pack;
            this.codec = codec;
            this.previous = store.read(pack);
        }

        /** The cached outcome for {@code key}, re-bound to {@code self}; null on a miss. */
        public FileOutcome outcome(Key key, SourceFile self) {
            PackStore.Slice s = previous.get(key);
            if (s == null) {
                return null;
            }
            try {
                FileOutcome o = codec.decodeOutcome(s.buf(), s.off(), s.len(), self);
                used.put(key, s);
                reused.incrementAndGet();
                return o;
            } catch (EntryCodec.Corrupt | RuntimeException e) {
                return null;
            }
        }

        /** Records a freshly analysed outcome; one the scanner failed on, or that cannot be encoded, is not kept. */
        public void put(Key key, FileOutcome o, SourceFile self) {
            analysed.incrementAndGet();
            if (o.hasInternalError()) {
                return;
            }
            try {
                used.put(key, PackStore.Slice.of(codec.encode(o, self)));
                changed = true;
            } catch (EntryCodec.Uncacheable | RuntimeException e) {
                // analysed again next time
            }
        }

        /** The cached whole result for {@code key}, or null. */
        public ScanResult result(Key key) {
            PackStore.Slice s = previous.get(key);
            if (s == null) {
                return null;
            }
            try {
                ScanResult r = codec.decodeResult(s.buf(), s.off(), s.len());
                resultReused = true;
                return r;
            } catch (EntryCodec.Corrupt | RuntimeException e) {
                return null;
            }
        }

        /**
         * The whole result known from the inputs' stats alone ({@link InputStats}): the last scan recorded these
         * exact stats and the result they led to. Null when any input differs or is too recent to trust, or when
         * {@code stats} is null (an input could not be stat'ed).
         */
        public ScanResult resultFromStats(Key shape, List<InputStats.Stat> stats) {
            PackStore.Slice s = previous.get(InputStats.KEY);
            if (s == null || stats == null) {
                return null;
            }
            Key k = InputStats.knownResult(s.buf(), s.off(), s.len(), shape, stats);
            ScanResult r = k == null ? null : result(k);
            if (r != null) {
                unread = true;
            }
            return r;
        }

        /**
         * Records the inputs' stats, taken before they were read by a scan that started at {@code startNanos}, with
         * the result key their contents gave. Not recorded when an input is too recent to be trusted next time
         * (the table would not help) or could not be stat'ed.
         */
        public void recordStats(Key shape, List<InputStats.Stat> stats, long startNanos, Key result) {
            if (stats == null) {
                return;
            }
            for (InputStats.Stat st : stats) {
                if (st.modifiedNanos() > startNanos - InputStats.RACY_NANOS
                        || st.changedNanos() > startNanos - InputStats.RACY_NANOS) {
                    return;
                }
            }
            byte[] table = InputStats.encode(shape, stats, startNanos, result);
            PackStore.Slice old = previous.get(InputStats.KEY);
            used.put(InputStats.KEY, PackStore.Slice.of(table));
            Key recorded = old == null ? null : InputStats.knownResult(old.buf(), old.off(), old.len(), shape, stats);
            if (!result.equals(recorded)) {
                changed = true; // a new or different table; an equivalent one is not worth a rewrite
            }
        }

        /** Records the whole result (the scanner leaves out results with internal errors). */
        public void putResult(Key key, ScanResult result) {
            try {
                used.put(key, PackStore.Slice.of(codec.encode(result)));
                changed = true;
            } catch (EntryCodec.Uncacheable | RuntimeException e) {
                // the per-file entries still serve the next scan
            }
        }

        /** Writes the pack when this scan added anything, then prunes; a failure is one warning, never an error. */
        public void finish() {
            boolean written = false;
            if (changed) {
                // a reused whole result consulted no file entry: keep them all for the next partial change
                Map<Key, PackStore.Slice> entries = used;
                if (resultReused) {
                    entries = new java.util.HashMap<>(previous);
                    entries.putAll(used);
                }
                try {
                    store.write(pack, entries);
                    written = true;
                } catch (IOException e) {
                    warnOnce(e);
                } catch (RuntimeException e) {
                    warnOnce(new IOException(e.toString(), e));
                }
                if (written) {
                    try {
                        store.prune(pack);
                    } catch (IOException | RuntimeException e) {
                        // best effort: the next scan prunes again
                    }
                }
            } else if (resultReused) {
                store.touch(pack);
            }
            last = new Stats(reused.get(), analysed.get(), resultReused, written, unread);
        }
    }
}
