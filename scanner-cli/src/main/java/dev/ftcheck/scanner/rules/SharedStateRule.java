package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.GlobalState;
import dev.ftcheck.scanner.analysis.TypeText;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.FindingBuilder;
import dev.ftcheck.scanner.api.Location;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectPhase;
import dev.ftcheck.scanner.api.SourceFile;
import dev.ftcheck.scanner.rules.GlobalStateFacts.DeferredHazard;
import dev.ftcheck.scanner.rules.GlobalStateFacts.ExternalWrite;
import dev.ftcheck.scanner.rules.GlobalStateFacts.FileCalls;
import dev.ftcheck.scanner.rules.GlobalStateFacts.GlobalDefinition;
import dev.ftcheck.scanner.rules.GlobalStateFacts.Reported;
import dev.ftcheck.scanner.rules.GlobalStateFacts.Site;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared logic of the global-state family; subclasses choose file-scope or function-static variables.
 *
 * <p>A hazard is reported on the variable's declaration (listing the write sites, with them as related locations)
 * and on each write site. Most verdicts are final per file; a hazard with a write in a function that has external
 * linkage and no caller in its own file waits for {@link #finish}, which sees the whole project's call graph: a
 * helper that other files call only from module init is init too. Linked code (files without Python API, see
 * {@link ProjectPhase}) only counts writes in functions extension code reaches outside any lock.
 */
abstract class SharedStateRule implements FileRule, ProjectPhase {
    /** Write findings per variable; generated code can write one variable thousands of times. */
    static final int MAX_WRITE_FINDINGS = 64;

    abstract boolean functionStatic();

    @Override
    public boolean analysesLinkedCode() {
        return true;
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        boolean linked = ctx.linkedCode();
        FileCalls calls = FileCalls.of(fa, ctx.displayPath(), !linked);
        ctx.publish(FileCalls.class, calls);
        Set<String> calledHere = new HashSet<>();
        calls.callees().values().forEach(calledHere::addAll);
        if (!linked) {
            ctx.publish(CalledNames.class, new CalledNames(calledHere));
        }
        SourceFile file = ctx.file();
        Set<String> reachedFromOutside = reachedOnlyFromOtherFiles(fa, calledHere, calls);
        for (GlobalState.Hazard h : GlobalState.find(fa)) {
            GlobalState.Variable v = h.variable();
            if (v.functionStatic() != functionStatic()) {
                continue;
            }
            List<Site> sites = new ArrayList<>();
            boolean defer = linked;
            for (GlobalState.Write w : h.writes()) {
                int tok = w.token();
                sites.add(new Site(file, fa.tokens().start(tok), fa.tokens().end(tok), w.function().name(),
                        w.kind()));
                defer |= reachedFromOutside.contains(w.function().name());
            }
            String where = v.functionStatic() ? "function-level static in " + v.owner().name() + "()"
                    : "file-scope variable";
            DeferredHazard d = new DeferredHazard(metadata().code(), file, v.name(), v.nameNode().startOffset(),
                    v.nameNode().endOffset(), where, describe(h), h.lazyInit(), h.internedStringCache(), sites,
                    linked);
            if (defer) {
                ctx.publish(DeferredHazard.class, d);
            } else {
                report((f, s, e) -> ctx.report(s, e), d, sites, true);
                ctx.publish(Reported.class, new Reported(file.displayPath(), v.name()));
            }
        }
        if (!functionStatic()) {
            for (FileAnalysis.GlobalVar g : fa.globals().values()) {
                if (!g.isStatic() && GlobalState.isCandidate(g)) {
                    ctx.publish(GlobalDefinition.class, new GlobalDefinition(file, g.name(),
                            g.nameNode().startOffset(), g.nameNode().endOffset(), g.isExtern()));
                }
            }
            for (GlobalState.UnresolvedWrite u : GlobalState.unresolvedWrites(fa)) {
                int tok = u.token();
                ctx.publish(ExternalWrite.class, new ExternalWrite(file, new Site(file, fa.tokens().start(tok),
                        fa.tokens().end(tok), u.function().name(), u.kind()), u.name(), linked));
            }
        }
    }

    /**
     * Functions this file runs only on behalf of other files: entry points with external linkage that nothing here
     * calls, and helpers whose every caller here is one of those (or init). Whether they run only at init is for the
     * project's call graph to say.
     */
    private static Set<String> reachedOnlyFromOtherFiles(FileAnalysis fa, Set<String> calledHere, FileCalls calls) {
        Set<String> out = new HashSet<>();
        Map<String, Set<String>> callers = new HashMap<>();
        calls.callees().forEach((fn, cs) -> cs.forEach(c -> callers.computeIfAbsent(c, k -> new HashSet<>()).add(fn)));
        for (FunctionInfo f : fa.functions()) {
            if (mayRunOnlyAtInitElsewhere(f, calledHere, calls)) {
                out.add(f.name());
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        dev.ftcheck.scanner.analysis.InitContext init = fa.initContext();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : callers.entrySet()) {
                String fn = e.getKey();
                if (out.contains(fn) || calls.valueRefs().contains(fn) || calls.initRoots().contains(fn)) {
                    continue;
                }
                boolean onlyThose = e.getValue().stream().allMatch(c -> out.contains(c) || init.isInit(c))
                        && e.getValue().stream().anyMatch(out::contains);
                if (onlyThose) {
                    out.add(fn);
                    changed = true;
                }
            }
        }
        return out;
    }

    /**
     * A function that nothing in this file calls or takes the address of: other files call it (external linkage),
     * or, static, it is compiled into the files that include this one (a header, or a .c file included whole).
     */
    private static boolean mayRunOnlyAtInitElsewhere(FunctionInfo f, Set<String> calledHere, FileCalls calls) {
        return !calledHere.contains(f.name()) && !calls.valueRefs().contains(f.name())
                && !calls.initRoots().contains(f.name());
    }

    @Override
    public void finish(ProjectContext project) {
        ProjectGraph graph = ProjectGraph.of(project.published(FileCalls.class));
        Map<String, Declaration> declarations = new LinkedHashMap<>();
        for (DeferredHazard d : project.published(DeferredHazard.class)) {
            if (!d.rule().equals(metadata().code())) {
                continue;
            }
            List<Site> kept = new ArrayList<>();
            for (Site s : d.writes()) {
                if (graph.runsAtRunTime(s.function(), d.linked())) {
                    kept.add(s);
                }
            }
            if (!kept.isEmpty()) {
                declarations.computeIfAbsent(d.file().displayPath() + "\0" + d.name(), k -> new Declaration(d))
                        .sites.addAll(kept);
            }
        }
        if (!functionStatic()) {
            joinExternalWrites(project, graph, declarations);
        }
        for (Declaration decl : declarations.values()) {
            report(project::report, decl.hazard, decl.sites, !decl.onlyWrites);
        }
    }

    /** Writes to globals of other files: joined with the definition or an {@code extern} declaration. */
    private void joinExternalWrites(ProjectContext project, ProjectGraph graph, Map<String, Declaration> out) {
        Map<String, List<GlobalDefinition>> defs = new HashMap<>();
        for (GlobalDefinition g : project.published(GlobalDefinition.class)) {
            defs.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g);
        }
        Set<String> reported = new HashSet<>();
        for (Reported r : project.published(Reported.class)) {
            reported.add(r.file() + "\0" + r.name());
        }
        Map<String, GlobalDefinition> headerDecls = null;
        for (ExternalWrite w : project.published(ExternalWrite.class)) {
            if (!graph.runsAtRunTime(w.site().function(), w.linked())) {
                continue;
            }
            GlobalDefinition def = definitionFor(w, defs.getOrDefault(w.name(), List.of()));
            if (def == null) {
                if (headerDecls == null) {
                    headerDecls = externsInHeaders(project);
                }
                def = headerDecls.get(w.name());
                if (def == null) {
                    continue;
                }
            }
            String key = def.file().displayPath() + "\0" + def.name();
            GlobalDefinition d = def;
            Declaration decl = out.computeIfAbsent(key, k -> new Declaration(new DeferredHazard(metadata().code(),
                    d.file(), d.name(), d.start(), d.end(), d.isExtern() ? "global declared `extern` here"
                            : "global variable", "shared by every file of the extension", false, false, List.of(),
                    false)));
            decl.onlyWrites |= reported.contains(key);
            decl.sites.add(w.site());
        }
        out.values().removeIf(d -> d.onlyWrites && d.sites.isEmpty());
    }

    /** A definition with external linkage in another file (a real definition before an extern declaration). */
    private static GlobalDefinition definitionFor(ExternalWrite w, List<GlobalDefinition> defs) {
        GlobalDefinition externDecl = null;
        for (GlobalDefinition g : defs) {
            if (g.file().displayPath().equals(w.file().displayPath())) {
                continue;
            }
            if (!g.isExtern()) {
                return g;
            }
            externDecl = externDecl == null ? g : externDecl;
        }
        return externDecl;
    }

    private static final Pattern EXTERN_DECL = Pattern.compile(
            "(?m)^[ \\t]*extern\\s+(?!\"C\")[^;(){}=\"]*?\\b(\\w+)\\s*(\\[[^\\]]*\\])?\\s*;");

    /**
     * The {@code extern} declarations of variables in the project's headers (headers need not be parsed), by name,
     * the first that is shared state: one pass over each header, however many names are looked up.
     */
    private static Map<String, GlobalDefinition> externsInHeaders(ProjectContext project) {
        Map<String, GlobalDefinition> out = new HashMap<>();
        for (SourceFile f : project.files()) {
            String path = f.displayPath();
            if (!f.kind().isCFamily() || !(path.endsWith(".h") || path.endsWith(".hpp") || path.endsWith(".hh"))
                    || !f.text().contains("extern")) {
                continue;
            }
            Matcher m = EXTERN_DECL.matcher(f.text());
            while (m.find()) {
                String name = m.group(1);
                if (out.containsKey(name)) {
                    continue;
                }
                String typeText = f.text().substring(m.start(), m.start(1));
                if (GlobalState.isCandidateDeclaration(typeText, m.group())) {
                    out.put(name, new GlobalDefinition(f, name, m.start(1), m.end(1), true));
                }
            }
        }
        return out;
    }

    /** One declaration finding being assembled in the project phase. */
    private static final class Declaration {
        final DeferredHazard hazard;
        final List<Site> sites = new ArrayList<>();
        /** The declaring file already reported the variable: add only the write findings. */
        boolean onlyWrites;

        Declaration(DeferredHazard hazard) {
            this.hazard = hazard;
        }
    }

    /** The project's call graph by function name: which functions only run at init, and what extension code reaches. */
    private record ProjectGraph(Set<String> roots, Set<String> initOnly, Set<String> reachable) {

        static ProjectGraph of(List<FileCalls> published) {
            Map<String, FileCalls> byFile = new LinkedHashMap<>();
            for (FileCalls fc : published) {
                byFile.putIfAbsent(fc.file(), fc);
            }
            Set<String> roots = new HashSet<>();
            Set<String> valueRefs = new HashSet<>();
            Map<String, Set<String>> callers = new HashMap<>();
            Map<String, Set<String>> unlocked = new HashMap<>();
            for (FileCalls fc : byFile.values()) {
                roots.addAll(fc.initRoots());
                valueRefs.addAll(fc.valueRefs());
                fc.callees().forEach((fn, cs) -> cs.forEach(c -> callers.computeIfAbsent(c, k -> new HashSet<>())
                        .add(fn)));
                fc.unlockedCallees().forEach((fn, cs) -> unlocked.computeIfAbsent(fn, k -> new HashSet<>())
                        .addAll(cs));
            }
            Set<String> initOnly = new HashSet<>();
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<String, Set<String>> e : callers.entrySet()) {
                    String fn = e.getKey();
                    if (roots.contains(fn) || initOnly.contains(fn) || valueRefs.contains(fn)) {
                        continue;
                    }
                    boolean all = true;
                    for (String caller : e.getValue()) {
                        all &= roots.contains(caller) || initOnly.contains(caller);
                    }
                    if (all) {
                        initOnly.add(fn);
                        changed = true;
                    }
                }
            }
            Set<String> reachable = new HashSet<>();
            Deque<String> work = new ArrayDeque<>();
            for (FileCalls fc : byFile.values()) {
                if (!fc.pythonFacing()) {
                    continue;
                }
                fc.unlockedCallees().forEach((fn, cs) -> {
                    if (!roots.contains(fn) && !initOnly.contains(fn)) {
                        work.addAll(cs);
                    }
                });
            }
            while (!work.isEmpty()) {
                String fn = work.poll();
                if (reachable.add(fn)) {
                    work.addAll(unlocked.getOrDefault(fn, Set.of()));
                }
            }
            return new ProjectGraph(roots, initOnly, reachable);
        }

        /** True when a write in {@code function} can run while the module is in use. */
        boolean runsAtRunTime(String function, boolean linked) {
            if (roots.contains(function) || initOnly.contains(function)) {
                return false;
            }
            return !linked || reachable.contains(function);
        }
    }

    /** Builds findings in some file (a file context, or the project context in the finishing phase). */
    private interface Reporter {
        FindingBuilder at(SourceFile file, int start, int end);
    }

    private static Location locationOf(SourceFile f, int start, int end) {
        return new Location(f.displayPath(), f.lineOf(start), f.columnOf(start), f.lineOf(Math.max(start, end)),
                f.columnOf(Math.max(start, end)));
    }

    /** Reports each write site and, when {@code declaration}, the declaration listing them. */
    private void report(Reporter r, DeferredHazard h, List<Site> writes, boolean declaration) {
        // one site per (file, line): a line writing the variable twice is one place to fix
        Map<String, Site> unique = new LinkedHashMap<>();
        for (Site s : writes) {
            unique.putIfAbsent(s.file().displayPath() + ":" + s.file().lineOf(s.start()), s);
        }
        List<String> described = new ArrayList<>();
        for (Site s : unique.values()) {
            String file = s.file() == h.file() || s.file().displayPath().equals(h.file().displayPath()) ? ""
                    : s.file().displayPath() + " ";
            described.add(s.function() + "() " + file + "line " + s.file().lineOf(s.start()) + " (" + s.kind()
                    + ")");
        }
        List<String> listed = new ArrayList<>(described.stream().limit(12).toList());
        if (described.size() > listed.size()) {
            listed.add("and " + (described.size() - listed.size()) + " more");
        }
        Location declLoc = locationOf(h.file(), h.declStart(), h.declEnd());
        String declText = h.file().displayPath() + ":" + declLoc.line();
        Confidence confidence = h.interned() ? Confidence.LOW : Confidence.HIGH;
        if (declaration) {
            String message = "`" + h.name() + "` is a " + h.where() + " (" + h.what() + ") written while the module "
                    + "is in use, with no lock, critical section or atomic: " + String.join("; ", listed)
                    + ". Threads running these functions at the same time race on it"
                    + (h.lazy() ? " (two threads can both see it unset and both initialise it, leaking or "
                            + "freeing one result)" : "")
                    + ". Move it to module state or make it thread-local, initialise it in module exec, or guard "
                    + "it with a PyMutex or atomics."
                    + (h.interned() ? INTERNED_NOTE : "");
            FindingBuilder b = common(r.at(h.file(), h.declStart(), h.declEnd()), h, confidence).message(message);
            int n = 0;
            for (Site s : unique.values()) {
                if (n++ == MAX_WRITE_FINDINGS) {
                    break;
                }
                b.related(locationOf(s.file(), s.start(), s.end()), "written here by " + s.function() + "() ("
                        + s.kind() + ")");
            }
            b.report();
        }
        int n = 0;
        for (Site s : unique.values()) {
            if (n++ == MAX_WRITE_FINDINGS) {
                break;
            }
            String message = "`" + h.name() + "` (" + article(h.where()) + " declared at " + declText + ") is "
                    + s.kind() + " here, in " + s.function() + "(), while the module is in use, with no lock, "
                    + "critical section or atomic: threads running this at the same time race on it."
                    + (h.interned() ? INTERNED_NOTE : "");
            common(r.at(s.file(), s.start(), s.end()), h, confidence)
                    .message(message)
                    .related(declLoc, "`" + h.name() + "` is declared here")
                    .report();
        }
    }

    private static String article(String where) {
        return where.startsWith("global declared") ? "a global" : "a " + where;
    }

    private static final String INTERNED_NOTE = " Confidence is low: it only caches an interned string, which is "
            + "immortal on 3.13+, so racing threads store the same pointer; it is still a C data race, and other "
            + "state initialised alongside it is not covered by this exemption.";

    private static FindingBuilder common(FindingBuilder b, DeferredHazard h, Confidence confidence) {
        return b.confidence(confidence)
                .api(h.name())
                .replacement(h.lazy() ? "initialise in Py_mod_exec / module state, or PyMutex-guarded"
                                : "module state, thread-local, atomic, or a PyMutex",
                        "PyMutex_Lock(&m) / PyMutex_Unlock(&m) (3.13+); _Thread_local; _Atomic")
                .fixHint(h.lazy()
                        ? "Create the object in the module's exec function and keep it in module state "
                                + "(PyModule_GetState), or guard the check-and-set with a static PyMutex."
                        : "static PyMutex " + h.name() + "_mutex; PyMutex_Lock(&" + h.name() + "_mutex); ... "
                                + "PyMutex_Unlock(&" + h.name() + "_mutex);");
    }

    private static String describe(GlobalState.Hazard h) {
        String type = h.variable().type().replaceAll("(?s)\\{.*\\}", "").replaceAll("\\s+", " ").trim();
        if (h.lazyInit()) {
            return "a lazily initialised " + (type.contains("PyObject") ? "object cache" : "value");
        }
        boolean counter = h.writes().stream().allMatch(w -> w.kind().equals("incremented"));
        if (counter) {
            return "a counter";
        }
        if (type.endsWith("[]") || h.writes().stream().anyMatch(w -> w.kind().startsWith("written by"))) {
            return "a shared buffer";
        }
        if (TypeText.baseName(type) != null && TypeText.baseName(type).equals("PyObject")) {
            return "a cached object";
        }
        if (type.equals("int") || type.equals("bool") || type.equals("_Bool") || type.equals("char")) {
            return "a flag or setting";
        }
        return "mutable state of type `" + type + "`";
    }
}
