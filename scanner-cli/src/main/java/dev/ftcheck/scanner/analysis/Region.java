package dev.ftcheck.scanner.analysis;

import java.util.Set;

/**
 * A stretch of a function body, tokens {@code from < i < to}, during which something holds: a critical section on
 * {@code subjects}, a mutex held, the thread state detached.
 *
 * @param from token index of the opening marker
 * @param to token index of the closing marker (or the end of the function body when never closed)
 * @param subjects normalised expressions the region is about (locked objects or mutexes); may be empty
 * @param opener the API that opened the region
 */
public record Region(int from, int to, Set<String> subjects, String opener) {
    public boolean contains(int token) {
        return token > from && token < to;
    }
}
