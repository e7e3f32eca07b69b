package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.S3TestServer;
import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The studio of {@code docker/compose.yaml} without Docker: an app instance and the stand-alone simulator run as
 * the uber-jar with exactly the environment and Payara options the compose file gives them (filled in from
 * {@code docker/.env.example}, host names pointed at loopback), an S3-compatible store on loopback in MinIO's
 * place. The database is H2 here (the PostgreSQL run of the database ITs covers the other). What the compose file
 * promises: a task with an upload completes through the store and the separate simulator, and the instance takes
 * a client's address from the proxy's {@code Proxy-ip} header.
 */
class ComposeStackIT {
    private static final int S3_PORT = StudioProcess.portNextToIt(14);
    private static final int SIMULATOR_PORT = StudioProcess.portNextToIt(15);
    private static final int APP_PORT = StudioProcess.portNextToIt(16);
    private static final Path WORK = StudioProcess.BUILD.resolve("compose-it");
    private static final Pattern INTERPOLATED = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?}");

    private static S3TestServer s3;
    private static StudioProcess simulator;
    private static StudioProcess app;
    private static Map<String, String> appEnvironment;

    @BeforeAll
    static void start() throws Exception {
        StudioProcess.deleteTree(WORK);
        s3 = S3TestServer.start(S3_PORT, WORK.resolve("s3"));
        String compose = interpolate(Files.readString(Path.of("docker/compose.yaml")), envExample());
        // the compose network's names, as this machine reaches the same parts
        compose = compose.replace("http://minio:9000", s3.endpoint().toString().replaceAll("/$", ""))
                .replace("http://simulator:8080", "http://127.0.0.1:" + SIMULATOR_PORT)
                .replace("http://localhost:8080", "http://127.0.0.1:" + APP_PORT);
        Map<String, Object> services = service(new Yaml(new SafeConstructor(new LoaderOptions())).load(compose),
                "services");

        Map<String, String> simulatorEnvironment = environment(service(services, "simulator"));
        simulatorEnvironment.put("WAN_DATA_DIR", WORK.resolve("simulator-data").toString());
        // quicker than a real task: the test waits for one; its ledger tells the provider's task id
        simulator = StudioProcess.uberJar(WORK, "simulator", SIMULATOR_PORT, List.of(
                "-Dwan.simulator.queued-seconds=1", "-Dwan.simulator.processing-seconds=2",
                "-Dwan.simulator.control=true"), simulatorEnvironment,
                microOptions(service(services, "simulator")));

        Map<String, Object> app1 = service(services, "app1");
        appEnvironment = environment(app1);
        assertThat(appEnvironment.get("WAN_DB_URL")).startsWith("jdbc:postgresql://db:5432/");
        appEnvironment.keySet().removeIf(name -> name.startsWith("WAN_DB_"));
        appEnvironment.put("WAN_DATA_DIR", WORK.resolve("app-data").toString());
        // the loopback store's own keys, where MinIO would take the example's MINIO_ROOT_USER/PASSWORD
        assertThat(appEnvironment).containsKeys("WAN_S3_ACCESS_KEY", "WAN_S3_SECRET_KEY");
        appEnvironment.put("WAN_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY);
        appEnvironment.put("WAN_S3_SECRET_KEY", S3TestServer.SECRET_KEY);
        app = StudioProcess.uberJar(WORK, "app", APP_PORT, List.of(), appEnvironment, microOptions(app1));
        simulator.awaitReady();
        app.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {app, simulator, s3}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aTaskWithAnUploadCompletesThroughTheStoreAndTheSeparateSimulator() {
        String token = Accounts.apiToken(app.base(), appEnvironment.get("WAN_ADMIN_USER"),
                appEnvironment.get("WAN_ADMIN_PASSWORD"));
        Http api = new Http(app.base()).withBearer(token);
        String prompt = "compose " + UUID.randomUUID();
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", prompt).field("durationSeconds", "2")
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();

        JsonObject done = api.taskOnceEnded(id, Duration.ofSeconds(120));
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");
        // the simulator read the input from the store by its presigned link, as Novita would
        assertThat(s3.reads()).anySatisfy(key -> assertThat(key).startsWith("inputs/").endsWith(".png"));
        assertThat(app.console()).contains("Provider: Novita AI at http://127.0.0.1:" + SIMULATOR_PORT);

        // the image's log: a JSON object a line; the task's lines carry its id and, once known, the provider's
        List<JsonObject> log = app.console().lines().filter(line -> !line.isBlank())
                .map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
        List<JsonObject> taskLines = log.stream()
                .filter(line -> line.getString("LogMessage", "").startsWith("Task " + id + ":")).toList();
        assertThat(taskLines).extracting(line -> line.getString("LogMessage").substring(("Task " + id).length()))
                .contains(": SUBMITTING -> QUEUED", ": QUEUED -> PROCESSING", ": PROCESSING -> DOWNLOADING")
                .anySatisfy(line -> assertThat(line).startsWith(": SUBMITTING for "))
                .anySatisfy(line -> assertThat(line).startsWith(": DOWNLOADING -> COMPLETED, "));
        assertThat(taskLines).allSatisfy(line -> assertThat(line.getString("taskId", null)).isEqualTo("" + id));
        assertThat(taskLines.stream().filter(line -> line.getString("LogMessage").contains("-> "))
                .map(line -> line.getString("providerTaskId", null)).distinct().toList())
                .singleElement().isEqualTo(new SimulatorControl(new Http(simulator.base())).providerTaskIdOf(prompt));
    }

    @Test
    void aFailedSignInBehindTheProxyIsRecordedWithTheClientsAddress() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(app.base() + "/login.xhtml"))
                .header("Proxy-ip", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher viewState = Accounts.VIEW_STATE.matcher(page);
        assertThat(viewState.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", "nobody-" + UUID.randomUUID().toString().substring(0, 8));
        form.put("login:password", "not the password at all");
        form.put("login:signIn", "x");
        form.put("jakarta.faces.ViewState", viewState.group(1));
        var answer = browser.send(HttpRequest.newBuilder(URI.create(app.base() + "/login.xhtml"))
                .header("Proxy-ip", "203.0.113.9").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Accounts.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);

        Http admin = new Http(app.base()).withBearer(Accounts.apiToken(app.base(),
                appEnvironment.get("WAN_ADMIN_USER"), appEnvironment.get("WAN_ADMIN_PASSWORD")));
        var audit = Http.json(admin.get("/api/v1/admin/audit?type=SIGN_IN_FAILED&user=" + URLEncoder.encode(
                form.get("login:username"), StandardCharsets.UTF_8)));
        assertThat(audit.toString()).contains("\"203.0.113.9\"");
    }

    /** What `docker compose` reads from docker/.env, here the example a user copies. */
    private static Map<String, String> envExample() throws IOException {
        return Files.readAllLines(Path.of("docker/.env.example")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    /** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?message}`; `$$` is a literal `$`. */
    private static String interpolate(String text, Map<String, String> values) {
        Matcher variable = INTERPOLATED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String value = values.get(variable.group(1));
            if (value == null || value.isEmpty()) {
                assertThat(variable.group(2)).as("%s has no value and no default", variable.group(1)).isEqualTo("-");
                value = variable.group(3);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> map, String name) {
        return (Map<String, Object>) map.get(name);
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new HashMap<>();
        service(service, "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /**
     * The Payara Micro options a container of the service gets: the image's ENTRYPOINT after the jar (but the port,
     * which the test chooses), then the service's command; the image's {@code /app/} files are those of docker/.
     */
    @SuppressWarnings("unchecked")
    private static List<String> microOptions(Map<String, Object> service) throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile")).replace("\\\n", " ");
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
        assertThat(entrypoint.find()).isTrue();
        List<String> image = Json.createReader(new StringReader(entrypoint.group(1))).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        List<String> options = new ArrayList<>(image.subList(image.indexOf("-jar") + 2, image.size()));
        options.subList(options.indexOf("--port"), options.indexOf("--port") + 2).clear();
        options.addAll((List<String>) service.getOrDefault("command", List.of()));
        return options.stream().map(option -> option.startsWith("/app/")
                ? Path.of("docker", option.substring("/app/".length())).toAbsolutePath().toString() : option)
                .toList();
    }
}
