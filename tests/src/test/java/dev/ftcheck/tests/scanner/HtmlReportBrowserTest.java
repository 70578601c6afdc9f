package dev.ftcheck.tests.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.DevTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a scan of samples/, loaded in a real headless Chromium: no console errors, the counts it shows
 * equal the JSON report's, the module table answers the GIL question, and the family and severity filters hide
 * exactly the findings they should. A screenshot goes to tests/target/html-report.png.
 */
class HtmlReportBrowserTest {
    @Test
    void reportLoadsCountsMatchAndFiltersWork(@TempDir Path tmp) throws Exception {
        String samples = Cli.repo().resolve("samples").toString();
        Path html = tmp.resolve("report.html");
        Cli.Result r = Cli.run("scan", "--output-format", "html", "--output", html.toString(), samples);
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode json = new ObjectMapper().readTree(Cli.run("scan", "--output-format", "json", samples).out());
        int total = json.at("/summary/findings").asInt();

        try (DevTools browser = DevTools.launch(tmp.resolve("profile"))) {
            browser.open(html.toUri().toString(), 1280, 2400);
            assertEquals(total, browser.eval("Number(document.getElementById('total').dataset.total)").asInt());
            assertEquals(total, browser.eval("document.querySelectorAll('.finding:not([hidden])').length").asInt());
            for (String sev : new String[] {"error", "warning", "info"}) {
                assertEquals(json.at("/summary/bySeverity/" + sev).asInt(), browser.eval(
                        "Number(document.querySelector('[data-severity-count=\"" + sev + "\"]').textContent)")
                        .asInt(), sev);
            }
            json.at("/summary/byFamily").properties().forEach(e -> {
                try {
                    assertEquals(e.getValue().asInt(), browser.eval("Number(document.querySelector("
                            + "'[data-family-count=\"" + e.getKey() + "\"]').textContent)").asInt(), e.getKey());
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            });
            int modules = json.get("modules").size();
            int missing = 0;
            for (JsonNode m : json.get("modules")) {
                missing += m.get("declaration").asText().equals("gil-not-used") ? 0 : 1;
            }
            assertEquals(modules, browser.eval("document.querySelectorAll('tr.module').length").asInt());
            assertEquals(missing, browser.eval("Number(document.querySelector('.verdict').dataset.reenabling)")
                    .asInt());

            // Untick "warning", then the borrowed-reference family: exactly the rest stays visible.
            browser.eval("document.querySelector('input[data-filter=severity][value=warning]').click()");
            int expected = count(json, "warning", null);
            assertEquals(expected, browser.eval("document.querySelectorAll('.finding:not([hidden])').length").asInt());
            assertEquals(expected, browser.eval("Number(document.getElementById('shown').dataset.shown)").asInt());
            browser.eval("document.querySelector('input[data-filter=family][value=borrowed-reference]').click()");
            expected = count(json, "warning", "borrowed-reference");
            assertEquals(expected, browser.eval("document.querySelectorAll('.finding:not([hidden])').length").asInt());
            assertEquals(0, browser.eval("Array.from(document.querySelectorAll('section.file:not([hidden])'))"
                    + ".filter(s => !s.querySelector('.finding:not([hidden])')).length").asInt(),
                    "a file whose findings are all hidden is hidden");
            browser.eval("document.querySelector('input[data-filter=severity][value=warning]').click()");
            browser.eval("document.querySelector('input[data-filter=family][value=borrowed-reference]').click()");
            assertEquals(total, browser.eval("document.querySelectorAll('.finding:not([hidden])').length").asInt());

            assertEquals(java.util.List.of(), browser.pageErrors());
            byte[] png = browser.screenshot();
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
            Path shot = Cli.repo().resolve("tests/target/html-report.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, png);
        }
    }

    /** Findings whose severity is not {@code hiddenSeverity} and family not {@code hiddenFamily}. */
    private static int count(JsonNode json, String hiddenSeverity, String hiddenFamily) {
        int n = 0;
        for (JsonNode f : json.get("findings")) {
            boolean hidden = f.get("severity").asText().equals(hiddenSeverity)
                    || f.get("family").asText().equals(hiddenFamily);
            n += hidden ? 0 : 1;
        }
        return n;
    }
}
