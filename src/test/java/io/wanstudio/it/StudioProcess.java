package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wan Studio as a user runs it, in a process of its own on loopback: the uber-jar, or Payara Micro deploying the
 * plain WAR. Its console goes to a log file next to its data.
 */
public final class StudioProcess implements AutoCloseable {
    static final Path BUILD = Path.of(System.getProperty("wan.build.dir", "target"));
    private static final int IT_PORT = Integer.getInteger("wan.it.port", 18080);

    /**
     * A port for a process of a test, next to the build's {@code wan.it.port} (18080 + 11 = 18091, ...): builds run
     * side by side with their own {@code wan.it.port} never fight over one.
     */
    static int portNextToIt(int offset) {
        return IT_PORT + offset;
    }

    private final Process process;
    private final Path log;
    private final int port;

    private StudioProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code java <properties> -jar wan-studio-micro.jar --port <port>}, as the README says. */
    public static StudioProcess uberJar(Path work, String name, int port, List<String> properties) {
        return uberJar(work, name, port, properties, Map.of());
    }

    /** The same with environment variables added, as a user sets {@code NOVITA_API_KEY=... java -jar ...}. */
    public static StudioProcess uberJar(Path work, String name, int port, List<String> properties,
            Map<String, String> environment) {
        return launch(work, name, port, properties, List.of("-jar", jar("wan-studio-micro.jar"), "--port",
                Integer.toString(port)), environment);
    }

    /** The same with Payara Micro options after the port, e.g. {@code --postbootcommandfile} as the image runs it. */
    public static StudioProcess uberJar(Path work, String name, int port, List<String> properties,
            Map<String, String> environment, List<String> microOptions) {
        List<String> arguments = new ArrayList<>(List.of("-jar", jar("wan-studio-micro.jar"), "--port",
                Integer.toString(port)));
        arguments.addAll(microOptions);
        return launch(work, name, port, properties, arguments, environment);
    }

    /** The plain WAR on Payara Micro, deployed under its name: the studio lives at {@code /wan-studio}. */
    public static StudioProcess war(Path work, String name, int port, List<String> properties) {
        return launch(work, name, port, properties, List.of("-jar", jar("payara-micro.jar"), "--deploy",
                jar("wan-studio.war"), "--port", Integer.toString(port), "--nocluster", "--nohazelcast",
                "--disablephonehome"));
    }

    /**
     * Payara Micro deploying a given WAR with the given JVM and Payara options (which name the port themselves).
     */
    static StudioProcess payaraMicro(Path work, String name, int port, List<String> jvmOptions, Path war,
            List<String> microOptions) {
        List<String> arguments = new ArrayList<>(List.of("-jar", jar("payara-micro.jar"), "--deploy",
                war.toAbsolutePath().toString()));
        arguments.addAll(microOptions);
        return launch(work, name, port, jvmOptions, arguments);
    }

    private static StudioProcess launch(Path work, String name, int port, List<String> properties,
            List<String> jarAndArguments) {
        return launch(work, name, port, properties, jarAndArguments, Map.of());
    }

    private static StudioProcess launch(Path work, String name, int port, List<String> properties,
            List<String> jarAndArguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m"));
        command.addAll(properties);
        command.addAll(jarAndArguments);
        Path log = work.resolve(name + ".log");
        try {
            Files.createDirectories(work);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            // whatever happens to the test run, no studio outlives it holding its port
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new StudioProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jar(String fileName) {
        File file = BUILD.resolve(fileName).toFile();
        assertThat(file).as(fileName + " built by mvn package").isFile();
        return file.getAbsolutePath();
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public String console() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until MicroProfile Health says the process is ready (the database and media store are usable). */
    public StudioProcess awaitReady() {
        Http http = new Http(base());
        try {
            // a process that ended will never be ready: say so at once, with what it printed
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .failFast("the process ended", () -> !process.isAlive())
                    .until(() -> http.get("/health/ready").statusCode() == 200);
        } catch (RuntimeException e) {
            String health;
            try {
                health = http.get("/health/ready").body();
            } catch (RuntimeException unreachable) {
                health = unreachable.toString();
            }
            throw new AssertionError(base() + " not ready (" + (process.isAlive() ? "still running" : "ended with "
                    + process.exitValue()) + "), /health/ready: " + health + "; the end of " + log + ":\n"
                    + consoleTail(80), e);
        }
        return this;
    }

    private String consoleTail(int lines) {
        String[] all = console().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** SIGKILL: no shutdown hook runs, as when the machine loses power. */
    public void kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Deletes a folder tree left by an earlier run. */
    static void deleteTree(Path root) {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
