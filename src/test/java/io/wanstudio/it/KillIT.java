package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The short kill test of the suite: {@code bench/kill-test.sh} with a few kills ({@code -Dwan.it.kills}, 3 by
 * default) against this build's uber-jar, so that the suite checks exactly what the long run checks — after
 * SIGKILLs while submitting, polling and downloading, every task has ended or waits for review, no video is
 * half-written, no partial file is left, and the provider (a simulator process that survives the kills) was paid
 * once per submit. The script prints its figures and every violation; they end up in the failure message.
 */
class KillIT {
    private static final int APP_PORT = StudioProcess.portNextToIt(30);
    private static final Path WORK = StudioProcess.BUILD.resolve("kill-it");
    private static final int KILLS = Integer.getInteger("wan.it.kills", 3);

    @Test
    void afterKillsAtRandomMomentsNothingIsLostHalfWrittenOrPaidTwice() throws Exception {
        StudioProcess.deleteTree(WORK);
        Files.createDirectories(WORK);
        Path output = WORK.resolve("kill-test.out");
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("bench/kill-test.sh").toAbsolutePath().toString(),
                Integer.toString(KILLS), Integer.toString(APP_PORT)) // the simulator takes the next port
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("KILL_TEST_JAR",
                StudioProcess.BUILD.resolve("wan-studio-micro.jar").toAbsolutePath().toString());
        builder.environment().put("KILL_TEST_WORK", WORK.resolve("data").toAbsolutePath().toString());
        builder.environment().put("KILL_TEST_KEEP", "1"); // the data dirs and logs stay in the build dir to look at
        Process script = builder.start();
        try {
            boolean ended = script.waitFor(20, TimeUnit.MINUTES);
            assertThat(ended).as("the kill test ended within 20 minutes:%n%s", read(output)).isTrue();
            assertThat(script.exitValue()).as(read(output)).isZero();
            assertThat(read(output)).contains("--- kill test: " + KILLS + " kills")
                    .contains("OK: nothing lost, nothing half-written, nothing paid twice");
        } finally {
            // the studio and the simulator are the script's children: none may outlive the test holding its ports
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
