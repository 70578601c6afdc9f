package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Node;

/** Reading C declarators: the declared name, its type as text ({@code const char *}), function declarators. */
public final class TypeText {
    private TypeText() {
    }

    /** The identifier a declarator declares, unwrapping pointers, arrays, initialisers and parentheses. */
    public static Node declaredName(Node declarator) {
        Node d = declarator;
        for (int guard = 0; d != null && guard < 64; guard++) {
            switch (d.type()) {
                case "identifier", "field_identifier", "type_identifier", "qualified_identifier",
                        "destructor_name", "operator_name" -> {
                    return d;
                }
                case "pointer_declarator", "array_declarator", "init_declarator", "function_declarator",
                        "parenthesized_declarator", "reference_declarator", "attributed_declarator" -> {
                    Node next = d.field("declarator");
                    if (next == null) {
                        for (Node c : d.namedChildren()) {
                            if (!c.is("type_qualifier") && !c.is("ms_pointer_modifier")) {
                                next = c;
                                break;
                            }
                        }
                    }
                    d = next;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** The function_declarator inside a declarator (through pointer declarators), or null. */
    public static Node findFunctionDeclarator(Node declarator) {
        Node d = declarator;
        for (int guard = 0; d != null && guard < 64; guard++) {
            if (d.is("function_declarator")) {
                return d;
            }
            if (d.is("pointer_declarator") || d.is("parenthesized_declarator") || d.is("attributed_declarator")
                    || d.is("reference_declarator")) {
                d = d.field("declarator") != null ? d.field("declarator") : lastNamed(d);
            } else {
                return null;
            }
        }
        return null;
    }

    private static Node lastNamed(Node d) {
        Node last = null;
        for (Node c : d.namedChildren()) {
            last = c;
        }
        return last;
    }

    /** True when the declarator declares a function (a prototype), not a variable or function pointer. */
    public static boolean isFunctionDeclarator(Node declarator) {
        Node d = declarator;
        if (d.is("init_declarator")) {
            return false;
        }
        while (d != null && d.is("pointer_declarator")) {
            d = d.field("declarator");
        }
        return d != null && d.is("function_declarator")
                && (d.field("declarator") == null || !d.field("declarator").is("parenthesized_declarator"));
    }

    /**
     * The type of the entity {@code nameNode} that {@code declarator} declares inside declaration {@code decl}: the
     * declaration's type and qualifiers plus one {@code *} per pointer level and {@code []} per array level.
     */
    public static String typeOf(Node decl, Node declarator, Node nameNode) {
        StringBuilder sb = new StringBuilder();
        for (Node c : decl.children()) {
            if (c.is("type_qualifier")) {
                sb.append(c.text()).append(' ');
            }
        }
        Node type = decl.field("type");
        if (type != null) {
            sb.append(type.text().replaceAll("\\s+", " "));
        }
        int stars = 0;
        int arrays = 0;
        boolean constPointer = false;
        for (Node d = nameNode == null ? null : nameNode.parent(); d != null && declarator != null
                && d.startOffset() >= declarator.startOffset() && d.endOffset() <= declarator.endOffset();
                d = d.parent()) {
            if (d.is("pointer_declarator")) {
                stars++;
                if (stars == 1) {
                    for (Node c : d.namedChildren()) {
                        constPointer |= c.is("type_qualifier") && c.textEquals("const");
                    }
                }
            } else if (d.is("array_declarator")) {
                arrays++;
            }
            if (d.index() == declarator.index()) {
                break;
            }
        }
        if (stars > 0) {
            sb.append(' ').append("*".repeat(stars));
            if (constPointer) {
                sb.append("const");
            }
        }
        if (arrays > 0) {
            sb.append("[]".repeat(arrays));
        }
        return sb.toString().trim();
    }

    /** The base type name without qualifiers, {@code struct} and pointer stars: {@code BufferObject}. */
    public static String baseName(String type) {
        if (type == null) {
            return null;
        }
        String t = type.replaceAll("\\b(const|volatile|struct|union|enum|static|register|restrict)\\b", " ")
                .replace("*", " ").replace("[]", " ").trim();
        int sp = t.lastIndexOf(' ');
        t = sp >= 0 ? t.substring(sp + 1) : t;
        return t.isEmpty() ? null : t;
    }

    /** Pointer depth of a type text. */
    public static int stars(String type) {
        int n = 0;
        for (int i = 0; i < type.length(); i++) {
            if (type.charAt(i) == '*') {
                n++;
            }
        }
        return n;
    }

    /** Two member types are interchangeable for our purposes (same base name and pointer depth). */
    static boolean sameKind(String a, String b) {
        return stars(a) == stars(b) && String.valueOf(baseName(a)).equals(baseName(b));
    }

    /** True when the outermost object of the declared type is const (writes would not compile). */
    public static boolean isConstObject(String type) {
        if (type.endsWith("*const") || type.contains("*const[")) {
            return true;
        }
        return stars(type) == 0 && type.matches(".*\\bconst\\b.*");
    }
}
