package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Payara Micro with the app for every IT class that talks to it over HTTP only, started by the first such
 * class and stopped when the test run ends: a start costs half a minute, so the run pays it once, not per class.
 * It runs the WAR that {@code mvn package} built plus the test-only account switch, with the settings of
 * {@code arquillian.xml} (one place for them; the in-container tests' Payara uses them too, on its own port and
 * data folder).
 * With {@code wan.it.db.url} set (the build's PostgreSQL run of the database ITs) it uses that database instead of
 * H2, with {@code wan.it.db.user}/{@code wan.it.db.password}: the same classes then prove the same on PostgreSQL.
 */
public final class SharedStudio implements BeforeAllCallback {
    /** The port the classes using this extension reach the app on. */
    public static final int PORT = Integer.getInteger("wan.it.port", 18080);
    public static final String BASE = "http://localhost:" + PORT;
    /** Its data folder (database, media store), as arquillian.xml names it for this port. */
    public static final Path DATA = StudioProcess.BUILD.resolve("it-data-" + PORT);
    private static final Pattern PROPERTY = Pattern.compile("<property name=\"(cmdOptions|extraMicroOptions)\">"
            + "([^<]*)</property>");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStudio.class, key -> start(), StudioProcess.class);
    }

    private static StudioProcess start() {
        // the PostgreSQL run's own folder, so that the H2 run's console log stays for a look after the build
        Path work = StudioProcess.BUILD.resolve(database().isEmpty() ? "shared-it" : "shared-postgres-it");
        StudioProcess.deleteTree(work);
        Path war = work.resolve("ROOT.war");
        work.toFile().mkdirs();
        Deployments.appWithTestAccounts().as(ZipExporter.class).exportTo(war.toFile(), true);
        List<String> jvmOptions = new ArrayList<>();
        List<String> microOptions = new ArrayList<>();
        Matcher property = PROPERTY.matcher(arquillianXml());
        while (property.find()) {
            List<String> options = Arrays.asList(resolve(property.group(2)).trim().split("\\s+"));
            (property.group(1).equals("cmdOptions") ? jvmOptions : microOptions).addAll(options);
        }
        jvmOptions.addAll(database());
        StudioProcess studio = StudioProcess.payaraMicro(work, "studio", PORT, jvmOptions, war, microOptions);
        studio.awaitReady();
        if (!database().isEmpty()) {
            // the PostgreSQL run proves nothing if the studio fell back to H2
            assertThat(studio.console()).as("the studio's console").contains("Database PostgreSQL");
        }
        return studio;
    }

    /** The database settings of the studio: none (its H2 file database) unless the build names another one. */
    static List<String> database() {
        String url = System.getProperty("wan.it.db.url", "");
        if (url.isBlank()) {
            return List.of();
        }
        return List.of("-Dwan.db.url=" + url, "-Dwan.db.user=" + System.getProperty("wan.it.db.user", ""),
                "-Dwan.db.password=" + System.getProperty("wan.it.db.password", ""),
                // far from UTC (+13:45), so that a time stored or read as local time instead of an instant shows
                "-Duser.timezone=Pacific/Chatham");
    }

    /**
     * The placeholders of arquillian.xml filled as Arquillian fills them (from system properties), except the port:
     * this process has its own, and so its own data folder.
     */
    private static String resolve(String options) {
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(options);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = name.equals("wan.it.container.port") ? Integer.toString(PORT)
                    : name.equals("wan.build.dir") ? StudioProcess.BUILD.toAbsolutePath().toString()
                    : System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("arquillian.xml needs the system property " + name);
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(resolved).toString();
    }

    private static String arquillianXml() {
        try (InputStream in = SharedStudio.class.getResourceAsStream("/arquillian.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
