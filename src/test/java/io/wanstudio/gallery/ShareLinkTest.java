package io.wanstudio.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A share link works until it expires or is revoked, whichever comes first, and says which. */
class ShareLinkTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final ShareLink link = new ShareLink(1, "alice", ShareTokens.hash(ShareTokens.generate()),
            clock.instant(), clock.instant().plus(Duration.ofHours(1)));

    @Test
    void worksUntilItExpires() {
        clock.advance(Duration.ofMinutes(59));
        assertThat(link.status(clock.instant())).isEqualTo(ShareLink.Status.ACTIVE);
        clock.advance(Duration.ofMinutes(1));
        assertThat(link.status(clock.instant())).isEqualTo(ShareLink.Status.EXPIRED);
    }

    @Test
    void aRevokedLinkSaysRevokedEvenAfterItsExpiry() {
        assertThat(link.revoke(clock.instant())).isTrue();
        assertThat(link.revoke(clock.instant().plusSeconds(5))).as("revoked once").isFalse();
        assertThat(link.getRevokedAt()).isEqualTo(clock.instant());
        clock.advance(Duration.ofDays(2));
        assertThat(link.status(clock.instant())).isEqualTo(ShareLink.Status.REVOKED);
    }

    @Test
    void tokensAreLongRandomAndOnlyTheirShapeIsAccepted() {
        String token = ShareTokens.generate();
        assertThat(token).hasSize(43).isNotEqualTo(ShareTokens.generate());
        assertThat(ShareTokens.looksLikeToken(token)).isTrue();
        assertThat(ShareTokens.looksLikeToken(token + "x")).isFalse();
        assertThat(ShareTokens.looksLikeToken("../" + token.substring(3))).isFalse();
        assertThat(ShareTokens.hash(token)).hasSize(64).isNotEqualTo(token);
    }
}
