package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void noOrUnreadableHeaderMeansTheWholeFile() {
        assertThat(ByteRange.of(null, 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("items=0-5", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=5-2", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=a-b", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=-", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=--5", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=0-1,5-6", 100)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void singleRanges() {
        assertThat(ByteRange.of("bytes=0-9", 100)).isEqualTo(new ByteRange.Part(0, 9));
        assertThat(ByteRange.of("bytes=90-", 100)).isEqualTo(new ByteRange.Part(90, 99));
        assertThat(ByteRange.of("bytes=90-1000", 100)).isEqualTo(new ByteRange.Part(90, 99));
        assertThat(ByteRange.of("bytes=-10", 100)).isEqualTo(new ByteRange.Part(90, 99));
        assertThat(ByteRange.of("bytes=-1000", 100)).isEqualTo(new ByteRange.Part(0, 99));
        assertThat(ByteRange.of("Bytes = 0-0", 100)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes= 0-0", 100)).isEqualTo(new ByteRange.Part(0, 0));
        ByteRange.Part part = (ByteRange.Part) ByteRange.of("bytes=10-19", 100);
        assertThat(part.length()).isEqualTo(10);
        assertThat(part.contentRange(100)).isEqualTo("bytes 10-19/100");
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertThat(ByteRange.of("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=100-200", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=-5", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
