package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void routeCapacityIsConsumersOverServiceTime() {
        assertThat(Capacity.routeCapacity(16, 20)).isEqualTo(800.0);
        assertThat(Capacity.routeCapacity(12, 10)).isEqualTo(1200.0);
        assertThat(Capacity.routeCapacity(32, 50)).isEqualTo(640.0);
    }

    @Test
    void onePollerSuppliesABatchPerRoundTrip() {
        assertThat(Capacity.supplyPerPoller(50)).isEqualTo(200.0);
        assertThat(Capacity.supplyPerPoller(10)).isEqualTo(1000.0);
    }

    @Test
    void idealPollersCarryTheRateInFullBatches() {
        assertThat(Capacity.idealPollers(800, 50, 1)).as("exactly 4 batches in flight").isEqualTo(4);
        assertThat(Capacity.idealPollers(800, 51.5, 1)).as("a little more than 4").isEqualTo(5);
        assertThat(Capacity.idealPollers(640, 101.5, 1)).isEqualTo(7);
        assertThat(Capacity.idealPollers(20, 51, 1)).as("a trickle needs the minimum").isEqualTo(1);
    }

    @Test
    void idealPollersNeverGoBelowTheMinimum() {
        assertThat(Capacity.idealPollers(0, 50, 1)).as("drained").isEqualTo(1);
        assertThat(Capacity.idealPollers(100, Double.NaN, 2)).as("round trip not measured").isEqualTo(2);
        assertThat(Capacity.idealPollers(100, 10, 3)).isEqualTo(3);
    }

    @Test
    void possibleRateIsCapacityOrOfferedLoadWhicheverIsLess() {
        assertThat(Capacity.possibleRate(800, Double.POSITIVE_INFINITY)).isEqualTo(800.0);
        assertThat(Capacity.possibleRate(400, 20)).isEqualTo(20.0);
        assertThat(Capacity.possibleRate(400, 0)).isEqualTo(0.0);
    }

    @Test
    void phaseCapacityUsesItsServiceTime() {
        Phase fast = Phase.backlog("fast", 8, 10, 50);
        assertThat(fast.capacity(12)).isCloseTo(1200, within(1e-9));
    }
}
