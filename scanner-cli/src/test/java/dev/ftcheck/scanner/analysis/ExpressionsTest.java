package dev.ftcheck.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Container expressions are compared after normalisation; critical sections and origins depend on it. */
class ExpressionsTest {

    @Test
    void spellingsOfTheSameExpressionNormaliseAlike() {
        assertEquals("self->attrib", Expressions.normalize("(self)->attrib"));
        assertEquals("self->attrib", Expressions.normalize("self -> attrib"));
        assertEquals("self->attrib", Expressions.normalize("((PyObject *)self->attrib)"));
        assertEquals("d", Expressions.normalize("(const struct _dictobject **)(d)"));
        assertEquals("&cs", Expressions.normalize("& cs"));
        assertEquals("a+b", Expressions.normalize("(a + b)"));
        assertEquals("a+b*c", Expressions.normalize("(a)+(b)*c"));
    }

    @Test
    void fieldAndBaseOfMemberExpressions() {
        assertEquals("self", Expressions.baseIdentifier("self->children"));
        assertEquals("children", Expressions.lastField("self->tree.children"));
        assertNull(Expressions.lastField("items"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void longUnclosedArgumentsDoNotBacktrack() {
        // Machine-generated code and broken macros produce long argument texts; the cast pattern must stay linear.
        String ident = "x".repeat(5_000);
        String s = "(" + " " + ident + " " + ident + " const";
        assertEquals(s.replace(" ", ""), Expressions.normalize(s));
    }
}
