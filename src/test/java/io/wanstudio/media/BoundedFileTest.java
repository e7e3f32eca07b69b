package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileTest {
    @TempDir
    Path dir;

    @Test
    void sizeAndSha256AreThoseOfTheBytesWritten() throws Exception {
        Path target = dir.resolve("abc.txt");

        BoundedFile.Written written = BoundedFile.copy(stream("abc".getBytes(StandardCharsets.US_ASCII)), target, 3);

        assertThat(target).hasContent("abc");
        assertThat(written.bytes()).isEqualTo(3);
        // FIPS 180-2's example digest of "abc"
        assertThat(written.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void largeStreamArrivesIntactAndMayFillTheLimitExactly() throws Exception {
        byte[] bytes = new byte[1_000_003]; // not a multiple of the copy buffer
        new Random(7).nextBytes(bytes);
        Path target = dir.resolve("big.bin");

        BoundedFile.Written written = BoundedFile.copy(stream(bytes), target, bytes.length);

        assertThat(target).hasBinaryContent(bytes);
        assertThat(written.bytes()).isEqualTo(bytes.length);
    }

    @Test
    void emptyStreamMakesAnEmptyFile() throws Exception {
        Path target = dir.resolve("empty");

        BoundedFile.Written written = BoundedFile.copy(InputStream.nullInputStream(), target, 10);

        assertThat(target).isEmptyFile();
        assertThat(written.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void oneByteOverTheLimitIsRefusedAndNothingIsLeft() throws Exception {
        Path target = dir.resolve("a");

        assertThatThrownBy(() -> BoundedFile.copy(stream(new byte[1001]), target, 1000))
                .isInstanceOf(BoundedFile.TooLargeException.class)
                .satisfies(e -> assertThat(((BoundedFile.TooLargeException) e).limit()).isEqualTo(1000));
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void streamThatBreaksHalfWayLeavesNothing() throws Exception {
        InputStream breaking = new SequenceInputStream(stream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> BoundedFile.copy(breaking, dir.resolve("a"), 1_000_000))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void existingTargetIsReplacedOnSuccessAndKeptOnFailure() throws Exception {
        Path target = Files.writeString(dir.resolve("a"), "old");

        assertThatThrownBy(() -> BoundedFile.copy(stream(new byte[11]), target, 10))
                .isInstanceOf(BoundedFile.TooLargeException.class);
        assertThat(target).hasContent("old");

        BoundedFile.copy(stream("new".getBytes(StandardCharsets.US_ASCII)), target, 10);
        assertThat(target).hasContent("new");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
