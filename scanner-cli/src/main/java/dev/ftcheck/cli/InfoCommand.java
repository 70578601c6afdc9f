package dev.ftcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftcheck.Version;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.abi.Abi;
import dev.ftcheck.runtime.abi.HeaderInfo;
import dev.ftcheck.runtime.home.RuntimeHome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftcheck info}: the runtime's identity, in the spirit of {@code python -VV} and {@code sys._is_gil_enabled()}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the runtime's version, build flavour, C-API level, file locations and GIL state.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the same facts as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RuntimeHome home = RuntimeHome.get();
        HeaderInfo headers = HeaderInfo.read(home.includeDir());
        GilSetting gil = GilSetting.fromEnvironment();
        String gilReason = switch (gil) {
            case DEFAULT -> "default: off until a module that has not declared Py_mod_gil is imported";
            case FORCE_OFF -> "forced off by PYTHON_GIL=0";
            case FORCE_ON -> "forced on by PYTHON_GIL=1";
        };
        String version = "ftcheck " + Version.get() + " (C-API " + headers.pyVersion()
                + (Abi.DEFAULT == Abi.V3_13 ? " experimental" : "") + " free-threading build) [Java "
                + Runtime.version() + "]";
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", Version.get());
            m.put("versionString", version);
            m.put("freeThreadingBuild", true);
            m.put("Py_GIL_DISABLED", 1);
            m.put("capiVersion", headers.pyVersion());
            m.put("PY_VERSION_HEX", headers.pyVersionHexString());
            m.put("includeDir", home.includeDir().toString());
            m.put("bridgeLibrary", home.bridgeLibrary().toString());
            List<Map<String, Object>> abis = new ArrayList<>();
            for (Abi abi : Abi.values()) {
                HeaderInfo h = HeaderInfo.read(home.includeDir(abi));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("abi", abi.version());
                a.put("default", abi == Abi.DEFAULT);
                a.put("capiVersion", h.pyVersion());
                a.put("PY_VERSION_HEX", h.pyVersionHexString());
                a.put("extensionSuffix", abi.extensionSuffix());
                a.put("includeDir", home.includeDir(abi).toString());
                a.put("bridgeLibrary", home.bridgeLibrary(abi).toString());
                abis.add(a);
            }
            m.put("abis", abis);
            m.put("gilEnabled", gil.enabledAtStart());
            m.put("gilSetting", gil.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            m.put("gilReason", gilReason);
            m.put("java", Runtime.version().toString());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            out.println(version);
            out.println("Py_GIL_DISABLED=1");
            out.println("C-API version:  " + headers.pyVersion() + " (PY_VERSION_HEX " + headers.pyVersionHexString() + ")");
            out.println("headers:        " + home.includeDir());
            out.println("bridge:         " + home.bridgeLibrary());
            for (Abi abi : Abi.values()) {
                HeaderInfo h = HeaderInfo.read(home.includeDir(abi));
                out.println("ABI " + abi.version() + (abi == Abi.DEFAULT ? " (default)" : "") + ":  " + abi.tag()
                        + ", C-API " + h.pyVersion() + " (PY_VERSION_HEX " + h.pyVersionHexString() + "), suffix "
                        + abi.extensionSuffix() + ", headers " + home.includeDir(abi) + ", bridge "
                        + home.bridgeLibrary(abi));
            }
            out.println("GIL enabled:    " + (gil.enabledAtStart() ? "True" : "False") + " (" + gilReason + ")");
        }
        return ExitCodes.OK;
    }
}
