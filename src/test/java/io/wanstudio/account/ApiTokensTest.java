package io.wanstudio.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    @Test
    void tokensAreLongRandomAndRecognizable() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 100; i++) {
            String token = ApiTokens.generate();
            assertThat(token).startsWith("wan_").hasSize(ApiTokens.LENGTH);
            assertThat(ApiTokens.looksLikeToken(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void onlyAHashAndAShortPrefixAreKept() {
        String token = ApiTokens.generate();
        assertThat(ApiTokens.hash(token)).hasSize(64).doesNotContain(token.substring(4)).isEqualTo(
                ApiTokens.hash(token));
        assertThat(ApiTokens.prefix(token)).hasSize(12).isEqualTo(token.substring(0, 12));
    }

    @Test
    void anythingElseIsNotAToken() {
        assertThat(ApiTokens.looksLikeToken(null)).isFalse();
        assertThat(ApiTokens.looksLikeToken("")).isFalse();
        assertThat(ApiTokens.looksLikeToken("wan_short")).isFalse();
        assertThat(ApiTokens.looksLikeToken("xyz_" + "a".repeat(43))).isFalse();
        assertThat(ApiTokens.looksLikeToken("wan_" + "a".repeat(42) + "!")).isFalse();
        assertThat(ApiTokens.looksLikeToken("wan_" + "é".repeat(43))).isFalse();
    }

    @Test
    void throttledSignInsSayHowManyMinutesToWait() {
        assertThat(SignInResult.throttled(Duration.ofSeconds(30)).message())
                .isEqualTo("Too many attempts; try again in 1 minute.");
        assertThat(SignInResult.throttled(Duration.ofSeconds(61)).message())
                .isEqualTo("Too many attempts; try again in 2 minutes.");
        assertThat(SignInResult.of(SignInResult.Status.DISABLED).message())
                .isEqualTo(SignInResult.of(SignInResult.Status.BAD).message());
    }
}
