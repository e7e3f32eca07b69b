package io.wanstudio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the studio warns that the provider could not fetch uploaded files, and that the warning keeps the key. */
class ProviderModeTest {
    private static final String KEY = "sk-secret-4411";

    @Test
    void aRealKeyWithTheDefaultAddressWarnsAndNamesWhatToSet() {
        ProviderMode mode = mode(KEY, null, null);

        assertThat(mode.unreachableUploadLinks()).get().asString()
                .contains("http://localhost:8080", "Novita cannot reach", "WAN_PUBLIC_BASE_URL", "WAN_S3_BUCKET")
                .doesNotContain(KEY);
    }

    @Test
    void aPublicAddressAnObjectStoreOrTheSimulatorNeedNoWarning() {
        assertThat(mode(KEY, "https://studio.example.com", null).unreachableUploadLinks()).isEmpty();
        assertThat(mode(KEY, null, "wan-media").unreachableUploadLinks()).isEmpty();
        assertThat(mode(null, null, null).unreachableUploadLinks()).isEmpty();
        assertThat(mode("  ", "http://192.168.1.5:8080", null).unreachableUploadLinks()).isEmpty();
    }

    @Test
    void aPrivateAddressBehindNoProxyWarns() {
        assertThat(mode(KEY, "http://192.168.1.5:8080", null).unreachableUploadLinks()).get().asString()
                .contains("http://192.168.1.5:8080");
    }

    private static ProviderMode mode(String key, String publicBaseUrl, String bucket) {
        ProviderMode mode = new ProviderMode();
        mode.apiKey = Optional.ofNullable(key);
        mode.baseUrl = Optional.empty();
        mode.publicBaseUrl = Optional.ofNullable(publicBaseUrl);
        mode.objectStoreBucket = Optional.ofNullable(bucket);
        mode.httpPort = 8080;
        mode.role = "app";
        return mode;
    }
}
