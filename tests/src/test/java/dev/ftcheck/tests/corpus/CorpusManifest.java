package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed description of the conformance corpus: which Debian source packages, pinned by version and
 * checksum, and for each extension module its sources, build flags and known-answer calls. No third-party source is
 * committed; this file says how to fetch and build it.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record CorpusManifest(int schema, List<SourcePackage> packages) {

    /**
     * One upstream tarball.
     *
     * @param id        a unique key when one package is used at two versions (defaults to the package name)
     * @param suite     the Debian suite that serves this version (bookworm, trixie, forky)
     * @param tarball   the {@code .orig} tarball's file name, as apt names it
     * @param sha256    its checksum; a download that does not match is refused
     * @param reference the interpreter that produces the expected values ("python3.13t" or a pyenv minor version)
     */
    record SourcePackage(String id, String package_, String version, String suite, String tarball, String sha256,
            String reference, String note, List<ExtensionModule> modules) {
        String key() {
            return id != null ? id : package_;
        }
    }

    /**
     * One extension module built from the tarball.
     *
     * @param name       the dotted import name; the file is {@code <last part><suffix>} under the package folders
     * @param sources    C or C++ files, relative to the tarball's top folder; a {@code .pyx} is cythonized first (Cython
     *                   3.3, default options, {@code -I} the top folder and {@code includes})
     * @param includes   extra include folders, relative to the top folder
     * @param defines    {@code NAME} or {@code NAME=VALUE}
     * @param cflags     further compiler flags (e.g. {@code -msse4.2})
     * @param libs       libraries to link ({@code -l})
     * @param debs       Debian binary packages whose headers and libraries the build needs, extracted privately
     * @param pythonPath folders (relative to the top folder) that hold the module's Python package, for reference
     *                   mode; the runtime has no Python interpreter and does not use them
     * @param standIns   modules that ftcheck and binary modes get as Java stand-ins (tests' {@code CorpusStandIns},
     *                   given to {@code ftcheck run --stand-in}) for the Python code of the package the module needs
     * @param requires   other modules of the same package entry that this one imports at init (Cython's
     *                   {@code cimport} of a sibling does); they are built beside it first
     * @param calls      known-answer calls: {@code name(literals)}, evaluated in the module's namespace
     */
    record ExtensionModule(String name, List<String> sources, List<String> includes, List<String> defines,
            List<String> cflags, List<String> libs, List<String> debs, List<String> pythonPath, List<String> standIns,
            String language, List<String> requires, List<String> calls) {
        ExtensionModule {
            requires = orEmpty(requires);
            includes = orEmpty(includes);
            defines = orEmpty(defines);
            cflags = orEmpty(cflags);
            libs = orEmpty(libs);
            debs = orEmpty(debs);
            pythonPath = orEmpty(pythonPath);
            standIns = orEmpty(standIns);
            calls = orEmpty(calls);
            language = language == null ? "c" : language;
        }

        boolean cxx() {
            return language.equals("c++");
        }

        /** The last component of the dotted name: what {@code PyInit_} is followed by. */
        String baseName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        /** The folders of the dotted name, e.g. {@code markupsafe} for {@code markupsafe._speedups}. */
        String packageDir() {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(0, dot).replace('.', '/');
        }
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    static CorpusManifest load(Path file) throws IOException {
        return mapper().readValue(file.toFile(), CorpusManifest.class);
    }

    /** Strict about unknown fields; {@code package_} is spelled {@code package} in the files. */
    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        m.setPropertyNamingStrategy(new com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase() {
            @Override
            public String translate(String name) {
                return name.equals("package_") ? "package" : name;
            }
        });
        return m;
    }
}
