package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.corpus.CorpusManifest.ExtensionModule;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Imports a built module in a real CPython and evaluates its known-answer calls there. */
final class ReferenceRunner {
    /** Evaluates each call in the module's namespace; exceptions are answers too. Our own driver. */
    private static final String DRIVER = """
            import importlib, json, sys, warnings
            job = json.load(open(sys.argv[1], encoding='utf-8'))
            sys.path[:0] = job['path']
            def failure(e):
                t = type(e)
                name = t.__qualname__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__qualname__
                return {'type': name, 'message': str(e)}
            out = {'module': job['module'], 'python': job['python'], 'warnings': [], 'calls': []}
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter('always')
                try:
                    if job['module'] in sys.builtin_module_names:
                        # a module this CPython has built in (errno, _stat, ...) would shadow the file under test
                        import importlib.machinery as mach, importlib.util as util
                        loader = mach.ExtensionFileLoader(job['module'], job['file'])
                        spec = util.spec_from_file_location(job['module'], job['file'], loader=loader)
                        mod = util.module_from_spec(spec)
                        sys.modules[job['module']] = mod
                        spec.loader.exec_module(mod)
                    else:
                        mod = importlib.import_module(job['module'])
                except BaseException as e:
                    mod = None
                    out['importError'] = failure(e)
            out['warnings'] = ['%s: %s' % (w.category.__name__, w.message) for w in seen]
            if mod is not None:
                for call in job['calls']:
                    ns = dict(vars(mod))
                    try:
                        out['calls'].append({'call': call, 'repr': repr(eval(call, ns))})
                    except BaseException as e:
                        out['calls'].append({'call': call, 'exception': failure(e)})
            with open(job['out'], 'w', encoding='utf-8') as f:
                json.dump(out, f, indent=1, ensure_ascii=False)
            """;

    private final ObjectMapper json = new ObjectMapper();

    KnownAnswers run(ReferencePython py, ExtensionModule mod, Path so, Path buildRoot, Path scratch)
            throws IOException {
        Files.createDirectories(scratch);
        Path driver = scratch.resolve("driver.py");
        Files.writeString(driver, DRIVER);
        Path job = scratch.resolve(mod.name() + ".job.json");
        Path out = scratch.resolve(mod.name() + ".answers.json");
        Files.deleteIfExists(out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("path", List.of(buildRoot.toString()));
        j.put("module", mod.name());
        j.put("file", so.toString());
        j.put("python", py.description());
        j.put("calls", mod.calls());
        j.put("out", out.toString());
        json.writeValue(job.toFile(), j);
        // -S: no site-packages, so nothing installed on this machine can stand in for the module under test.
        Processes.Run r = Processes.run(scratch, List.of(py.executable().toString(), "-S", driver.toString(),
                job.toString()), cleanEnvironment(), true,
                Duration.ofMinutes(2));
        if (!Files.isRegularFile(out)) {
            throw new IOException(py.description() + " did not finish " + mod.name() + ": "
                    + (r.problem() != null ? r.problem() : "exit " + r.exitCode()) + " " + r.out().strip());
        }
        return json.readValue(out.toFile(), KnownAnswers.class);
    }

    /** No PYTHON_GIL, PYTHONPATH or PYTHONHOME from the caller: the module decides the GIL, as for a user. */
    private static Map<String, String> cleanEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHON_GIL", null);
        env.put("PYTHONPATH", null);
        env.put("PYTHONHOME", null);
        return env;
    }
}
