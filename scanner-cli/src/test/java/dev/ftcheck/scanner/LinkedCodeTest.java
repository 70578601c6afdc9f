package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cheap test that picks trigger-free files for the linked-code pass. */
class LinkedCodeTest {
    private static final Set<String> CALLED = Set.of("arena_alloc", "crc32");

    @Test
    void aCalledNameFollowedByAParenthesisSelectsTheFile() {
        assertTrue(Scanner.definesCalled("void *\narena_alloc (size_t n)\n{", CALLED));
        assertTrue(Scanner.definesCalled("unsigned long crc32(unsigned long c, const void *p, size_t n);", CALLED));
    }

    @Test
    void otherMentionsDoNotSelectIt() {
        assertFalse(Scanner.definesCalled("/* see arena_alloc */ int arena_allocator(void);", CALLED));
        assertFalse(Scanner.definesCalled("x = my_arena_alloc(1); y = 0xcrc32(2);", CALLED));
        assertFalse(Scanner.definesCalled("", CALLED));
    }
}
