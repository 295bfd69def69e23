package io.adaptivesqs.bench;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatedServiceTest {

    private static final long MEAN = 20_000_000;

    @Test
    void everyWaitLiesWithinTheSpreadOfTheServiceTime() {
        assertThat(LongStream.range(0, 100_000).map(i -> SimulatedService.waitNanos(MEAN, i)))
                .allSatisfy(wait -> assertThat(wait).isBetween((long) (MEAN * (1 - SimulatedService.SPREAD)),
                        (long) (MEAN * (1 + SimulatedService.SPREAD))));
    }

    @Test
    void anyThousandMessagesInARowTakeTheServiceTimeOnAverage() {
        for (long first = 0; first < 50_000; first += 997) {
            long from = first;
            double mean = LongStream.range(from, from + 1000).map(i -> SimulatedService.waitNanos(MEAN, i))
                    .average().orElseThrow();
            assertThat(mean).as("messages %d to %d", from, from + 999).isCloseTo(MEAN, within(MEAN * 0.0003));
        }
    }

    @Test
    void consumersThatStartTogetherDoNotFinishTogether() {
        // ten consumers taking the ten messages of one batch at once: their waits end at least 0.2 ms apart, more than
        // the 0.06 ms a consumer runs between two messages
        for (long first = 0; first < 10_000; first += 10) {
            long from = first;
            long[] ends = LongStream.range(from, from + 10).map(i -> SimulatedService.waitNanos(MEAN, i)).sorted()
                    .toArray();
            for (int i = 1; i < ends.length; i++) {
                assertThat(ends[i] - ends[i - 1]).as("batch from message %d", from).isGreaterThanOrEqualTo(200_000);
            }
        }
    }

    @Test
    void aServiceTimeOfZeroStaysZero() {
        assertThat(SimulatedService.waitNanos(0, 12345)).isZero();
    }
}
