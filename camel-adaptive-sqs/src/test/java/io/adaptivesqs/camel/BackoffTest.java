package io.adaptivesqs.camel;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void theCeilingDoublesToTheCapAndEachPauseIsDrawnBetweenItsHalfAndAll() {
        long[] ceilings = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long seed = 0; seed < 200; seed++) {
            Backoff backoff = new Backoff(5000, new SplittableRandom(seed));
            for (long ceiling : ceilings) {
                assertThat(backoff.failed()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void pollersThatFailTogetherRetryApart() {
        // a burst of throttling fails twenty pollers at once: their first pauses spread over 50-100 ms
        long[] pauses = IntStream.range(0, 20)
                .mapToLong(poller -> new Backoff(30_000, new SplittableRandom(poller)).failed())
                .toArray();

        assertThat(Arrays.stream(pauses).distinct().count()).isGreaterThan(10);
        assertThat(Arrays.stream(pauses).min().getAsLong()).isBetween(50L, 65L);
        assertThat(Arrays.stream(pauses).max().getAsLong()).isBetween(85L, 100L);
    }

    @Test
    void aSuccessEndsTheStreakAndTheNextFailureStartsShortAgain() {
        Backoff backoff = new Backoff(30_000, new SplittableRandom(7));
        backoff.failed();
        backoff.failed();
        backoff.failed();

        assertThat(backoff.succeeded()).isEqualTo(3);
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.failed()).isBetween(50L, 100L);
    }
}
