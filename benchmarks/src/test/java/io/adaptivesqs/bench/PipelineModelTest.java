package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.adaptivesqs.bench.PipelineModel.Holding;

/** The sweep's set-up: K = 16, 20 ms of work (800/s), round trips around 51 ms. */
class PipelineModelTest {

    @Test
    void pollersShortOfTheRateDeliverWhatTheyReceive() {
        // full batches every 51 ms from 2 pollers: 392/s of 800/s
        assertThat(share(Mode.IDEAL, 2, 10)).isCloseTo(2 * 10 / 0.051 / 800, within(0.005));
    }

    @Test
    void enoughPollersKeepEveryConsumerBusy() {
        assertThat(share(Mode.IDEAL, 5, 10)).isGreaterThan(0.995);
        assertThat(share(Mode.REALISTIC, 14, 10)).isGreaterThan(0.995);
    }

    @Test
    void roundTripsAndBatchesThatVaryCostTheCountThatCarriesTheMeanRate() {
        // 8 pollers bring 8 x 5.5 messages per 51 ms on average, 863/s for 800/s, but not when the buffer needs them
        double tight = share(Mode.REALISTIC, 8, 10);

        assertThat(tight).isLessThan(0.97);
        assertThat(share(Mode.REALISTIC, 10, 10)).isGreaterThan(tight + 0.03);
    }

    @Test
    void aLargerBufferEvensOutTheVariance() {
        assertThat(share(Mode.REALISTIC, 8, 30)).isGreaterThan(share(Mode.REALISTIC, 8, 10) + 0.02);
    }

    @Test
    void aSeedDrawsTheSameRunEveryTime() {
        assertThat(share(Mode.REALISTIC, 9, 10)).isEqualTo(share(Mode.REALISTIC, 9, 10));
    }

    @Test
    void spendingTheBoundInMessagesLetsPartialBatchesMakeRoomForReceives() {
        assertThat(share(Mode.REALISTIC, Holding.MESSAGES, 8, 10)).isGreaterThan(share(Mode.REALISTIC, 8, 10));
        assertThat(share(Mode.IDEAL, Holding.MESSAGES, 2, 10)).as("full batches leave no room")
                .isEqualTo(share(Mode.IDEAL, 2, 10));
    }

    private static double share(Mode mode, int pollers, int queueSize) {
        return share(mode, Holding.BATCH_PER_POLLER, pollers, queueSize);
    }

    private static double share(Mode mode, Holding holding, int pollers, int queueSize) {
        return PipelineModel.shareOfCapacity(mode, 7, holding, pollers, 16, 20, 51, queueSize, 60);
    }
}
