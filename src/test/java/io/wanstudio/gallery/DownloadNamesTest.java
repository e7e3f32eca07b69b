package io.wanstudio.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Download names a person recognises, safe on every file system, readable by old and new clients. */
class DownloadNamesTest {
    private static final Instant MADE = Instant.parse("2026-11-30T22:15:00Z");

    @Test
    void dayFirstWordsOfThePromptAndNumber() {
        assertThat(DownloadNames.of(MADE, "Lanterns sway in the wind, slowly; at night over a river", 42))
                .isEqualTo("2026-11-30 lanterns-sway-in-the-wind-slowly 42.mp4");
    }

    @Test
    void lettersOfEveryScriptAreKeptAndSymbolsDropped() {
        assertThat(DownloadNames.of(MADE, "Café «au lait» — 北京 的 灯笼 / 3 cats!", 7))
                .isEqualTo("2026-11-30 café-au-lait-北京-的-灯笼 7.mp4");
        assertThat(DownloadNames.of(MADE, "../../etc/passwd\u0000 <script>", 8))
                .isEqualTo("2026-11-30 etc-passwd-script 8.mp4");
    }

    @Test
    void aPromptWithoutWordsGivesVideo() {
        assertThat(DownloadNames.of(MADE, " !?… ", 9)).isEqualTo("2026-11-30 video 9.mp4");
        assertThat(DownloadNames.of(MADE, null, 9)).isEqualTo("2026-11-30 video 9.mp4");
    }

    @Test
    void veryLongWordsAreCut() {
        String name = DownloadNames.of(MADE, "a".repeat(200), 1);
        assertThat(name).hasSize("2026-11-30 ".length() + 60 + " 1.mp4".length());
    }

    @Test
    void attachmentCarriesUtf8NameAndAnAsciiFallback() {
        assertThat(DownloadNames.attachment("2026-11-30 café-北京-river 42.mp4")).isEqualTo(
                "attachment; filename=\"2026-11-30 cafe-river 42.mp4\"; "
                        + "filename*=UTF-8''2026-11-30%20caf%C3%A9-%E5%8C%97%E4%BA%AC-river%2042.mp4");
        assertThat(DownloadNames.attachment("2026-11-30 北京 42.mp4"))
                .startsWith("attachment; filename=\"2026-11-30 video 42.mp4\"");
    }

    @Test
    void theZipIsNamedByDayAndCount() {
        assertThat(DownloadNames.zip(MADE, 3)).isEqualTo("wan-studio-2026-11-30-3-videos.zip");
    }
}
