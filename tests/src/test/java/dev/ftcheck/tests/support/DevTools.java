package dev.ftcheck.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the DevTools protocol (JSON messages on a WebSocket), enough to load a page,
 * evaluate script, click and take a screenshot, and to collect the page's console errors and exceptions.
 */
public final class DevTools implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private String session;

    private DevTools(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /**
     * Debian's chromium: from PATH, else installed with apt-get when this runs as root (as CI does on a fresh
     * machine), else a named skip.
     */
    public static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root && Files.isExecutable(Path.of("/usr/bin/apt-get")),
                "skipped: chromium is not installed and this is not a root Debian system that could install it");
        Processes.Run r = Processes.run(null, List.of("apt-get", "install", "-y", "--no-install-recommends",
                "chromium"), Map.of("DEBIAN_FRONTEND", "noninteractive"), true, java.time.Duration.ofMinutes(10));
        Assumptions.assumeTrue(r.exitCode() == 0 && Files.isExecutable(Path.of("/usr/bin/chromium")),
                "skipped: apt-get could not install chromium: " + r.out());
        return Path.of("/usr/bin/chromium");
    }

    public static DevTools launch(Path profile) throws Exception {
        Process p = new ProcessBuilder(chromium().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String url = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; url == null && System.nanoTime() < deadline && (line = err.readLine()) != null;) {
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                url = line.substring(at).strip();
            }
        }
        if (url == null) {
            p.destroyForcibly();
            throw new IOException("chromium did not announce its DevTools endpoint");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // chromium's own log: not the page's, which comes through the protocol
                }
            } catch (IOException ignored) {
                // the browser went away
            }
        });
        drain.setDaemon(true);
        drain.start();
        DevTools[] self = new DevTools[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String msg = partial.toString();
                            partial.setLength(0);
                            self[0].received(msg);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        self[0] = new DevTools(p, ws);
        return self[0];
    }

    private void received(String text) {
        JsonNode msg;
        try {
            msg = MAPPER.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
        } else {
            synchronized (events) {
                events.add(msg);
                events.notifyAll();
            }
        }
    }

    /** Sends a command (to the attached page once {@link #open} ran) and waits for its result. */
    public JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", MAPPER.valueToTree(params));
        if (session != null && !method.startsWith("Target.")) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(MAPPER.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Opens a page on {@code url} and waits for its load event. */
    public void open(String url, int width, int height) throws Exception {
        String target = send("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId")
                .asText();
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        send("Page.navigate", Map.of("url", url));
        awaitEvent(e -> "Page.loadEventFired".equals(e.path("method").asText()));
    }

    private void awaitEvent(Predicate<JsonNode> p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (events) {
            while (events.stream().noneMatch(p)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IOException("timed out waiting for a DevTools event");
                }
                events.wait(left);
            }
        }
    }

    /** The value of a script expression in the page (JSON-serialisable results). */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    /** Console errors, uncaught exceptions and error log entries the page produced so far. */
    public List<String> pageErrors() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events) {
                String m = e.path("method").asText();
                if (m.equals("Runtime.exceptionThrown")
                        || (m.equals("Runtime.consoleAPICalled") && e.at("/params/type").asText().equals("error"))
                        || (m.equals("Log.entryAdded") && e.at("/params/entry/level").asText().equals("error"))) {
                    out.add(e.toString());
                }
            }
        }
        return out;
    }

    public byte[] screenshot() throws Exception {
        String data = send("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    @Override
    /**
     * Ends chromium and every process it started (renderers, the crash handler), waiting for each: one still
     * running would go on writing into the profile directory while the test deletes it.
     */
    public void close() {
        socket.abort();
        List<ProcessHandle> family = new ArrayList<>(browser.descendants().toList());
        family.add(0, browser.toHandle());
        for (ProcessHandle p : family) {
            p.destroy();
        }
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }
}
