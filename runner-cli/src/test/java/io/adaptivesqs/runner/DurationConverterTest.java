package io.adaptivesqs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
            "30s, PT30S",
            "2m, PT2M",
            "1h30m, PT1H30M",
            "500ms, PT0.5S",
            "1m30s, PT1M30S",
            "45, PT45S",
            "0, PT0S" })
    void readsCamelDurationsAndBareSeconds(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "xx", "PT30S", "-5s", "5 minutes", "" })
    void rejectsWhatCamelWouldReadAsZero(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a duration such as 30s");
    }
}
