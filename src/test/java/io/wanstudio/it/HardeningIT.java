package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hardening of issue 4 as a client sees it: security headers and cookies, a forged or expired ViewState,
 * server-side request forgery through the API and the simulator (loopback targets only: a trap socket on
 * 127.0.0.1 counts every connection that reaches it), and prompts with markup that must stay text.
 */
@ExtendWith(SharedStudio.class)
class HardeningIT {
    private static final String BASE = Http.IT_BASE;
    private static final Path DATA = SharedStudio.DATA;
    private static final Http APP = new Http(BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    /** The JSON API with the admin's token, and a signed-in browser-like session of the admin. */
    private static Http api;
    private static Accounts.Session session;
    /** What a stack trace or an exception name looks like in a body. */
    private static final Pattern TRACE = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+\\.|\\.java:\\d+");

    private static InputServer inputs;
    private static Trap trap;

    @BeforeAll
    static void startServers() throws IOException {
        session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        api = APP.withBearer(session.createToken("hardening-it"));
        inputs = new InputServer();
        trap = new Trap();
    }

    @AfterAll
    static void stopServers() throws IOException {
        inputs.close();
        trap.close();
    }

    @AfterEach
    void resetSimulator() {
        SIMULATOR.reset();
    }

    // ---- headers and cookies ----

    @Test
    void pagesCarryAStrictPolicyAndTheSessionCookieIsHttpOnlyAndLax() {
        for (String path : new String[] {"/", "/account/password.xhtml", "/account/tokens.xhtml",
                "/admin/users.xhtml"}) {
            var signedIn = session.get(path);
            assertThat(signedIn.statusCode()).as(path).isEqualTo(200);
            assertThat(signedIn.uri().getPath()).as("not sent to the login page").doesNotEndWith("/login.xhtml");
            assertStrictPolicy(signedIn);
        }
        var page = APP.get("/login.xhtml");
        assertThat(page.statusCode()).isEqualTo(200);
        assertStrictPolicy(page);

        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy")).isPresent();
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();
        assertThat(APP.get("/login.xhtml", "X-Forwarded-Proto", "https").headers()
                .firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));

        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + page.headers().map()));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
    }

    /** A nonce-based policy, every inline script with this response's nonce, no inline handler or style. */
    private static void assertStrictPolicy(HttpResponse<String> page) {
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                "base-uri 'self'", "form-action 'self'", "style-src 'self'", "connect-src 'self' ws: wss:",
                "img-src 'self' data: blob:", "media-src 'self' blob:")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        Matcher nonce = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'").matcher(csp);
        assertThat(nonce.find()).as(csp).isTrue();
        // every inline script carries this response's nonce; no inline handler or style attribute is left
        List<String> scripts = Pattern.compile("<script[^>]*>").matcher(page.body()).results()
                .map(m -> m.group()).toList();
        assertThat(scripts).isNotEmpty().allSatisfy(tag -> assertThat(tag).contains("nonce=\"" + nonce.group(1)));
        assertThat(page.body()).as(page.uri().toString()).doesNotContainPattern("\\son[a-z]+=\"")
                .doesNotContain(" style=\"");
        assertThat(APP.get("/login.xhtml").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("a fresh nonce per response").doesNotContain(nonce.group(1));
    }

    @Test
    void apiAnswersAreNotSniffedNorCachedAndErrorsShowNoInternals() {
        var provider = api.get("/api/v1/provider");
        assertThat(provider.statusCode()).isEqualTo(200);
        assertThat(provider.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(provider.headers().firstValue("Cache-Control")).hasValue("no-store");

        var missing = api.get("/api/v1/tasks/999999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(missing.body()).doesNotContainPattern(TRACE);
        var broken = api.postJson("/api/v1/tasks", "{\"durationSeconds\": \"many\"");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContainPattern(TRACE);

        var noPage = session.get("/no/such/page");
        assertThat(noPage.statusCode()).isEqualTo(404);
        assertThat(noPage.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(noPage.body()).contains("Not found").doesNotContainPattern(TRACE);
        var noView = session.get("/nothing-here.xhtml");
        assertThat(noView.statusCode()).isEqualTo(404);
        assertThat(noView.body()).doesNotContainPattern(TRACE);
    }

    // ---- ViewState ----

    @Test
    void aPostWithoutValidViewStateIsRejected() throws Exception {
        var browser = new FormClient(session.cookie("JSESSIONID"));
        String page = browser.get("/").body();
        assertThat(page).contains("jakarta.faces.ViewState");
        String prompt = "forged view state " + UUID.randomUUID();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("create", "create");
        form.put("create:firstFrame:url", inputs.put("/forged.png", TestMedia.png(640, 360)));
        form.put("create:prompt", prompt);
        form.put("create:duration", "3");
        form.put("create:resolution", "720P");
        form.put("create:generate", "Generate video");

        for (String forged : new String[] {"bogus", "-1234567890:987654321", "<script>alert(1)</script>"}) {
            form.put("jakarta.faces.ViewState", forged);
            var answer = browser.post("/index.xhtml", form, false);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/index.xhtml"));
            assertThat(answer.body()).doesNotContainPattern(TRACE).doesNotContain("<script>alert");
            var back = browser.get(URI.create(answer.headers().firstValue("Location").get()).getPath());
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).contains("This page had expired, so nothing was submitted")
                    .doesNotContainPattern(TRACE);
        }
        // the same as an Ajax request: a partial redirect, which faces.js follows
        form.put("jakarta.faces.ViewState", "bogus");
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "create:generate");
        form.put("jakarta.faces.partial.execute", "create:prompt create:generate");
        form.put("jakarta.faces.partial.render", "create");
        var ajax = browser.post("/index.xhtml", form, true);
        assertThat(ajax.statusCode()).isEqualTo(200);
        assertThat(ajax.body()).contains("<partial-response").contains("<redirect").doesNotContainPattern(TRACE);
        // a stranger's POST without any session, and one without a ViewState at all
        form.remove("jakarta.faces.partial.ajax");
        var stranger = new FormClient(null).post("/index.xhtml", form, false);
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login.xhtml"));
        assertThat(stranger.body()).doesNotContainPattern(TRACE);
        form.remove("jakarta.faces.ViewState");
        // without a ViewState the POST is no postback at all: the page is simply shown, with its empty form
        var noState = browser.post("/index.xhtml", form, false);
        assertThat(noState.statusCode()).isEqualTo(200);
        assertThat(noState.body()).contains("id=\"create:mode\"").doesNotContain(prompt)
                .doesNotContainPattern(TRACE);

        assertThat(SIMULATOR.submissions(prompt).received()).isZero();
        assertThat(findTask(prompt)).isEmpty();
    }

    // ---- SSRF, loopback targets only ----

    @Test
    void aFirstFrameUrlOnALoopbackPortOutsideTheAllowListIsRefusedWithoutAConnection() throws IOException {
        String prompt = "ssrf port " + UUID.randomUUID();
        int connections = trap.connections();
        long storedBefore = storedFiles();

        var json = api.postJson("/api/v1/tasks", Json.createObjectBuilder()
                .add("firstFrameUrl", trap.url("/x.png")).add("prompt", prompt).build());
        assertRefused(json, "local or private");
        var multipart = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .field("firstFrameUrl", trap.url("/y.png")).field("prompt", prompt));
        assertRefused(multipart, "local or private");

        assertThat(trap.connections()).isEqualTo(connections);
        assertNothingStored(prompt, storedBefore);
    }

    @Test
    void anAllowedUrlThatRedirectsToALoopbackPortOutsideTheAllowListIsRefused() throws IOException {
        String prompt = "ssrf redirect " + UUID.randomUUID();
        String allowed = inputs.redirect("/moved-" + UUID.randomUUID() + ".png", trap.url("/secret.png"));
        int connections = trap.connections();
        long storedBefore = storedFiles();

        var refused = api.postJson("/api/v1/tasks", Json.createObjectBuilder()
                .add("firstFrameUrl", allowed).add("prompt", prompt).add("durationSeconds", 2).build());

        assertRefused(refused, "local or private");
        assertThat(trap.connections()).isEqualTo(connections);
        assertNothingStored(prompt, storedBefore);
    }

    @Test
    void theSimulatorRefusesALoopbackImageUrlOutsideItsAllowList() {
        int connections = trap.connections();
        String prompt = "simulator ssrf " + UUID.randomUUID();
        var direct = APP.postJson("/simulator/v3/async/wan2.7-i2v", Json.createObjectBuilder()
                .add("image_url", trap.url("/x.png")).add("prompt", prompt).build(),
                "Authorization", "Bearer test-key");
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(Http.json(direct).getString("message")).startsWith("image_url").contains("local or private");

        var redirected = APP.postJson("/simulator/v3/async/wan2.7-i2v", Json.createObjectBuilder()
                .add("image_url", inputs.redirect("/sim-moved.png", trap.url("/y.png"))).add("prompt", prompt)
                .build(), "Authorization", "Bearer test-key");
        assertThat(redirected.statusCode()).isEqualTo(400);
        assertThat(Http.json(redirected).getString("message")).startsWith("image_url");

        assertThat(trap.connections()).isEqualTo(connections);
        assertThat(SIMULATOR.submissions(prompt).accepted()).isZero();
    }

    @Test
    void fileJarAndFtpUrlsAreRefusedWithoutAConnection() throws IOException {
        String prompt = "ssrf schemes " + UUID.randomUUID();
        int connections = trap.connections();
        long storedBefore = storedFiles();
        for (String url : new String[] {"file:///etc/passwd", "jar:file:///tmp/x.jar!/a.png",
                "ftp://127.0.0.1:" + trap.port() + "/x.png", "gopher://127.0.0.1:" + trap.port() + "/_x"}) {
            var refused = api.postJson("/api/v1/tasks", Json.createObjectBuilder()
                    .add("firstFrameUrl", url).add("prompt", prompt).build());
            assertRefused(refused, "Only http and https");
        }
        assertThat(trap.connections()).isEqualTo(connections);
        assertNothingStored(prompt, storedBefore);
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject body = Http.json(response);
        assertThat(body.getString("error")).isEqualTo("invalid_request");
        assertThat(body.getJsonObject("fields").getString("firstFrame")).contains(reason);
        assertThat(response.body()).doesNotContainPattern(TRACE);
    }

    private static void assertNothingStored(String prompt, long storedBefore) throws IOException {
        assertThat(findTask(prompt)).isEmpty();
        assertThat(SIMULATOR.submissions(prompt).received()).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);
        assertThat(leftovers(DATA.resolve("tmp"))).isEmpty();
    }

    /** Uploaded inputs kept by the app. */
    private static long storedFiles() throws IOException {
        Path inputsFolder = DATA.resolve("media").resolve("inputs");
        if (!Files.isDirectory(inputsFolder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inputsFolder)) {
            return files.count();
        }
    }

    private static List<Path> leftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    // ---- markup in prompts stays text ----

    @Test
    void aPromptWithMarkupIsShownAsTextInThePageAndTheApi() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String markup = "<script>alert(1)</script><b>bold</b>";
        String prompt = markup + " [simulate-fail: <img src=x onerror=alert(2)>] " + marker;
        var created = api.postJson("/api/v1/tasks", Json.createObjectBuilder()
                .add("firstFrameUrl", inputs.put("/xss-" + marker + ".png", TestMedia.png(640, 360)))
                .add("prompt", prompt).add("durationSeconds", 2).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.json(api.get("/api/v1/tasks/" + id))
                .getString("state").equals("FAILED"));

        var json = api.get("/api/v1/tasks/" + id);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(json).getString("prompt")).isEqualTo(prompt);

        String html = session.get("/").body();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain(markup).doesNotContain("<img src=x");

        ChromeDriver browser = Browsers.chromium(1280, 800);
        try {
            Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
            browser.get(BASE + "/");
            WebElement card = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                    By.cssSelector("[data-task-id='" + id + "']")).stream().findFirst().orElse(null));
            WebElement shown = card.findElement(By.cssSelector(".task-prompt"));
            assertThat(shown.getText()).contains(markup);
            assertThat(shown.findElements(By.tagName("b"))).isEmpty();
            assertThat(card.findElements(By.tagName("img"))).isEmpty();
            assertThat(card.findElements(By.tagName("script"))).isEmpty();
            assertThat(card.getText()).contains("<img src=x onerror=alert(2)>");
            assertThat(noAlert(browser)).isTrue();
            List<String> console = Browsers.console(browser);
            assertThat(Browsers.cspViolations(console)).as("console: %s", console).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static boolean noAlert(ChromeDriver browser) {
        try {
            browser.switchTo().alert();
            return false;
        } catch (NoAlertPresentException expected) {
            return true;
        }
    }

    private static Optional<JsonObject> findTask(String prompt) {
        var response = api.get("/api/v1/tasks?max=200");
        return Http.json(response).getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> prompt.equals(t.getString("prompt", null))).findFirst();
    }

    /** A browser-like client over {@link Http}: keeps cookies, posts forms, follows no redirects. */
    private static final class FormClient {
        private final CookieManager cookies = new CookieManager();
        private final Http http = Http.over(BASE, HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());

        /** @param sessionId the session to act in (a signed-in one), or null for a stranger */
        FormClient(String sessionId) {
            if (sessionId != null) {
                var cookie = new HttpCookie("JSESSIONID", sessionId);
                cookie.setPath("/");
                cookies.getCookieStore().add(URI.create(BASE), cookie);
            }
        }

        HttpResponse<String> get(String path) {
            return http.get(path);
        }

        HttpResponse<String> post(String path, Map<String, String> form, boolean ajax) {
            String body = Accounts.encode(form);
            return ajax ? http.postForm(path, body, "Faces-Request", "partial/ajax") : http.postForm(path, body);
        }
    }

    /**
     * A listening socket on 127.0.0.1 outside every allow-list, counting each connection that reaches it: a refusal
     * "before any connection" leaves the count unchanged. (It answers nothing; a fetch that got here would fail.)
     */
    private static final class Trap implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        Trap() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        if (!socket.isClosed()) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            }, "ssrf-trap");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
