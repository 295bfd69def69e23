package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceiveConcurrencyTest {

    private static final long MS = 1_000_000L;

    @Test
    void theMeanIsTheTimeIntegralOverTheIntervalAndTheMaxTheMostAtOnce() {
        ReceiveConcurrency receives = new ReceiveConcurrency(0);
        receives.started(0);
        receives.started(100 * MS);
        receives.started(100 * MS);
        receives.finished(200 * MS);

        // 1 for 100 ms, 3 for 100 ms, 2 for 200 ms: 800 receive-ms over 400 ms
        ReceiveConcurrency.Interval first = receives.sample(400 * MS);
        assertThat(first.mean()).isCloseTo(2.0, within(1e-9));
        assertThat(first.max()).isEqualTo(3);

        // the next interval starts with what is still in flight
        receives.finished(500 * MS);
        ReceiveConcurrency.Interval second = receives.sample(600 * MS);
        assertThat(second.mean()).isCloseTo(1.5, within(1e-9));
        assertThat(second.max()).isEqualTo(2);
    }

    @Test
    void aReceiveStillUnderWayCountsForTheWholeInterval() {
        ReceiveConcurrency receives = new ReceiveConcurrency(0);
        receives.started(0);

        assertThat(receives.sample(10_000 * MS).mean()).isCloseTo(1.0, within(1e-9));
    }
}
