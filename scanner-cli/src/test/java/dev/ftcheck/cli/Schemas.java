package dev.ftcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The porting-report schema from docs/schema and the vendored SARIF 2.1.0 schema, with a validation helper. */
final class Schemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Schemas() {}

    /** The repository root: surefire runs tests in the module directory. */
    static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("docs")) ? here : here.getParent();
    }

    static JsonSchema portingReport() throws IOException {
        try (InputStream in = Files.newInputStream(repo().resolve("docs/schema/porting-report-v1.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static JsonSchema sarif() throws IOException {
        try (InputStream in = Schemas.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    /** Validation errors as one string; empty when valid. */
    static String errors(JsonSchema schema, String json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        Set<ValidationMessage> msgs = schema.validate(node);
        return msgs.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    }
}
