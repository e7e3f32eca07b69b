package io.wanstudio;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.platform.HealthChecks;
import io.wanstudio.provider.ProviderReadiness;
import jakarta.faces.push.PushContext;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files under {@code docker/} checked against the app, since no Docker engine runs where the tests do: what
 * the compose file sets is what the studio reads, the health check asks what the app answers, the proxy lets the
 * largest upload and the live updates through, and the image runs the jar the build makes, as a non-root user.
 */
class DockerFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern SETTING_NAME = Pattern.compile("\\b(?:WAN|NOVITA)_[A-Z0-9_]*[A-Z0-9]\\b");
    /** `${NAME}`, `${NAME:-default}`, `${NAME:?message}`: what compose takes from docker/.env. */
    private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?][^}]*)?}");

    private static String compose;
    private static Map<String, Object> services;
    private static String nginx;
    private static String dockerfile;
    private static String envExample;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        compose = Files.readString(ROOT.resolve("docker/compose.yaml"));
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(compose);
        services = (Map<String, Object>) yaml.get("services");
        nginx = Files.readString(ROOT.resolve("docker/nginx.conf"));
        dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        envExample = Files.readString(ROOT.resolve("docker/.env.example"));
    }

    @Test
    void everyStudioSettingTheComposeFileOrItsEnvExampleNamesIsOneTheReadmeDocuments() throws IOException {
        Set<String> documented = documentedEnvNames();
        Set<String> used = new TreeSet<>();
        for (String service : services.keySet()) {
            used.addAll(environment(service).keySet());
        }
        Matcher interpolated = INTERPOLATED.matcher(compose);
        while (interpolated.find()) {
            used.add(interpolated.group(1));
        }
        Matcher inExample = SETTING_NAME.matcher(envExample);
        while (inExample.find()) {
            used.add(inExample.group());
        }
        used.removeIf(name -> !SETTING_NAME.matcher(name).matches());

        assertThat(used).contains("WAN_DB_URL", "WAN_S3_BUCKET", "WAN_PUBLIC_BASE_URL", "NOVITA_API_KEY");
        assertThat(documented).containsAll(used);
    }

    @Test
    void everyValueTheComposeFileRequiresIsInTheEnvExample() {
        Set<String> inExample = new HashSet<>();
        for (String line : envExample.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                inExample.add(line.substring(0, line.indexOf('=')).trim());
            }
        }
        Matcher interpolated = INTERPOLATED.matcher(compose);
        List<String> missing = new ArrayList<>();
        while (interpolated.find()) {
            boolean required = interpolated.group(2) != null && interpolated.group(2).contains("?");
            if (required && !inExample.contains(interpolated.group(1))) {
                missing.add(interpolated.group(1));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(envExample).doesNotContainPattern("sk_[A-Za-z0-9]{8,}");
    }

    @Test
    void theStudioRunsAsTwoInstancesOnPostgresqlAndTheObjectStoreBehindTheProxy() {
        List<String> apps = services.keySet().stream().filter(name -> image(name).startsWith("wan-studio")
                && !"simulator".equals(environment(name).get("WAN_ROLE"))).toList();
        assertThat(apps).hasSize(2);
        for (String app : apps) {
            Map<String, Object> env = environment(app);
            assertThat(String.valueOf(env.get("WAN_DB_URL"))).startsWith("jdbc:postgresql://db:5432/");
            assertThat(String.valueOf(env.get("WAN_S3_ENDPOINT"))).contains("http://minio:9000");
            assertThat(env.get("WAN_S3_PATH_STYLE")).isEqualTo("true");
            // each instance keeps its own local copies: they write files of the same names
            assertThat(volumes(app)).singleElement().asString().endsWith(":/data");
            assertThat(nginx).containsPattern("server\\s+" + app + ":8080\\b");
        }
        assertThat(volumes(apps.get(0))).doesNotContainAnyElementsOf(volumes(apps.get(1)));
        assertThat(volumes("db")).contains("db-data:/var/lib/postgresql/data");
        assertThat(image("db")).startsWith("postgres:15.");
        assertThat(volumes("minio")).contains("minio-data:/data");
        assertThat(service("proxy").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        List<String> images = new ArrayList<>();
        services.keySet().stream().map(DockerFilesTest::image).filter(image -> !image.startsWith("wan-studio"))
                .forEach(images::add);
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        while (from.find()) {
            images.add(from.group(1));
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(image -> assertThat(image).matches("[a-z0-9./-]+:[^:]*\\d[.\\d-][^:]*"));
    }

    @Test
    void theImageRunsTheUberJarTheBuildMakesAsANonRootUser() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher uberJar = Pattern.compile("--outputUberJar</argument>\\s*<argument>\\$\\{wan\\.build\\.dir}/([^<]+)"
                + "</argument>").matcher(pom);
        assertThat(uberJar.find()).isTrue();

        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(runtime).containsPattern("COPY --from=build /src/target/" + Pattern.quote(uberJar.group(1)) + " ")
                .contains("\"/app/" + uberJar.group(1) + "\"");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
        List<String> users = new ArrayList<>();
        while (user.find()) {
            users.add(user.group(1));
        }
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).doesNotMatch("(root|0)(:.*)?").matches("\\d+(:\\d+)?");
        assertThat(runtime).containsPattern("(?m)^EXPOSE 8080$").contains("\"--port\", \"8080\"");
        assertThat(dockerfile).containsPattern("(?m)^RUN mvn -B -q package -DskipTests$");
    }

    @Test
    void everyFileTheImageCopiesFromTheRepositoryIsInTheBuildContext() throws IOException {
        String dockerignore = Files.readString(ROOT.resolve("docker/Dockerfile.dockerignore"));
        Matcher copy = Pattern.compile("(?m)^COPY (docker/\\S+) ").matcher(dockerfile);
        List<String> copied = new ArrayList<>();
        while (copy.find()) {
            copied.add(copy.group(1));
        }
        assertThat(copied).contains("docker/trust-proxy.asadmin", "docker/logging.properties")
                .allSatisfy(file -> {
                    assertThat(ROOT.resolve(file)).isRegularFile();
                    assertThat(dockerignore).contains("\n!" + file + "\n");
                });
    }

    @Test
    void theImageLogsOneJsonObjectALineWithPayarasOwnFormatter() throws IOException {
        assertThat(dockerfile).contains("\"--logproperties\", \"/app/logging.properties\"]");
        var logging = new java.util.Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("docker/logging.properties"))) {
            logging.load(in);
        }
        assertThat(logging.getProperty("handlers")).isEqualTo("java.util.logging.ConsoleHandler");
        assertThat(logging.getProperty("java.util.logging.ConsoleHandler.formatter"))
                .isEqualTo("fish.payara.enterprise.server.logging.JSONLogFormatter");
    }

    @Test
    void theHealthCheckAsksMicroProfileHealthForTheAppsReadiness() throws NoSuchMethodException {
        Matcher check = Pattern.compile("HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD curl -fsS -o /dev/null "
                + "http://127\\.0\\.0\\.1:8080(/\\S+)").matcher(dockerfile);
        assertThat(check.find()).isTrue();
        // /health/ready is MicroProfile Health's readiness path; it reports the app's own readiness checks
        assertThat(check.group(1)).isEqualTo("/health/ready");
        assertThat(ProviderReadiness.class.isAnnotationPresent(Readiness.class)).isTrue();
        assertThat(HealthChecks.class.getDeclaredMethods()).anySatisfy(
                method -> assertThat(method.isAnnotationPresent(Readiness.class)).isTrue());
        // the image has the tool the check runs
        assertThat(dockerfile).containsPattern("apt-get install -y --no-install-recommends curl");
        // the proxy waits for the instances to be ready
        assertThat(String.valueOf(service("proxy").get("depends_on"))).contains("condition=service_healthy");
    }

    @Test
    void theProxyTakesTheLargestRequestTheStudioAccepts() throws ReflectiveOperationException {
        long largest = Math.max(limit("io.wanstudio.api.UploadSizeLimit"),
                limit("io.wanstudio.studio.PageUploadLimit"));
        Matcher size = Pattern.compile("client_max_body_size (\\d+)([km]?);").matcher(nginx);
        assertThat(size.find()).isTrue();
        long unit = switch (size.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1L;
        };
        assertThat(Long.parseLong(size.group(1)) * unit).isGreaterThanOrEqualTo(largest);
    }

    @Test
    void theProxyPassesTheFacesWebsocketWithItsUpgrade() {
        int at = nginx.indexOf("location " + PushContext.URI_PREFIX + "/ {");
        assertThat(at).isPositive();
        String location = nginx.substring(at, nginx.indexOf("\n        }", at));
        assertThat(location).contains("proxy_set_header Upgrade $http_upgrade;",
                "proxy_set_header Connection $connection_upgrade;", "proxy_set_header X-Forwarded-Proto $scheme;",
                "proxy_set_header Host $http_host;", "proxy_pass http://studio;");
    }

    @Test
    void theProxyKeepsABrowserOnItsInstanceAndNeverResendsAPaidPost() {
        // sessions (and Faces view state) live in each instance's memory
        assertThat(nginx).containsPattern("upstream studio \\{[^}]*\\bip_hash;");
        assertThat(nginx).contains("proxy_next_upstream error timeout;")
                .doesNotContainPattern("proxy_next_upstream[^;]*non_idempotent");
        assertThat(nginx).contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_set_header X-Forwarded-Host $http_host;");
    }

    @Test
    void theInstancesTakeTheClientsAddressOnlyFromTheProxy() throws IOException {
        String postBoot = Files.readString(ROOT.resolve("docker/trust-proxy.asadmin"));
        assertThat(postBoot.strip()).isEqualTo("set configs.config.server-config.network-config.protocols.protocol"
                + ".http-listener.http.auth-pass-through-enabled=true");
        assertThat(dockerfile).contains("COPY docker/trust-proxy.asadmin /app/trust-proxy.asadmin");
        assertThat(Files.readString(ROOT.resolve("docker/Dockerfile.dockerignore")))
                .contains("!docker/trust-proxy.asadmin");
        for (String app : List.of("app1", "app2")) {
            assertThat(service(app).get("command"))
                    .isEqualTo(List.of("--postbootcommandfile", "/app/trust-proxy.asadmin"));
            // a published port would let anyone send their own Proxy-ip
            assertThat(service(app)).doesNotContainKey("ports");
        }
        // set in every location (one with its own proxy_set_header inherits none), from nginx's own view
        Matcher proxyIp = Pattern.compile("proxy_set_header Proxy-ip \\$remote_addr;").matcher(nginx);
        assertThat(proxyIp.results().count()).isEqualTo(nginx.split("proxy_set_header Host ", -1).length - 1)
                .isEqualTo(2);
    }

    /** Env names of README's settings table: the backticked keys of its first column, and env names given there. */
    private static Set<String> documentedEnvNames() throws IOException {
        Set<String> names = new TreeSet<>();
        String readme = Files.readString(ROOT.resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"), readme.indexOf("\n## ", readme.indexOf(
                "## Settings") + 1));
        for (String row : table.split("\n")) {
            if (!row.startsWith("| `")) {
                continue;
            }
            Matcher key = Pattern.compile("`([a-z0-9.-]+)`").matcher(row.substring(0, row.indexOf(" |", 2)));
            while (key.find()) {
                names.add(key.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
        }
        assertThat(names).contains("WAN_DATA_DIR", "NOVITA_API_KEY");
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(String name) {
        return (List<String>) service(name).getOrDefault("volumes", List.of());
    }

    private static String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    private static long limit(String filter) throws ReflectiveOperationException {
        Field field = Class.forName(filter).getDeclaredField("MAX_REQUEST_BYTES");
        field.setAccessible(true);
        return field.getLong(null);
    }
}
