package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test dashboards: one test case per selected rule, failing with every finding of that rule in
 * its text. A rule without findings is a passing test case, so the dashboard also shows what was checked.
 * Checked against docs/schema/junit.xsd.
 */
public final class JunitReport {
    private JunitReport() {}

    public static String render(ScanResult result, List<Rule> rules) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        for (Rule r : rules) {
            byRule.put(r.metadata().code(), new ArrayList<>());
        }
        for (Finding f : result.findings()) {
            byRule.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f);
        }
        Map<String, RuleMetadata> meta = new LinkedHashMap<>();
        rules.forEach(r -> meta.put(r.metadata().code(), r.metadata()));
        result.findings().forEach(f -> meta.putIfAbsent(f.code(), f.rule()));
        long failures = byRule.values().stream().filter(l -> !l.isEmpty()).count();
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "ftcheck");
            x.writeAttribute("tests", String.valueOf(byRule.size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "ftcheck scan");
            x.writeAttribute("tests", String.valueOf(byRule.size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            for (var e : byRule.entrySet()) {
                RuleMetadata m = meta.get(e.getKey());
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", m.code() + " " + m.name());
                x.writeAttribute("classname", "ftcheck." + m.family().id());
                List<Finding> fs = e.getValue();
                if (!fs.isEmpty()) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    x.writeAttribute("type", m.code());
                    x.writeAttribute("message", fs.size() + (fs.size() == 1 ? " finding: " : " findings: ")
                            + m.summary());
                    StringBuilder text = new StringBuilder("\n");
                    for (Finding f : fs) {
                        var loc = f.location();
                        text.append(loc.file()).append(':').append(loc.line()).append(':').append(loc.column())
                                .append(": ").append(f.message()).append('\n');
                    }
                    x.writeCharacters(text.toString());
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return sw + "\n";
    }
}
