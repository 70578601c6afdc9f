package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Singletons;

/**
 * The script's operators, each the C-API function CPython's eval loop uses for it (so the operand types' slots and
 * reflected operands behave as in CPython). Operands are borrowed; results are new references; errors throw.
 */
final class Operators {
    private Operators() {}

    static long binary(String op, long a, long b) {
        return switch (op) {
            case "+" -> AbstractApi.PyNumber_Add(a, b);
            case "-" -> AbstractApi.PyNumber_Subtract(a, b);
            case "*" -> AbstractApi.PyNumber_Multiply(a, b);
            case "/" -> AbstractApi.PyNumber_TrueDivide(a, b);
            case "//" -> AbstractApi.PyNumber_FloorDivide(a, b);
            case "%" -> AbstractApi.PyNumber_Remainder(a, b);
            case "**" -> AbstractApi.PyNumber_Power(a, b, Singletons.NONE);
            case "<<" -> AbstractApi.PyNumber_Lshift(a, b);
            case ">>" -> AbstractApi.PyNumber_Rshift(a, b);
            case "&" -> AbstractApi.PyNumber_And(a, b);
            case "|" -> AbstractApi.PyNumber_Or(a, b);
            case "^" -> AbstractApi.PyNumber_Xor(a, b);
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    /** a op= b: the in-place slot first, as CPython's augmented assignment. */
    static long inPlace(String op, long a, long b) {
        return switch (op) {
            case "+" -> AbstractApi.PyNumber_InPlaceAdd(a, b);
            case "-" -> AbstractApi.PyNumber_InPlaceSubtract(a, b);
            case "*" -> AbstractApi.PyNumber_InPlaceMultiply(a, b);
            case "/" -> AbstractApi.PyNumber_InPlaceTrueDivide(a, b);
            case "//" -> AbstractApi.PyNumber_InPlaceFloorDivide(a, b);
            case "%" -> AbstractApi.PyNumber_InPlaceRemainder(a, b);
            case "**" -> AbstractApi.PyNumber_InPlacePower(a, b, Singletons.NONE);
            case "<<" -> AbstractApi.PyNumber_InPlaceLshift(a, b);
            case ">>" -> AbstractApi.PyNumber_InPlaceRshift(a, b);
            case "&" -> AbstractApi.PyNumber_InPlaceAnd(a, b);
            case "|" -> AbstractApi.PyNumber_InPlaceOr(a, b);
            case "^" -> AbstractApi.PyNumber_InPlaceXor(a, b);
            default -> throw new IllegalArgumentException("operator " + op + "=");
        };
    }

    static long unary(String op, long a) {
        return switch (op) {
            case "-" -> AbstractApi.PyNumber_Negative(a);
            case "+" -> AbstractApi.PyNumber_Positive(a);
            case "~" -> AbstractApi.PyNumber_Invert(a);
            case "not" -> Heap.newRef(Singletons.bool(!Protocols.isTrue(a)));
            default -> throw new IllegalArgumentException("unary " + op);
        };
    }

    /** One comparison of a chain: a op b. */
    static long compare(String op, long a, long b) {
        return switch (op) {
            case "<" -> Compare.rich(a, b, 0);
            case "<=" -> Compare.rich(a, b, 1);
            case "==" -> Compare.rich(a, b, 2);
            case "!=" -> Compare.rich(a, b, 3);
            case ">" -> Compare.rich(a, b, 4);
            case ">=" -> Compare.rich(a, b, 5);
            case "in" -> Heap.newRef(Singletons.bool(contains(b, a)));
            case "not in" -> Heap.newRef(Singletons.bool(!contains(b, a)));
            case "is" -> Heap.newRef(Singletons.bool(a == b));
            case "is not" -> Heap.newRef(Singletons.bool(a != b));
            default -> throw new IllegalArgumentException("comparison " + op);
        };
    }

    private static boolean contains(long container, long item) {
        int r = AbstractApi.PySequence_Contains(container, item);
        if (r < 0) {
            throw ErrorAlreadySet.INSTANCE;
        }
        return r != 0;
    }
}
