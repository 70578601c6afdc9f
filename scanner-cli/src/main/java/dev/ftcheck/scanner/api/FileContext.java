package dev.ftcheck.scanner.api;

import java.nio.file.Path;

/**
 * What a {@link FileRule} receives for one C/C++ file: the text, the tree, the language, the path, and the means to
 * report findings, modules and facts. One context per (rule, file); findings are attributed to that rule.
 */
public final class FileContext {
    private final SourceFile file;
    private final Language language;
    private final SyntaxTree tree;
    private final RuleMetadata rule;
    private final ScanSink sink;
    private final boolean linkedCode;

    public FileContext(SourceFile file, Language language, SyntaxTree tree, RuleMetadata rule, ScanSink sink) {
        this(file, language, tree, rule, sink, false);
    }

    /**
     * @param linkedCode true in the engine's second pass over files without any rule trigger (see
     *     {@link ProjectPhase#analysesLinkedCode()})
     */
    public FileContext(SourceFile file, Language language, SyntaxTree tree, RuleMetadata rule, ScanSink sink,
            boolean linkedCode) {
        this.file = file;
        this.language = language;
        this.tree = tree;
        this.rule = rule;
        this.sink = sink;
        this.linkedCode = linkedCode;
    }

    /** True when this file has no Python API of its own and is analysed only as code linked into an extension. */
    public boolean linkedCode() {
        return linkedCode;
    }

    public Path path() {
        return file.path();
    }

    /** The path as reports show it (relative to the scan root when possible, forward slashes). */
    public String displayPath() {
        return file.displayPath();
    }

    public Language language() {
        return language;
    }

    /** The decoded source text (tree offsets index into it). */
    public String source() {
        return tree.source();
    }

    public SyntaxTree tree() {
        return tree;
    }

    public Node root() {
        return tree.root();
    }

    /** The source text of a node. */
    public String text(Node node) {
        return node.text();
    }

    /** The text of a 1-based line. */
    public String lineText(int line) {
        return tree.lineText(line);
    }

    /** The file as project rules will see it. */
    public SourceFile file() {
        return file;
    }

    /** The rule this context reports for. */
    public RuleMetadata rule() {
        return rule;
    }

    /** Starts a finding spanning {@code node}. */
    public FindingBuilder report(Node node) {
        if (Python2Code.of(tree).contains(node.startOffset())) {
            return discarded(node.startLine());
        }
        Location loc = new Location(file.displayPath(), node.startLine(), node.startColumn(), node.endLine(),
                node.endColumn());
        return new FindingBuilder(rule, loc, tree.lineText(node.startLine()), sink::finding);
    }

    /** Starts a finding spanning character offsets {@code [start, end)} of the source. */
    public FindingBuilder report(int start, int end) {
        int line = tree.lineOf(start);
        if (Python2Code.of(tree).contains(start)) {
            return discarded(line);
        }
        int endLine = tree.lineOf(Math.max(start, end));
        Location loc = new Location(file.displayPath(), line, columnAt(start), endLine, columnAt(Math.max(start, end)));
        return new FindingBuilder(rule, loc, tree.lineText(line), sink::finding);
    }

    /** A builder whose finding goes nowhere: code only Python 2 compiles (see {@link Python2Code}). */
    private FindingBuilder discarded(int line) {
        Location loc = new Location(file.displayPath(), line, 1, line, 1);
        return new FindingBuilder(rule, loc, tree.lineText(line), finding -> { });
    }

    private int columnAt(int offset) {
        int lineStart = offset;
        String s = tree.source();
        while (lineStart > 0 && s.charAt(lineStart - 1) != '\n') {
            lineStart--;
        }
        return offset - lineStart + 1;
    }

    /** Records an extension module for the report's {@code modules[]}. */
    public void reportModule(ModuleInfo module) {
        sink.module(module);
    }

    /**
     * Shares a fact with project rules, which read it with {@link ProjectContext#published(Class)}. Use a record
     * type of your own as the key, e.g. {@code publish(GilDeclarationSite.class, site)}.
     */
    public <T> void publish(Class<T> type, T fact) {
        sink.publish(type, fact);
    }
}
