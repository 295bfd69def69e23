package io.adaptivesqs.camel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EstimatesTest {

    private static final int POLLERS = 4;
    private static final int CONSUMERS = 8;

    @Test
    void theFirstWindowIsTakenAsItIs() {
        Estimates estimates = Estimates.NONE.updatedBy(window(100, 10, 20, 50, 10), POLLERS, CONSUMERS);

        assertThat(estimates.serviceTimeMillis()).isCloseTo(10, within(1e-9));
        assertThat(estimates.rttMillis()).isCloseTo(50, within(1e-9));
        // the sample standard deviation of 20 receives: the squares about their mean over 19
        assertThat(estimates.rttJitterMillis()).isCloseTo(10 * Math.sqrt(20.0 / 19), within(1e-9));
    }

    @Test
    void theSpreadIsUsedOnlyOnceTwentyReceivesTaughtItAndEveryOneCountsAlikeUntilThen() {
        // the first window's two receives came back within a millisecond of each other
        Estimates first = Estimates.NONE.updatedBy(window(0, 0, 2, 50, 0.5), POLLERS, CONSUMERS);
        // 18 more, of 50 +/- 20 ms
        Estimates enough = first.updatedBy(window(0, 0, 18, 50, 20), POLLERS, CONSUMERS);

        assertThat(first.rttJitterMillis()).as("two receives say little of a spread").isZero();
        double twoReceives = 0.5 * 0.5 * 2 / 1 / (50 * 50);
        double eighteenReceives = 20 * 20 * 18 / 17.0 / (50 * 50);
        assertThat(enough.rttSpread())
                .isCloseTo(Math.sqrt((twoReceives * 2 + eighteenReceives * 18) / 20), within(1e-9));
        assertThat(enough.rttJitterMillis()).isCloseTo(enough.rttSpread() * 50, within(1e-9)).isGreaterThan(19);
    }

    @Test
    void aWindowMovesTheEstimateByHowMuchItSaw() {
        Estimates before = new Estimates(40, 50, 0, Double.NaN);

        Estimates full = before.updatedBy(window(120, 10, 0, 0, 0), POLLERS, CONSUMERS);
        Estimates thin = before.updatedBy(window(2, 10, 0, 0, 0), POLLERS, CONSUMERS);

        // 120 exchanges against a prior of 8: 94% of the way; 2 exchanges: 20% of the way
        assertThat(full.serviceTimeMillis()).isCloseTo(40 - 30 * 120.0 / 128, within(1e-9));
        assertThat(thin.serviceTimeMillis()).isCloseTo(40 - 30 * 2.0 / 10, within(1e-9));
    }

    @Test
    void theSpreadIsRelativeSoAStepInTheRoundTripCarriesItAlong() {
        Estimates far = new Estimates(10, 100, 0.5, Double.NaN);

        // the round trip falls tenfold with the same relative spread: the jitter in milliseconds follows at once
        Estimates near = far.updatedBy(window(0, 0, 40, 10, 5), POLLERS, CONSUMERS);

        assertThat(near.rttSpread()).isCloseTo(0.5, within(0.01));
        assertThat(near.rttJitterMillis() / near.rttMillis()).isCloseTo(near.rttSpread(), within(1e-9));
        assertThat(near.rttMillis()).isCloseTo(100 - 90 * 40.0 / 44, within(1e-9));
    }

    @Test
    void windowsWithoutSamplesKeepTheEstimates() {
        Estimates before = new Estimates(10, 50, 0.3, Double.NaN);

        assertThat(before.updatedBy(window(0, 0, 0, 0, 0), POLLERS, CONSUMERS)).isEqualTo(before);
    }

    @Test
    void aStepIsJudgedByTheWindowAloneWhereItSawAPriorsWorth() {
        Estimates before = new Estimates(40, 10, 0.2, Double.NaN);

        // 8 exchanges (one per consumer) and 4 receives (one per poller): the window stands on its own
        Estimates step = before.seenIn(window(8, 10, 4, 100, 0), window(8, 10, 4, 100, 0), POLLERS, CONSUMERS);

        assertThat(step.serviceTimeMillis()).isCloseTo(10, within(1e-9));
        assertThat(step.rttMillis()).isCloseTo(100, within(1e-9));
        assertThat(step.rttSpread()).as("the spread stays smoothed")
                .isEqualTo(before.updatedBy(window(8, 10, 4, 100, 0), POLLERS, CONSUMERS).rttSpread());
    }

    @Test
    void aWindowShortOfAStepIsNoiseAndWhatWasBelievedBeforeItStands() {
        Estimates before = new Estimates(40, 54, 0.5, 5.5);
        // four receives averaging 47 ms of a 54 ms round trip with a tail, and consumers in step whose busy time
        // reads 50 ms for a 40 ms route: a prior's worth of each, neither a step
        PipelineMetrics.Snapshot noisy = window(8, 50, 4, 47, 20);

        Estimates seen = before.seenIn(noisy, noisy, POLLERS, CONSUMERS);

        // the smoothed estimates would take the noise in at half its weight: 50.5 ms and 45 ms
        assertThat(seen.rttMillis()).isEqualTo(54);
        assertThat(seen.serviceTimeMillis()).isEqualTo(40);
    }

    @Test
    void aWindowThatAsksForMorePollersIsBelievedShortOfAStep() {
        Estimates before = new Estimates(40, 50, 0.5, 5.5);
        // a slower round trip and a faster route: each asks for more pollers than the smoothed estimates
        PipelineMetrics.Snapshot busier = window(8, 30, 4, 70, 20);

        Estimates seen = before.seenIn(busier, busier, POLLERS, CONSUMERS);

        assertThat(seen.rttMillis()).isCloseTo(70, within(1e-9));
        assertThat(seen.serviceTimeMillis()).isCloseTo(30, within(1e-9));
    }

    @Test
    void aWindowTwiceAsSlowOrTwiceAsFastIsAStep() {
        Estimates before = new Estimates(40, 50, 0.5, 5.5);

        Estimates slower = before.seenIn(window(8, 80, 4, 25, 5), window(8, 80, 4, 25, 5), POLLERS, CONSUMERS);
        Estimates faster = before.seenIn(window(8, 20, 4, 100, 5), window(8, 20, 4, 100, 5), POLLERS, CONSUMERS);

        assertThat(slower.serviceTimeMillis()).isCloseTo(80, within(1e-9));
        assertThat(slower.rttMillis()).isCloseTo(25, within(1e-9));
        assertThat(faster.serviceTimeMillis()).isCloseTo(20, within(1e-9));
        assertThat(faster.rttMillis()).isCloseTo(100, within(1e-9));
    }

    @Test
    void rightAfterTheRouteBecameFasterTheStepIsSeenInTheTimeConsumersWereBusy() {
        Estimates before = new Estimates(40, 50, 0, Double.NaN);
        // 50 ms after the route went from 40 to 10 ms an exchange: each of 8 consumers ended a slow exchange 25 ms
        // into the window (started 15 ms before it), ran two fast ones and is 5 ms into a third
        long slow = 8;
        long fast = 16;
        long durations = (long) ((slow * 40 + fast * 10) * 1e6);
        long busy = (long) ((slow * 25 + fast * 10 + CONSUMERS * 5) * 1e6);
        PipelineMetrics.Snapshot newest = exchanges(50, slow + fast, fast + CONSUMERS, durations, busy);

        Estimates step = before.seenIn(newest, newest, POLLERS, CONSUMERS);

        // 400 ms busy over 24 exchanges seen; their mean time (20 ms) would see half the step
        assertThat(step.serviceTimeMillis()).isCloseTo(400 / 24.0, within(1e-9));
        assertThat(before.updatedBy(newest, POLLERS, CONSUMERS).serviceTimeMillis())
                .as("the smoothed estimate keeps the exchanges' own times")
                .isCloseTo(40 - 20 * 24.0 / 32, within(1e-9));
    }

    @Test
    void aWindowInWhichTheExchangesUnderWayEndAndFewBeginReadsTheRoutesServiceTime() {
        Estimates before = new Estimates(20, 50, 0, Double.NaN);
        // consumers starving after a burst: the 8 exchanges of 20 ms under way at the start end 10 ms into the
        // window, 4 more begin and end in it, and nothing is under way at its end
        long durations = (long) (12 * 20 * 1e6);
        long busy = (long) ((CONSUMERS * 10 + 4 * 20) * 1e6);
        PipelineMetrics.Snapshot lull = exchanges(50, 12, 4, durations, busy);

        // 160 ms busy over 8 exchanges seen (4 whole, 8 halves); over the 12 that ended it would read 13.3 ms, a
        // route half again as fast as it is
        assertThat(before.seenIn(lull, lull, POLLERS, CONSUMERS).serviceTimeMillis()).isCloseTo(20, within(1e-9));
    }

    @Test
    void aThinWindowIsSmoothedEvenWhenAStepIsLookedFor() {
        Estimates before = new Estimates(40, 10, 0.2, Double.NaN);
        PipelineMetrics.Snapshot thin = window(7, 10, 3, 100, 0);

        assertThat(before.seenIn(thin, thin, POLLERS, CONSUMERS))
                .isEqualTo(before.updatedBy(thin, POLLERS, CONSUMERS));
    }

    @Test
    void aThinWindowThatAsksForFewerPollersKeepsWhatWasBelievedBeforeIt() {
        Estimates before = new Estimates(40, 50, 0.5, 5.5);
        // most pollers blocked: 4 receives of 35 ms for 6 pollers, 5 exchanges of 60 ms for 8 consumers
        PipelineMetrics.Snapshot thin = window(5, 60, 4, 35, 10);

        Estimates seen = before.seenIn(thin, thin, 6, CONSUMERS);

        // smoothed, the window would pull them to 44 ms and 47.7 ms: a step down sized on its few samples
        assertThat(seen.rttMillis()).isEqualTo(50);
        assertThat(seen.serviceTimeMillis()).isEqualTo(40);
    }

    @Test
    void theBatchFromABacklogIsLearnedFromWindowsThatSawOne() {
        // 20 receives bringing 110 messages: 5.5 a receive, taken as it is at first
        Estimates first = Estimates.NONE.withBacklogBatch(batches(20, 110));
        // then 20 receives of 7 against a prior of 20: half of the way
        Estimates second = first.withBacklogBatch(batches(20, 140));

        assertThat(first.trustedBacklogBatch()).isCloseTo(5.5, within(1e-9));
        assertThat(second.trustedBacklogBatch()).isCloseTo(5.5 + 1.5 / 2, within(1e-9));
        assertThat(second.updatedBy(window(8, 10, 4, 50, 0), POLLERS, CONSUMERS).backlogBatch())
                .as("carried along by the other estimates").isEqualTo(second.backlogBatch());
    }

    @Test
    void theBatchFromABacklogIsUsedOnlyOnceTwentyReceivesTaughtIt() {
        // a window of 8 receives bringing 3.75 each: batches of 1 to 10 vary too much to tell from so few
        Estimates few = Estimates.NONE.withBacklogBatch(batches(8, 30));
        // 12 more bringing 7 each: every receive so far counts alike
        Estimates enough = few.withBacklogBatch(batches(12, 84));

        assertThat(few.trustedBacklogBatch()).isNaN();
        assertThat(enough.trustedBacklogBatch()).isCloseTo(114 / 20.0, within(1e-9));
    }

    @Test
    void batchesUnderHalfOfABacklogsAreAQueueRunningOutAndLeftOut() {
        Estimates known = new Estimates(10, 50, 0.3, 5.5);

        assertThat(known.withBacklogBatch(batches(30, 60))).isEqualTo(known);
        assertThat(known.withBacklogBatch(batches(0, 0))).isEqualTo(known);
    }

    private static PipelineMetrics.Snapshot batches(long receives, long messages) {
        return new PipelineMetrics.Snapshot(250_000_000L, receives, 0, 0, 0, messages, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0);
    }

    /** A window of {@code millis} with no receives: exchanges ended and begun, their times and the busy time. */
    private static PipelineMetrics.Snapshot exchanges(long millis, long ended, long begun, long durationNanos,
                                                      long busyNanos) {
        return new PipelineMetrics.Snapshot(millis * 1_000_000L, 0, 0, 0, 0, 0, 0, 0, 0, ended, 0, begun,
                durationNanos, busyNanos, 0, 0, 0, 0);
    }

    /** A window of {@code exchanges} at {@code serviceMillis} and {@code receives} round trips of mean +/- sd. */
    private static PipelineMetrics.Snapshot window(long exchanges, double serviceMillis, long receives,
                                                   double rttMillis, double sdMillis) {
        double squares = receives * (rttMillis * rttMillis + sdMillis * sdMillis);
        return new PipelineMetrics.Snapshot(250_000_000L, receives, 0, 0, 0, receives * 10, receives,
                (long) (receives * rttMillis * 1e6), squares, exchanges, 0, exchanges,
                (long) (exchanges * serviceMillis * 1e6),
                (long) (exchanges * serviceMillis * 1e6), 0, 0, 0, 0);
    }
}
