package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreInMilliseconds() {
        LatencyRecorder latency = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            latency.record(0, i * 1_000_000L);
        }

        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.millisAt(50)).isCloseTo(50, within(0.1));
        assertThat(latency.millisAt(99)).isCloseTo(99, within(0.1));
    }

    @Test
    void nothingRecordedHasNoPercentile() {
        assertThat(new LatencyRecorder().millisAt(99)).isNaN();
    }
}
