package io.wanstudio.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanstudio.gallery.GalleryQuery.Sort;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GalleryCursorTest {

    @Test
    void eachKindOfSortKeyComesBackAsItWasWithItsId() throws Exception {
        var created = new GalleryCursor(Sort.NEWEST, Instant.parse("2026-11-30T03:08:05.807123Z"), 42);
        var duration = new GalleryCursor(Sort.SHORTEST, 15, 7);
        var cost = new GalleryCursor(Sort.COSTLIEST, new BigDecimal("0.7500"), Long.MAX_VALUE);

        assertThat(GalleryCursor.decode(created.encode(), Sort.NEWEST)).isEqualTo(created);
        assertThat(GalleryCursor.decode(duration.encode(), Sort.SHORTEST)).isEqualTo(duration);
        assertThat(GalleryCursor.decode(cost.encode(), Sort.COSTLIEST)).isEqualTo(cost);
    }

    @Test
    void aCursorIsUrlSafeText() {
        String cursor = new GalleryCursor(Sort.OLDEST, Instant.parse("1969-12-31T23:59:59.5Z"), 3).encode();

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void timesKeepTheMicrosecondsTheDatabaseKeeps() throws Exception {
        var cursor = new GalleryCursor(Sort.NEWEST, Instant.parse("2026-11-30T03:08:05.807123999Z"), 1);

        assertThat(GalleryCursor.decode(cursor.encode(), Sort.NEWEST).key())
                .isEqualTo(Instant.parse("2026-11-30T03:08:05.807123Z"));
    }

    @Test
    void aCursorOfAnotherSortIsRefused() {
        String cursor = new GalleryCursor(Sort.NEWEST, Instant.now(), 42).encode();

        assertThatThrownBy(() -> GalleryCursor.decode(cursor, Sort.OLDEST))
                .isInstanceOf(GalleryCursor.InvalidCursorException.class);
    }

    @Test
    void changedOrMadeUpCursorsAreRefused() {
        String good = new GalleryCursor(Sort.LONGEST, 10, 42).encode();
        for (String bad : new String[] {"", "!!!", good.substring(1), good + "A", "x".repeat(500), plain("g1|LONGEST|10"),
            plain("g1|LONGEST|ten|42"), plain("g1|LONGEST|99999999999|42"), plain("g1|LONGEST|1.5|42"),
            plain("g1|LONGEST|10|-4"), plain("g1|LONGEST|10|99999999999999999999"), plain("g2|LONGEST|10|42"),
            plain("g1|LONGEST|10|42|x"), plain("g1|LONGEST|10|42\n")}) {
            assertThatThrownBy(() -> GalleryCursor.decode(bad, Sort.LONGEST)).as(bad)
                    .isInstanceOf(GalleryCursor.InvalidCursorException.class);
        }
        assertThatThrownBy(() -> GalleryCursor.decode(plain("g1|NEWEST|99999999999999999999|1"), Sort.NEWEST))
                .isInstanceOf(GalleryCursor.InvalidCursorException.class);
    }

    private static String plain(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
