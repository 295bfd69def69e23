package io.adaptivesqs.runner;

import java.time.Duration;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way Camel options do ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 1d}),
 * except that a bare number means seconds: on a command line {@code --duration 30} meaning 30 ms would surprise.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** What Camel's parser reads correctly; it reads anything else, ISO-8601 included, as zero. */
    private static final Pattern CAMEL_DURATION = Pattern.compile("(?i)(\\d+(ms|s|m|h|d))+");

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (!CAMEL_DURATION.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 2m or 1h30m");
        }
        return TimeUtils.toDuration(text);
    }
}
