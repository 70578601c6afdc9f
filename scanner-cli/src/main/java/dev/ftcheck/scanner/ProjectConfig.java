package dev.ftcheck.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [tool.ftcheck]} table of the nearest {@code pyproject.toml} at or above the scan root:
 * {@code select}, {@code extend-select}, {@code ignore}, {@code extend-ignore}, {@code exclude} (lists of
 * strings), {@code per-file-ignores} (a table from glob to a list of rule selectors), {@code fail-on} and
 * {@code min-confidence} (strings). A pyproject.toml without the table is passed over and the search goes on upward.
 *
 * @param source the pyproject.toml it came from, or null when none was found
 */
public record ProjectConfig(Path source, List<String> select, List<String> extendSelect, List<String> ignore,
        List<String> extendIgnore, List<String> exclude, Map<String, List<String>> perFileIgnores, String failOn,
        String minConfidence) {

    private static final Set<String> KEYS = Set.of("select", "extend-select", "ignore", "extend-ignore", "exclude",
            "per-file-ignores", "fail-on", "min-confidence");

    public static final ProjectConfig NONE = new ProjectConfig(null, List.of(), List.of(), List.of(), List.of(),
            List.of(), Map.of(), null, null);

    /** Thrown for a pyproject.toml that cannot be parsed or whose table has unknown keys or wrong types. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Searches upward from {@code start} (a directory, or a file whose directory is used). */
    public static ProjectConfig discover(Path start) throws ConfigException {
        Path dir = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("pyproject.toml");
            if (Files.isRegularFile(candidate)) {
                ProjectConfig c = load(candidate);
                if (c != null) {
                    return c;
                }
            }
        }
        return NONE;
    }

    /** Reads {@code [tool.ftcheck]} from one file; null when the file has no such table. */
    public static ProjectConfig load(Path pyproject) throws ConfigException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(pyproject.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            String where = "";
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    && jpe.getLocation().getLineNr() > 0) {
                msg = jpe.getOriginalMessage() == null ? msg : jpe.getOriginalMessage().lines().findFirst().orElse(msg);
                where = ":" + jpe.getLocation().getLineNr()
                        + (jpe.getLocation().getColumnNr() > 0 ? ":" + jpe.getLocation().getColumnNr() : "");
            }
            throw new ConfigException(pyproject + where + ": not valid TOML: " + msg);
        }
        JsonNode table = root == null ? null : root.path("tool").get("ftcheck");
        if (table == null) {
            return null;
        }
        if (!table.isObject()) {
            throw new ConfigException(pyproject + ": [tool.ftcheck] must be a table");
        }
        for (Iterator<String> it = table.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ConfigException(pyproject + ": unknown key '" + k + "' in [tool.ftcheck] (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String failOn = string(pyproject, table, "fail-on");
        String minConfidence = string(pyproject, table, "min-confidence");
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        JsonNode pfi = table.get("per-file-ignores");
        if (pfi != null) {
            if (!pfi.isObject()) {
                throw new ConfigException(pyproject + ": [tool.ftcheck] per-file-ignores must be a table from glob to"
                        + " a list of rules, e.g. {\"tests/*\" = [\"FT6\"]}");
            }
            for (Iterator<String> it = pfi.fieldNames(); it.hasNext();) {
                String glob = it.next();
                perFile.put(glob, strings(pyproject, pfi, glob, "per-file-ignores \"" + glob + "\""));
            }
        }
        return new ProjectConfig(pyproject, strings(pyproject, table, "select"),
                strings(pyproject, table, "extend-select"), strings(pyproject, table, "ignore"),
                strings(pyproject, table, "extend-ignore"), strings(pyproject, table, "exclude"),
                Map.copyOf(perFile), failOn, minConfidence);
    }

    /** An optional string value, or null. */
    private static String string(Path pyproject, JsonNode table, String key) throws ConfigException {
        if (!table.has(key)) {
            return null;
        }
        if (!table.get(key).isTextual()) {
            throw new ConfigException(pyproject + ": [tool.ftcheck] " + key + " must be a string");
        }
        return table.get(key).asText();
    }

    private static List<String> strings(Path file, JsonNode table, String key) throws ConfigException {
        return strings(file, table, key, key);
    }

    private static List<String> strings(Path file, JsonNode table, String key, String what) throws ConfigException {
        JsonNode v = table.get(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ConfigException(file + ": [tool.ftcheck] " + what + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new ConfigException(file + ": [tool.ftcheck] " + what + " must be a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
