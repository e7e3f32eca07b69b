package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.media.LinkSignature.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkSignatureTest {
    private static final String TASK = "0b7e4c52-2f34-4c4a-9d0e-3f1c2b5a6d7e";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final LinkSignature links = new LinkSignature(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    @Test
    void validUntilItsExpiry() {
        long expires = NOW.getEpochSecond() + 3600;
        String signature = links.signature(TASK, expires);

        assertThat(links.check(TASK, Long.toString(expires), signature, NOW)).isEqualTo(Verdict.VALID);
        assertThat(links.check(TASK, Long.toString(expires), signature.toUpperCase(), NOW)).isEqualTo(Verdict.VALID);
        assertThat(links.check(TASK, Long.toString(expires), signature, NOW.plusSeconds(3599)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void expiredFromItsExpirySecond() {
        long expires = NOW.getEpochSecond() + 60;
        String signature = links.signature(TASK, expires);

        assertThat(links.check(TASK, Long.toString(expires), signature, NOW.plusSeconds(60)))
                .isEqualTo(Verdict.EXPIRED);
        assertThat(links.check(TASK, Long.toString(expires), signature, NOW.plusSeconds(86_400)))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void tamperedLinksAreRefused() {
        long expires = NOW.getEpochSecond() + 60;
        String signature = links.signature(TASK, expires);
        String otherTask = "1b7e4c52-2f34-4c4a-9d0e-3f1c2b5a6d7e";
        char last = signature.charAt(signature.length() - 1);
        String flipped = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(links.check(TASK, Long.toString(expires + 3600), signature, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.check(otherTask, Long.toString(expires), signature, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.check(TASK, Long.toString(expires), flipped, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.check(TASK, "soon", signature, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.check(TASK, null, signature, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.check(TASK, Long.toString(expires), null, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new LinkSignature(new byte[] {9}).check(TASK, Long.toString(expires), signature, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void queryCarriesExpiryAndSignature() {
        assertThat(links.query(TASK, 1234)).isEqualTo("expires=1234&signature=" + links.signature(TASK, 1234));
        assertThat(links.signature(TASK, 1234)).matches("[0-9a-f]{64}");
    }

    @Test
    void secretIsKeptAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("link-secret");
        LinkSignature before = LinkSignature.withSecretIn(file);
        long expires = NOW.getEpochSecond() + 60;
        String signature = before.signature(TASK, expires);

        LinkSignature after = LinkSignature.withSecretIn(file);

        assertThat(file).isRegularFile();
        assertThat(after.check(TASK, Long.toString(expires), signature, NOW)).isEqualTo(Verdict.VALID);
        assertThat(LinkSignature.withSecretIn(dir.resolve("other")).signature(TASK, expires))
                .isNotEqualTo(signature);
    }
}
