package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OccupancyTest {

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final Occupancy waiting = new Occupancy(clock::get);

    @Test
    void staysUnderWayCountUpToTheRead() {
        waiting.enter();
        advance(10);
        waiting.enter();
        advance(30);
        waiting.leave();
        advance(10);

        // the first stayed 40 ms and left; the second has stayed 40 ms so far
        assertThat(waiting.nanos()).isEqualTo(millis(80));

        advance(10);
        waiting.leave();
        advance(40);
        assertThat(waiting.nanos()).isEqualTo(millis(90));
    }

    @Test
    void nothingCountsBeforeTheFirstStay() {
        advance(100);
        assertThat(waiting.nanos()).isZero();

        waiting.enter();
        advance(5);
        assertThat(waiting.nanos()).isEqualTo(millis(5));
    }

    private void advance(long millis) {
        clock.addAndGet(millis(millis));
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
