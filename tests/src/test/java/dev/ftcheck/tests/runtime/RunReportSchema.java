package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.stream.Collectors;

/** docs/schema/run-report-v1.schema.json and stress-report-v1.schema.json, and assertions that a report conforms. */
final class RunReportSchema {
    private static final java.util.Map<String, JsonSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private RunReportSchema() {}

    private static JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            try (InputStream in = Files.newInputStream(Samples.REPO.resolve("docs/schema/" + n + ".schema.json"))) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void assertValid(JsonNode report) {
        assertValid(report, "run-report-v1");
    }

    static void assertValidStress(JsonNode report) {
        assertValid(report, "stress-report-v1");
    }

    /** The scanner's porting report (scan --output-format json), here for scans joined with runtime evidence. */
    static void assertValidPorting(JsonNode report) {
        assertValid(report, "porting-report-v1");
    }

    private static void assertValid(JsonNode report, String name) {
        String errors = schema(name).validate(report).stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("\n"));
        assertEquals("", errors, "report does not match " + name + ": " + report.toPrettyString());
    }
}
