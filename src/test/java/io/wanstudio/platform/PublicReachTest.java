package io.wanstudio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which public base URLs the provider could never fetch from; names are judged as text, never looked up. */
class PublicReachTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://LOCALHOST:8080/", "http://localhost.:8080",
        "http://studio.localhost", "http://127.0.0.1:8080", "http://127.8.9.10", "http://0.0.0.0:8080",
        "http://10.1.2.3", "http://172.16.0.1", "http://172.31.255.254", "http://192.168.1.20:8080/studio",
        "http://169.254.169.254", "http://100.64.0.1", "http://[::1]:8080", "http://[::]:8080",
        "http://[fe80::1]", "http://[fd12:3456::1]", "http://[::ffff:192.168.0.1]", "http://nas.local",
        "http://studio.internal", "http://studio", "http://999.1.1.1", "not a url", "/relative"})
    void addressesNovitaCannotReachAreLocalOnly(String baseUrl) {
        assertThat(PublicReach.isLocalOnly(baseUrl)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://studio.example.com", "https://studio.example.com/wan-studio",
        "http://203.0.113.7:8080", "http://8.8.8.8", "http://172.32.0.1", "http://100.128.0.1",
        "http://[2001:db8::1]", "https://localhost.example.com", "https://my-local.example.org"})
    void publicNamesAndAddressesAreNot(String baseUrl) {
        assertThat(PublicReach.isLocalOnly(baseUrl)).isFalse();
    }
}
