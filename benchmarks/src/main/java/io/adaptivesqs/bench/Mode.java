package io.adaptivesqs.bench;

import java.util.List;
import java.util.Locale;

/**
 * How SQS behaves towards the contenders. {@code ideal}: every receive on a backlog comes back full after exactly the
 * scenario's round trip and nothing fails. {@code realistic}: round trips with a tail, partial batches although a
 * backlog waits, and bursts of throttling (see {@link SqsConditions}).
 */
enum Mode {
    IDEAL, REALISTIC;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The modes {@code --mode} names: ideal, realistic or both. */
    static List<Mode> parse(String option) {
        return switch (option == null ? "" : option.toLowerCase(Locale.ROOT)) {
            case "ideal" -> List.of(IDEAL);
            case "realistic" -> List.of(REALISTIC);
            case "both" -> List.of(IDEAL, REALISTIC);
            default -> throw new IllegalArgumentException(
                    "invalid --mode '" + option + "': must be ideal, realistic or both");
        };
    }
}
