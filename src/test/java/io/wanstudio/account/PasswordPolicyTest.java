package io.wanstudio.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    @Test
    void twelveCharactersAreEnough() {
        assertThat(PasswordPolicy.problem("alice", "tidy lantern")).isEmpty();
        assertThat(PasswordPolicy.problem("alice", "correct horse battery staple")).isEmpty();
    }

    @Test
    void shortPasswordsAreRefusedWithTheMinimumNamed() {
        assertThat(PasswordPolicy.problem("alice", "eleven-char")).hasValueSatisfying(
                m -> assertThat(m).contains("at least 12"));
        assertThat(PasswordPolicy.problem("alice", "")).hasValue("Enter a password.");
        assertThat(PasswordPolicy.problem("alice", null)).hasValue("Enter a password.");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(PasswordPolicy.problem("alice", "ééééééééééé")).isPresent(); // 11 characters, 22 bytes
        assertThat(PasswordPolicy.problem("alice", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")).hasValueSatisfying(
                m -> assertThat(m).contains("repeated"));
    }

    @Test
    void thePasswordMustNotContainTheUsername() {
        assertThat(PasswordPolicy.problem("alice", "Alice-in-wonderland")).hasValueSatisfying(
                m -> assertThat(m).contains("username"));
        assertThat(PasswordPolicy.problem("alice", "alicealicealice")).isPresent();
    }

    @Test
    void blankRepeatedAndOverlongPasswordsAreRefused() {
        assertThat(PasswordPolicy.problem("alice", " ".repeat(14))).isPresent();
        assertThat(PasswordPolicy.problem("alice", "a".repeat(14))).isPresent();
        assertThat(PasswordPolicy.problem("alice", "ab".repeat(101))).hasValueSatisfying(
                m -> assertThat(m).contains("at most"));
    }

    @Test
    void usernamesAreCaseInsensitiveAndLimitedToSafeCharacters() {
        assertThat(Usernames.normalize("  Alice.Smith ")).isEqualTo("alice.smith");
        assertThat(Usernames.isValid("alice.smith")).isTrue();
        assertThat(Usernames.isValid("al")).isFalse();
        assertThat(Usernames.isValid("../etc")).isFalse();
        assertThat(Usernames.isValid("a b c")).isFalse();
        assertThat(Usernames.problem("x")).isPresent();
    }
}
