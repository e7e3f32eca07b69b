package io.wanstudio.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void tagsAreTrimmedAndInLowerCaseSoThatOneTagIsOneFilter() throws Exception {
        assertThat(Tags.normalise("  Sunset ")).isEqualTo("sunset");
        assertThat(Tags.normalise("Golden   Hour")).isEqualTo("golden hour");
        assertThat(Tags.normalise("take_2-final")).isEqualTo("take_2-final");
        assertThat(Tags.normalise("海港 夜景")).isEqualTo("海港 夜景");
        assertThat(Tags.normalise("Ünïcödé")).isEqualTo("ünïcödé");
    }

    @Test
    void fortyCharactersAreTheMost() throws Exception {
        assertThat(Tags.normalise("a".repeat(40))).hasSize(40);
        assertThat(Tags.normalise("港".repeat(40))).hasSize(40);
        assertThatThrownBy(() -> Tags.normalise("a".repeat(41))).hasMessageContaining("at most 40");
    }

    @Test
    void emptyTagsAndOtherCharactersAreRefusedWithTheRule() {
        assertThatThrownBy(() -> Tags.normalise("   ")).isInstanceOf(Tags.InvalidTagException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> Tags.normalise(null)).isInstanceOf(Tags.InvalidTagException.class);
        for (String bad : new String[] {"a,b", "50%", "x/y", "<b>", "tab\there!", "emoji 🎬", "a.b"}) {
            assertThatThrownBy(() -> Tags.normalise(bad)).as(bad).isInstanceOf(Tags.InvalidTagException.class)
                    .hasMessageContaining("letters, digits, spaces");
        }
    }
}
