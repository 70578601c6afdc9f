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

/** docs/schema/run-report-v1.schema.json, and an assertion that a report conforms to it. */
final class RunReportSchema {
    private static JsonSchema schema;

    private RunReportSchema() {}

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = Files.newInputStream(Samples.REPO.resolve("docs/schema/run-report-v1.schema.json"))) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    static void assertValid(JsonNode report) {
        String errors = schema().validate(report).stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("\n"));
        assertEquals("", errors, "report does not match run-report-v1: " + report.toPrettyString());
    }
}
