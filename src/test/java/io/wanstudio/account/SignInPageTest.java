package io.wanstudio.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInPageTest {
    @Test
    void returnsOnlyToPagesOfThisApp() {
        assertThat(SignInPage.isLocalPage("/")).isTrue();
        assertThat(SignInPage.isLocalPage("/index.xhtml")).isTrue();
        assertThat(SignInPage.isLocalPage("/account/tokens.xhtml?tab=1&x=a%20b")).isTrue();

        assertThat(SignInPage.isLocalPage("//evil.example/x.xhtml")).isFalse();
        assertThat(SignInPage.isLocalPage("/\\evil.example/x.xhtml")).isFalse();
        assertThat(SignInPage.isLocalPage("/\t/evil.example/x.xhtml")).isFalse();
        assertThat(SignInPage.isLocalPage("https://evil.example/")).isFalse();
        assertThat(SignInPage.isLocalPage("/x.xhtml?next=<script>")).isFalse();
        assertThat(SignInPage.isLocalPage("/login.xhtml")).isFalse();
        assertThat(SignInPage.isLocalPage("")).isFalse();
    }
}
