package dev.ftcheck.runtime.script;

import java.util.List;
import java.util.Set;

/** The syntax tree of a script: the expressions and statements of the supported subset, each with its position. */
final class Ast {
    private Ast() {}

    /** None, True, False and Ellipsis, which are keywords rather than names. */
    enum Keyword { NONE, TRUE, FALSE, ELLIPSIS }

    sealed interface Node {
        int line();

        int col();
    }

    sealed interface Expr extends Node {}

    /** A literal: Long, BigInteger, Double, PyComplex, String, byte[] or a {@link Keyword}. */
    record Const(Object value, int line, int col) implements Expr {}

    record Name(String id, int line, int col) implements Expr {}

    record Attribute(Expr obj, String name, int line, int col) implements Expr {}

    /** One argument at a call site; kind POS, STAR (*x), KEYWORD (name=x) or DSTAR (**x). */
    record Arg(ArgKind kind, String name, Expr value) {}

    enum ArgKind { POS, STAR, KEYWORD, DSTAR }

    record Call(Expr fn, List<Arg> args, int line, int col) implements Expr {}

    record Subscript(Expr obj, Expr index, int line, int col) implements Expr {}

    /** lo:hi:step inside a subscript; absent parts are null. */
    record Slice(Expr lo, Expr hi, Expr step, int line, int col) implements Expr {}

    /** op is "-", "+", "~" or "not". */
    record Unary(String op, Expr operand, int line, int col) implements Expr {}

    record Binary(String op, Expr left, Expr right, int line, int col) implements Expr {}

    /** a and b and c / a or b or c: short-circuit, the deciding operand is the value. */
    record BoolOp(boolean and, List<Expr> values, int line, int col) implements Expr {}

    /** first op0 rest0 op1 rest1 ...; ops are "<", "==", "in", "not in", "is", "is not", ... */
    record Compare(Expr first, List<String> ops, List<Expr> rest, int line, int col) implements Expr {}

    record IfExpr(Expr test, Expr body, Expr orElse, int line, int col) implements Expr {}

    record TupleExpr(List<Expr> items, int line, int col) implements Expr {}

    record ListExpr(List<Expr> items, int line, int col) implements Expr {}

    record SetExpr(List<Expr> items, int line, int col) implements Expr {}

    record DictExpr(List<Expr> keys, List<Expr> values, int line, int col) implements Expr {}

    sealed interface Stmt extends Node {}

    record ExprStmt(Expr value, int line, int col) implements Stmt {}

    /** targets[0] = targets[1] = ... = value. */
    record Assign(List<Expr> targets, Expr value, int line, int col) implements Stmt {}

    /** op is the operator without "=" ("+", "//", ...). */
    record AugAssign(Expr target, String op, Expr value, int line, int col) implements Stmt {}

    record Assert(Expr test, Expr message, int line, int col) implements Stmt {}

    record If(Expr test, List<Stmt> body, List<Stmt> orElse, int line, int col) implements Stmt {}

    record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orElse, int line, int col) implements Stmt {}

    record While(Expr test, List<Stmt> body, List<Stmt> orElse, int line, int col) implements Stmt {}

    /**
     * def name(params): body. {@code defaults} belong to the last parameters; {@code locals} are the names the body
     * binds (parameters included, {@code globals} excluded), fixed at parse time as in Python.
     */
    record Def(String name, List<String> params, List<Expr> defaults, List<Stmt> body, Set<String> locals,
            Set<String> globals, int line, int col) implements Stmt {}

    record Return(Expr value, int line, int col) implements Stmt {}

    record Global(List<String> names, int line, int col) implements Stmt {}

    /** except [type [as name]]: body; type null catches everything. */
    record Handler(Expr type, String name, List<Stmt> body, int line, int col) {}

    record Try(List<Stmt> body, List<Handler> handlers, List<Stmt> orElse, List<Stmt> finalBody, int line, int col)
            implements Stmt {}

    /** raise [exc]; exc null re-raises the exception being handled. */
    record Raise(Expr exc, int line, int col) implements Stmt {}

    record Pass(int line, int col) implements Stmt {}

    record Break(int line, int col) implements Stmt {}

    record Continue(int line, int col) implements Stmt {}

    record Del(List<Expr> targets, int line, int col) implements Stmt {}

    /** import a.b.c [as x]: asName null binds the first component to the top package. */
    record Alias(String name, String asName) {}

    record Import(List<Alias> names, int line, int col) implements Stmt {}

    record ImportFrom(String module, List<Alias> names, int line, int col) implements Stmt {}

    /** A whole script (or one --call). */
    record Program(String file, List<Stmt> body) {}
}
