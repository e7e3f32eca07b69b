package io.wanstudio.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
    private static final long SIZE = 1000;

    @ParameterizedTest
    @CsvSource({"bytes=0-99, 0, 99", "bytes=900-, 900, 999", "bytes=-100, 900, 999", "bytes=990-5000, 990, 999",
        "bytes=-5000, 0, 999", "BYTES=5-5, 5, 5", "bytes=999-, 999, 999"})
    void aSingleRangeIsAPart(String header, long first, long last) {
        assertThat(ByteRange.parse(header, SIZE)).isEqualTo(new ByteRange.Part(first, last));
    }

    @ParameterizedTest
    @CsvSource({"bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=99999999999999999999999-"})
    void aRangeBeyondTheEndIsUnsatisfiable(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @ParameterizedTest
    @CsvSource(value = {"null", "''", "bytes=", "bytes=-", "bytes=5-2", "'bytes=0-1,5-6'", "items=0-5", "bytes=a-b",
        "bytes=1-2-3"}, nullValues = "null")
    void anythingElseIsTheWholeFile(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isInstanceOf(ByteRange.Whole.class);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-", "bytes=-1"})
    void anEmptyFileHasNoRanges(String header) {
        assertThat(ByteRange.parse(header, 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
