package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.script.Ast.*;
import dev.ftcheck.runtime.script.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser from tokens to {@link Ast}, with Python's grammar and operator precedence for the
 * supported subset. Python syntax outside the subset fails with "syntax not supported by ftcheck scripts", naming
 * the construct; anything that is not Python at all is a "syntax error".
 */
final class Parser {
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");
    private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=",
            "&=", "|=", "^=");

    private final String file;
    private final List<Token> tokens;
    private int at;
    private int loops;
    private int functions;

    private Parser(String file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    static Program parse(String file, String source) {
        Parser p = new Parser(file, new Lexer(file, source).tokens());
        List<Stmt> body = new ArrayList<>();
        while (p.peek().kind() != Kind.END) {
            if (p.peek().kind() == Kind.NEWLINE) {
                p.next();
                continue;
            }
            if (p.peek().kind() == Kind.INDENT) {
                throw p.error(p.peek(), "unexpected indent");
            }
            body.addAll(p.statement());
        }
        return new Program(file, body);
    }

    // ---- statements

    private List<Stmt> statement() {
        Token t = peek();
        if (t.kind() == Kind.NAME) {
            switch (t.text()) {
                case "if" -> {
                    return List.of(ifStatement());
                }
                case "while" -> {
                    next();
                    Expr test = expression();
                    List<Stmt> body = loopBody();
                    return List.of(new While(test, body, elseBlock(), t.line(), t.col()));
                }
                case "for" -> {
                    next();
                    Expr target = targetList();
                    expectName("in");
                    Expr iter = expressionList();
                    List<Stmt> body = loopBody();
                    return List.of(new For(target, iter, body, elseBlock(), t.line(), t.col()));
                }
                case "try" -> {
                    return List.of(tryStatement());
                }
                case "def" -> {
                    return List.of(def());
                }
                case "class" -> throw unsupported(t, "class definitions");
                case "with" -> throw unsupported(t, "with statements");
                case "async" -> throw unsupported(t, "async");
                default -> { }
            }
        } else if (t.isOp("@")) {
            throw unsupported(t, "decorators");
        }
        return simpleStatements();
    }

    private Stmt ifStatement() {
        Token t = next(); // if / elif
        Expr test = expression();
        List<Stmt> body = block();
        List<Stmt> orElse = List.of();
        if (peek().isName("elif")) {
            orElse = List.of(ifStatement());
        } else if (peek().isName("else")) {
            next();
            orElse = block();
        }
        return new If(test, body, orElse, t.line(), t.col());
    }

    private List<Stmt> loopBody() {
        loops++;
        try {
            return block();
        } finally {
            loops--;
        }
    }

    private List<Stmt> elseBlock() {
        if (peek().isName("else")) {
            next();
            return block();
        }
        return List.of();
    }

    private Stmt tryStatement() {
        Token t = next();
        List<Stmt> body = block();
        List<Handler> handlers = new ArrayList<>();
        while (peek().isName("except")) {
            Token h = next();
            if (peek().isOp("*")) {
                throw unsupported(peek(), "except*");
            }
            Expr type = null;
            String name = null;
            if (!peek().isOp(":")) {
                type = expression();
                if (peek().isOp(",")) {
                    throw error(peek(), "multiple exception types must be parenthesized");
                }
                if (peek().isName("as")) {
                    next();
                    name = identifier();
                }
            }
            if (type == null && peek(0).isOp(":") && !handlers.isEmpty() && handlers.get(handlers.size() - 1)
                    .type() == null) {
                throw error(h, "a bare 'except:' must be the last except clause");
            }
            handlers.add(new Handler(type, name, block(), h.line(), h.col()));
        }
        List<Stmt> orElse = List.of();
        if (!handlers.isEmpty() && peek().isName("else")) {
            next();
            orElse = block();
        }
        List<Stmt> finalBody = List.of();
        if (peek().isName("finally")) {
            next();
            finalBody = block();
        }
        if (handlers.isEmpty() && finalBody.isEmpty()) {
            throw error(peek(), "expected 'except' or 'finally' block");
        }
        return new Try(body, handlers, orElse, finalBody, t.line(), t.col());
    }

    private Stmt def() {
        Token t = next();
        String name = identifier();
        expectOp("(");
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!peek().isOp(")")) {
            Token p = peek();
            if (p.isOp("*") || p.isOp("**") || p.isOp("/")) {
                throw unsupported(p, "'" + p.text() + "' in a parameter list (only plain parameters with defaults)");
            }
            String param = identifier();
            if (params.contains(param)) {
                throw error(p, "duplicate argument '" + param + "' in function definition");
            }
            if (peek().isOp(":")) {
                throw unsupported(peek(), "annotations");
            }
            params.add(param);
            if (peek().isOp("=")) {
                next();
                defaults.add(expression());
            } else if (!defaults.isEmpty()) {
                throw error(p, "parameter without a default follows parameter with a default");
            }
            if (!peek().isOp(")")) {
                expectOp(",");
            }
        }
        expectOp(")");
        if (peek().isOp("->")) {
            throw unsupported(peek(), "annotations");
        }
        int outerLoops = loops;
        loops = 0;
        functions++;
        List<Stmt> body;
        try {
            body = block();
        } finally {
            functions--;
            loops = outerLoops;
        }
        Set<String> globals = new LinkedHashSet<>();
        Set<String> locals = new LinkedHashSet<>(params);
        Scopes.collect(body, locals, globals);
        for (String g : globals) {
            if (params.contains(g)) {
                throw error(t, "name '" + g + "' is parameter and global");
            }
        }
        locals.removeAll(globals);
        return new Def(name, params, defaults, body, locals, globals, t.line(), t.col());
    }

    /** ':' then an indented block, or simple statements on the same line. */
    private List<Stmt> block() {
        expectOp(":");
        if (peek().kind() != Kind.NEWLINE) {
            return simpleStatements();
        }
        next();
        if (peek().kind() != Kind.INDENT) {
            throw error(peek(), "expected an indented block");
        }
        next();
        List<Stmt> body = new ArrayList<>();
        while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.END) {
            body.addAll(statement());
        }
        if (peek().kind() == Kind.DEDENT) {
            next();
        }
        return body;
    }

    private List<Stmt> simpleStatements() {
        List<Stmt> out = new ArrayList<>();
        out.add(smallStatement());
        while (peek().isOp(";")) {
            next();
            if (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.END) {
                break;
            }
            out.add(smallStatement());
        }
        if (peek().kind() == Kind.END) {
            return out;
        }
        if (peek().kind() != Kind.NEWLINE) {
            throw error(peek(), "invalid syntax");
        }
        next();
        return out;
    }

    private Stmt smallStatement() {
        Token t = peek();
        if (t.kind() == Kind.NAME) {
            switch (t.text()) {
                case "pass" -> {
                    next();
                    return new Pass(t.line(), t.col());
                }
                case "break", "continue" -> {
                    next();
                    if (loops == 0) {
                        throw error(t, "'" + t.text() + "' outside loop");
                    }
                    return t.text().equals("break") ? new Break(t.line(), t.col())
                            : new Continue(t.line(), t.col());
                }
                case "return" -> {
                    next();
                    if (functions == 0) {
                        throw error(t, "'return' outside function");
                    }
                    Expr v = endOfStatement() ? null : expressionList();
                    return new Return(v, t.line(), t.col());
                }
                case "global" -> {
                    next();
                    List<String> names = new ArrayList<>(List.of(identifier()));
                    while (peek().isOp(",")) {
                        next();
                        names.add(identifier());
                    }
                    return new Global(names, t.line(), t.col());
                }
                case "nonlocal" -> throw unsupported(t, "nonlocal");
                case "del" -> {
                    next();
                    List<Expr> targets = new ArrayList<>(List.of(delTarget()));
                    while (peek().isOp(",")) {
                        next();
                        if (endOfStatement()) {
                            break;
                        }
                        targets.add(delTarget());
                    }
                    return new Del(targets, t.line(), t.col());
                }
                case "assert" -> {
                    next();
                    Expr test = expression();
                    Expr message = null;
                    if (peek().isOp(",")) {
                        next();
                        message = expression();
                    }
                    return new Assert(test, message, t.line(), t.col());
                }
                case "raise" -> {
                    next();
                    Expr exc = endOfStatement() ? null : expression();
                    if (peek().isName("from")) {
                        throw unsupported(peek(), "raise ... from");
                    }
                    return new Raise(exc, t.line(), t.col());
                }
                case "import" -> {
                    next();
                    List<Alias> names = new ArrayList<>();
                    do {
                        if (!names.isEmpty()) {
                            next();
                        }
                        String name = dottedName();
                        String as = null;
                        if (peek().isName("as")) {
                            next();
                            as = identifier();
                        }
                        names.add(new Alias(name, as));
                    } while (peek().isOp(","));
                    return new Import(names, t.line(), t.col());
                }
                case "from" -> {
                    return importFrom();
                }
                case "yield" -> throw unsupported(t, "yield");
                case "await" -> throw unsupported(t, "await");
                default -> { }
            }
        }
        Expr first = expressionList();
        if (peek().isOp(":")) {
            throw unsupported(peek(), "annotations");
        }
        if (peek().kind() == Kind.OP && AUGMENTED.contains(peek().text())) {
            Token op = next();
            checkTarget(first, false);
            if (first instanceof TupleExpr || first instanceof ListExpr) {
                throw error(op, "illegal expression for augmented assignment");
            }
            Expr value = expressionList();
            return new AugAssign(first, op.text().substring(0, op.text().length() - 1), value, t.line(), t.col());
        }
        if (peek().isOp("=")) {
            List<Expr> targets = new ArrayList<>();
            Expr value = first;
            while (peek().isOp("=")) {
                next();
                checkTarget(value, true);
                targets.add(value);
                if (peek().isName("yield")) {
                    throw unsupported(peek(), "yield");
                }
                value = expressionList();
            }
            return new Assign(targets, value, t.line(), t.col());
        }
        return new ExprStmt(first, t.line(), t.col());
    }

    private Stmt importFrom() {
        Token t = next();
        if (peek().isOp(".") || peek().isOp("...")) {
            throw unsupported(peek(), "relative imports");
        }
        String module = dottedName();
        expectName("import");
        if (peek().isOp("*")) {
            throw unsupported(peek(), "import *");
        }
        boolean paren = peek().isOp("(");
        if (paren) {
            next();
        }
        List<Alias> names = new ArrayList<>();
        while (true) {
            String name = identifier();
            String as = null;
            if (peek().isName("as")) {
                next();
                as = identifier();
            }
            names.add(new Alias(name, as));
            if (!peek().isOp(",")) {
                break;
            }
            next();
            if (paren && peek().isOp(")")) {
                break;
            }
        }
        if (paren) {
            expectOp(")");
        }
        return new ImportFrom(module, names, t.line(), t.col());
    }

    private String dottedName() {
        StringBuilder sb = new StringBuilder(identifier());
        while (peek().isOp(".")) {
            next();
            sb.append('.').append(identifier());
        }
        return sb.toString();
    }

    private Expr delTarget() {
        Expr e = orTest();
        if (!(e instanceof Name || e instanceof Subscript || e instanceof Attribute)) {
            if (e instanceof TupleExpr || e instanceof ListExpr) {
                throw unsupported(at(e), "del of a tuple or list (write del a, b)");
            }
            throw error(at(e), "cannot delete " + describe(e));
        }
        return e;
    }

    private void checkTarget(Expr e, boolean unpack) {
        if (e instanceof Name || e instanceof Attribute || e instanceof Subscript) {
            return;
        }
        if (unpack && (e instanceof TupleExpr || e instanceof ListExpr)) {
            for (Expr item : e instanceof TupleExpr tu ? tu.items() : ((ListExpr) e).items()) {
                checkTarget(item, true);
            }
            return;
        }
        throw error(at(e), "cannot assign to " + describe(e));
    }

    private static String describe(Expr e) {
        return switch (e) {
            case Call c -> "function call";
            case Const c -> "literal";
            case Binary b -> "expression";
            case Compare c -> "comparison";
            default -> "expression";
        };
    }

    private boolean endOfStatement() {
        Token t = peek();
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.END || t.isOp(";");
    }

    // ---- expressions

    /** For targets: a, b or (a, b) or a.x, without the "in" that follows. */
    private Expr targetList() {
        Token t = peek();
        List<Expr> items = new ArrayList<>();
        items.add(bitOr());
        boolean comma = false;
        while (peek().isOp(",")) {
            comma = true;
            next();
            if (peek().isName("in")) {
                break;
            }
            items.add(bitOr());
        }
        Expr target = comma ? new TupleExpr(items, t.line(), t.col()) : items.get(0);
        checkTarget(target, true);
        return target;
    }

    /** expression (',' expression)* [','] — a tuple when there is a comma. */
    private Expr expressionList() {
        Token t = peek();
        Expr first = starAware();
        if (!peek().isOp(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOp(",")) {
            next();
            if (endOfStatement() || peek().isOp("=") || peek().isOp(")")
                    || (peek().kind() == Kind.OP && AUGMENTED.contains(peek().text()))) {
                break;
            }
            items.add(starAware());
        }
        return new TupleExpr(items, t.line(), t.col());
    }

    private Expr starAware() {
        if (peek().isOp("*")) {
            throw unsupported(peek(), "starred expressions outside a call's arguments");
        }
        return expression();
    }

    private Expr expression() {
        Token t = peek();
        if (t.isName("lambda")) {
            throw unsupported(t, "lambda");
        }
        if (t.isName("yield")) {
            throw unsupported(t, "yield");
        }
        if (t.isName("await")) {
            throw unsupported(t, "await");
        }
        Expr e = orTest();
        if (peek().isOp(":=")) {
            throw unsupported(peek(), "assignment expressions (:=)");
        }
        if (peek().isName("if")) {
            next();
            Expr test = orTest();
            expectName("else");
            Expr orElse = expression();
            return new IfExpr(test, e, orElse, t.line(), t.col());
        }
        return e;
    }

    private Expr orTest() {
        Token t = peek();
        Expr e = andTest();
        if (!peek().isName("or")) {
            return e;
        }
        List<Expr> values = new ArrayList<>(List.of(e));
        while (peek().isName("or")) {
            next();
            values.add(andTest());
        }
        return new BoolOp(false, values, t.line(), t.col());
    }

    private Expr andTest() {
        Token t = peek();
        Expr e = notTest();
        if (!peek().isName("and")) {
            return e;
        }
        List<Expr> values = new ArrayList<>(List.of(e));
        while (peek().isName("and")) {
            next();
            values.add(notTest());
        }
        return new BoolOp(true, values, t.line(), t.col());
    }

    private Expr notTest() {
        Token t = peek();
        if (t.isName("not")) {
            next();
            return new Unary("not", notTest(), t.line(), t.col());
        }
        return comparison();
    }

    private Expr comparison() {
        Token t = peek();
        Expr first = bitOr();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Token p = peek();
            String op = null;
            if (p.kind() == Kind.OP && Set.of("<", ">", "==", ">=", "<=", "!=").contains(p.text())) {
                op = p.text();
                next();
            } else if (p.isName("in")) {
                op = "in";
                next();
            } else if (p.isName("not") && peek(1).isName("in")) {
                op = "not in";
                next();
                next();
            } else if (p.isName("is")) {
                next();
                op = "is";
                if (peek().isName("not")) {
                    next();
                    op = "is not";
                }
            }
            if (op == null) {
                break;
            }
            ops.add(op);
            rest.add(bitOr());
        }
        return ops.isEmpty() ? first : new Compare(first, ops, rest, t.line(), t.col());
    }

    private Expr bitOr() {
        return binaryLevel(0);
    }

    private static final List<Set<String>> LEVELS = List.of(Set.of("|"), Set.of("^"), Set.of("&"),
            Set.of("<<", ">>"), Set.of("+", "-"), Set.of("*", "/", "//", "%", "@"));

    private Expr binaryLevel(int level) {
        if (level == LEVELS.size()) {
            return factor();
        }
        Expr e = binaryLevel(level + 1);
        while (peek().kind() == Kind.OP && LEVELS.get(level).contains(peek().text())) {
            Token op = next();
            if (op.text().equals("@")) {
                throw unsupported(op, "the matrix multiplication operator @");
            }
            e = new Binary(op.text(), e, binaryLevel(level + 1), op.line(), op.col());
        }
        return e;
    }

    private Expr factor() {
        Token t = peek();
        if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
            next();
            return new Unary(t.text(), factor(), t.line(), t.col());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek().isOp("**")) {
            Token op = next();
            return new Binary("**", base, factor(), op.line(), op.col());
        }
        return base;
    }

    private Expr primary() {
        Expr e = atom();
        while (true) {
            Token t = peek();
            if (t.isOp(".")) {
                next();
                e = new Attribute(e, identifier(), t.line(), t.col());
            } else if (t.isOp("(")) {
                next();
                e = new Call(e, arguments(), t.line(), t.col());
            } else if (t.isOp("[")) {
                next();
                e = new Subscript(e, subscript(), t.line(), t.col());
                expectOp("]");
            } else {
                return e;
            }
        }
    }

    private List<Arg> arguments() {
        List<Arg> args = new ArrayList<>();
        boolean keywords = false;
        while (!peek().isOp(")")) {
            Token t = peek();
            if (t.isOp("*")) {
                next();
                args.add(new Arg(ArgKind.STAR, null, expression()));
            } else if (t.isOp("**")) {
                next();
                args.add(new Arg(ArgKind.DSTAR, null, expression()));
                keywords = true;
            } else if (t.kind() == Kind.NAME && peek(1).isOp("=") && !KEYWORDS.contains(t.text())) {
                next();
                next();
                args.add(new Arg(ArgKind.KEYWORD, t.text(), expression()));
                keywords = true;
            } else {
                if (keywords) {
                    throw error(t, "positional argument follows keyword argument");
                }
                Expr v = expression();
                if (peek().isName("for") || peek().isName("async")) {
                    throw unsupported(peek(), "generator expressions");
                }
                args.add(new Arg(ArgKind.POS, null, v));
            }
            if (!peek().isOp(")")) {
                expectOp(",");
            }
        }
        expectOp(")");
        return args;
    }

    /** The index of a subscript: an expression, a slice, or a tuple of them. */
    private Expr subscript() {
        Token t = peek();
        Expr first = sliceItem();
        if (!peek().isOp(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOp(",")) {
            next();
            if (peek().isOp("]")) {
                break;
            }
            items.add(sliceItem());
        }
        return new TupleExpr(items, t.line(), t.col());
    }

    private Expr sliceItem() {
        Token t = peek();
        Expr lo = peek().isOp(":") ? null : expression();
        if (!peek().isOp(":")) {
            return lo;
        }
        next();
        Expr hi = peek().isOp(":") || peek().isOp("]") || peek().isOp(",") ? null : expression();
        Expr step = null;
        if (peek().isOp(":")) {
            next();
            step = peek().isOp("]") || peek().isOp(",") ? null : expression();
        }
        return new Slice(lo, hi, step, t.line(), t.col());
    }

    private Expr atom() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Const(t.value(), t.line(), t.col());
            case STRING: {
                Object v = t.value();
                while (peek().kind() == Kind.STRING) {
                    Token more = next();
                    v = join(v, more);
                }
                return new Const(v, t.line(), t.col());
            }
            case NAME:
                switch (t.text()) {
                    case "None":
                        return new Const(Keyword.NONE, t.line(), t.col());
                    case "True":
                        return new Const(Keyword.TRUE, t.line(), t.col());
                    case "False":
                        return new Const(Keyword.FALSE, t.line(), t.col());
                    case "lambda":
                        throw unsupported(t, "lambda");
                    case "yield":
                        throw unsupported(t, "yield");
                    case "await":
                        throw unsupported(t, "await");
                    default:
                        if (KEYWORDS.contains(t.text())) {
                            throw error(t, "invalid syntax ('" + t.text() + "' is a keyword)");
                        }
                        return new Name(t.text(), t.line(), t.col());
                }
            case OP:
                switch (t.text()) {
                    case "(":
                        return parenthesised(t);
                    case "[": {
                        List<Expr> items = display("]", "list comprehensions");
                        return new ListExpr(items, t.line(), t.col());
                    }
                    case "{":
                        return braces(t);
                    case "...":
                        return new Const(Keyword.ELLIPSIS, t.line(), t.col());
                    case "*":
                        throw unsupported(t, "starred expressions outside a call's arguments");
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        throw error(t, t.kind() == Kind.NEWLINE || t.kind() == Kind.END ? "unexpected end of line"
                : t.kind() == Kind.INDENT ? "unexpected indent" : "invalid syntax");
    }

    private Object join(Object v, Token more) {
        boolean bytesNow = v instanceof byte[];
        if (bytesNow != (more.value() instanceof byte[])) {
            throw error(more, "cannot mix bytes and nonbytes literals");
        }
        if (bytesNow) {
            byte[] a = (byte[]) v;
            byte[] b = (byte[]) more.value();
            byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
        return v + (String) more.value();
    }

    private Expr parenthesised(Token open) {
        if (peek().isOp(")")) {
            next();
            return new TupleExpr(List.of(), open.line(), open.col());
        }
        if (peek().isName("yield")) {
            throw unsupported(peek(), "yield");
        }
        Expr first = starAware();
        if (peek().isName("for") || peek().isName("async")) {
            throw unsupported(peek(), "generator expressions");
        }
        if (peek().isOp(")")) {
            next();
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOp(",")) {
            next();
            if (peek().isOp(")")) {
                break;
            }
            items.add(starAware());
        }
        expectOp(")");
        return new TupleExpr(items, open.line(), open.col());
    }

    private List<Expr> display(String close, String comprehension) {
        List<Expr> items = new ArrayList<>();
        while (!peek().isOp(close)) {
            items.add(starAware());
            if (peek().isName("for") || peek().isName("async")) {
                throw unsupported(peek(), comprehension);
            }
            if (!peek().isOp(close)) {
                expectOp(",");
            }
        }
        expectOp(close);
        return items;
    }

    private Expr braces(Token open) {
        if (peek().isOp("}")) {
            next();
            return new DictExpr(List.of(), List.of(), open.line(), open.col());
        }
        if (peek().isOp("**")) {
            throw unsupported(peek(), "** in a dict display");
        }
        Expr first = starAware();
        if (!peek().isOp(":")) {
            if (peek().isName("for") || peek().isName("async")) {
                throw unsupported(peek(), "set comprehensions");
            }
            List<Expr> items = new ArrayList<>(List.of(first));
            if (!peek().isOp("}")) {
                expectOp(",");
                items.addAll(display("}", "set comprehensions"));
            } else {
                next();
            }
            return new SetExpr(items, open.line(), open.col());
        }
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        Expr key = first;
        while (true) {
            expectOp(":");
            keys.add(key);
            values.add(expression());
            if (peek().isName("for") || peek().isName("async")) {
                throw unsupported(peek(), "dict comprehensions");
            }
            if (peek().isOp("}")) {
                break;
            }
            expectOp(",");
            if (peek().isOp("}")) {
                break;
            }
            if (peek().isOp("**")) {
                throw unsupported(peek(), "** in a dict display");
            }
            key = expression();
        }
        expectOp("}");
        return new DictExpr(keys, values, open.line(), open.col());
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Kind.NAME || KEYWORDS.contains(t.text())) {
            throw error(t, "expected a name");
        }
        return t.text();
    }

    private void expectOp(String op) {
        Token t = peek();
        if (!t.isOp(op)) {
            throw error(t, "expected '" + op + "'");
        }
        next();
    }

    private void expectName(String name) {
        Token t = peek();
        if (!t.isName(name)) {
            throw error(t, "expected '" + name + "'");
        }
        next();
    }

    private Token at(Expr e) {
        return new Token(Kind.OP, "", null, e.line(), e.col());
    }

    private ScriptSyntaxError error(Token t, String what) {
        return new ScriptSyntaxError(file, t.line(), t.col(), "syntax error: " + what);
    }

    private ScriptSyntaxError unsupported(Token t, String what) {
        return ScriptSyntaxError.unsupported(file, t.line(), t.col(), what);
    }
}
