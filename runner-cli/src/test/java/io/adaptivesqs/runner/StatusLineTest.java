package io.adaptivesqs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.adaptivesqs.camel.ConsumerStatus;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void ratesAreTheDifferenceOfTotalsOverTheInterval() {
        ConsumerStatus before = status(3, 5, 1000, 990, 0, "hold: balanced");
        ConsumerStatus now = status(4, 5, 1500, 1490, 0, "up: consumers starving");

        String line = StatusLine.format(before, now, Duration.ofSeconds(5));

        assertThat(line).isEqualTo("orders pollers 4/5, received 100.0 msg/s, completed 100.0 msg/s, buffer 2, "
                                   + "inflight 7 | up: consumers starving");
    }

    @Test
    void failuresShowOnlyWhenThereAreSome() {
        ConsumerStatus before = status(1, 1, 10, 8, 2, "hold");
        ConsumerStatus now = status(1, 1, 20, 16, 4, "hold");

        assertThat(StatusLine.format(before, now, Duration.ofSeconds(2))).contains("failed 1.0 msg/s");
        assertThat(StatusLine.format(now, now, Duration.ofSeconds(2))).doesNotContain("failed");
    }

    @Test
    void aNewOrRestartedConsumerCountsFromZero() {
        ConsumerStatus restarted = status(1, 2, 30, 20, 0, "");

        assertThat(StatusLine.format(null, restarted, Duration.ofSeconds(10)))
                .isEqualTo("orders pollers 1/2, received 3.0 msg/s, completed 2.0 msg/s, buffer 2, inflight 7");
        assertThat(StatusLine.format(status(1, 1, 500, 500, 0, ""), restarted, Duration.ofSeconds(10)))
                .contains("received 3.0 msg/s");
    }

    private static ConsumerStatus status(
            int active, int target, long received, long completed, long failed, String decision) {
        return new ConsumerStatus("orders", active, target, 2, 7, 9, received, completed, failed, completed, 0,
                received / 10, 0, 0, 12.5, 30.0, decision, 0, -1, Double.NaN);
    }
}
