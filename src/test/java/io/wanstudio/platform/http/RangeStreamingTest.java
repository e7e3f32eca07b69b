package io.wanstudio.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeStreamingTest {
    @TempDir
    Path folder;

    private Path file;
    private byte[] content;

    @BeforeEach
    void writeFile() throws Exception {
        content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        file = Files.write(folder.resolve("video.mp4"), content);
    }

    @Test
    void withoutARangeTheWholeFileIsSentAndRangesAreOffered() throws Exception {
        var answer = answer(null, null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Accept-Ranges", "bytes").containsEntry("Content-Length", "1000")
                .containsEntry("Content-Type", "video/mp4").containsKey("ETag").doesNotContainKey("Content-Range");
        assertThat(body(answer)).isEqualTo(content);
    }

    @Test
    void aRangeSendsJustThoseBytes() throws Exception {
        var answer = answer("bytes=100-199", null, null);

        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.headers()).containsEntry("Content-Range", "bytes 100-199/1000")
                .containsEntry("Content-Length", "100");
        assertThat(body(answer)).isEqualTo(Arrays.copyOfRange(content, 100, 200));
    }

    @Test
    void aRangeBeyondTheEndIs416WithTheSize() throws Exception {
        var answer = answer("bytes=1000-", null, null);

        assertThat(answer.status()).isEqualTo(416);
        assertThat(answer.headers()).containsEntry("Content-Range", "bytes */1000");
        assertThat(answer.hasBody()).isFalse();
    }

    @Test
    void aRangeForAnotherVersionOfTheFileGetsTheWholeFile() throws Exception {
        assertThat(answer("bytes=0-9", "\"other\"", null).status()).isEqualTo(200);
        String etag = answer(null, null, null).headers().get("ETag");
        assertThat(answer("bytes=0-9", etag, null).status()).isEqualTo(206);
    }

    @Test
    void aCachedCopyIsConfirmedWithoutBody() throws Exception {
        String etag = answer(null, null, null).headers().get("ETag");

        var answer = answer(null, null, "\"x\", " + etag);

        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.hasBody()).isFalse();
    }

    private RangeStreaming.Answer answer(String range, String ifRange, String ifNoneMatch) throws Exception {
        return RangeStreaming.answer(file, "video/mp4", new RangeStreaming.Conditions(range, ifRange, ifNoneMatch));
    }

    private byte[] body(RangeStreaming.Answer answer) throws Exception {
        var out = new ByteArrayOutputStream();
        RangeStreaming.copy(file, answer, out);
        return out.toByteArray();
    }
}
