package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Node;
import java.util.List;
import java.util.Map;

/**
 * One function definition: its name, parameters, body tokens and the calls made in it.
 *
 * @param node the {@code function_definition} node
 * @param name the function's name (last component for C++ qualified names)
 * @param nameNode the node of the name, where findings about the function point
 * @param isStatic declared {@code static} (file-local)
 * @param returnType the declared return type text with pointer stars, e.g. {@code PyObject *}
 * @param params parameters in order
 * @param bodyOpen token index of the body's {@code {}
 * @param bodyClose token index of the body's closing brace (or the last token of the file when unbalanced)
 * @param calls every call or function-like macro use in the body, in source order
 * @param locals local variable declarations: name to declared type text (with stars)
 */
public record FunctionInfo(Node node, String name, Node nameNode, boolean isStatic, String returnType,
        List<Param> params, int bodyOpen, int bodyClose, List<CallSite> calls, Map<String, String> locals) {

    /** A parameter: its name (may be null for unnamed ones) and type text with pointer stars. */
    public record Param(String name, String type) {}

    public Param param(String paramName) {
        for (Param p : params) {
            if (paramName.equals(p.name())) {
                return p;
            }
        }
        return null;
    }

    public int paramIndex(String paramName) {
        for (int i = 0; i < params.size(); i++) {
            if (paramName.equals(params.get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    /** True for a region of unparsed code that the token-level fallback shows as a function (see FileAnalysis). */
    public boolean isPseudo() {
        return name.startsWith("<");
    }

    /** True when token {@code i} lies inside the body. */
    public boolean containsToken(int i) {
        return i > bodyOpen && i < bodyClose;
    }
}
