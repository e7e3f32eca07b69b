package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What uploads in progress leave behind when the process is killed goes at the next start; kept uploads stay. */
class UploadStoreLeftoversTest {
    @TempDir
    Path inputs;

    @Test
    void stagedAndPartialFilesOfAKilledProcessAreRemovedAndKeptUploadsStay() throws Exception {
        // what bench/kill-test.sh looks for after its kills: a SIGKILL runs no finally block
        Files.write(inputs.resolve(".Ab3.upload"), new byte[] {1, 2});
        Files.write(inputs.resolve(".incoming-77.part"), new byte[] {1});
        Files.write(inputs.resolve(".thumb-5.part"), new byte[0]);
        Files.write(inputs.resolve("Kept1.png"), new byte[] {9});
        Files.write(inputs.resolve("Kept1.thumb.jpg"), new byte[] {8});

        assertThat(UploadStore.removeStagingFiles(inputs)).isEqualTo(3);

        try (Stream<Path> left = Files.list(inputs)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("Kept1.png", "Kept1.thumb.jpg");
        }
    }
}
