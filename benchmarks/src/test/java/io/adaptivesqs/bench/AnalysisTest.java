package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static final double BACKLOG = Double.POSITIVE_INFINITY;

    @Test
    void throughputFractionIsCompletedOverPossibleInTheWindow() {
        // 4 s ramping at half capacity, then 10 s at 98% of 800/s
        List<Sample> samples = new Trace()
                .run(4, 0, 400, 1, 10, 800, BACKLOG, 50)
                .run(10, 0, 784, 5, 30, 800, BACKLOG, 50)
                .samples();

        assertThat(Analysis.throughputFraction(samples, new Window(4, 14))).isCloseTo(0.98, within(1e-9));
        assertThat(Analysis.throughputFraction(samples, new Window(0, 14)))
                .isCloseTo((400 * 4 + 784 * 10) / (800.0 * 14), within(1e-9));
    }

    /**
     * Ten consumers in step at 20 ms each (500/s) are about to finish together as the window ends: the ten messages
     * count by the part of their service inside the window, not as nothing.
     */
    @Test
    void throughputFractionCountsTheWorkOfTheMessagesInTheRouteAtTheWindowsEnds() {
        List<Sample> justBeforeTheirFinish = List.of(sample(0, 0, 0), sample(1, 490, 499.9), sample(2, 990, 999.9));
        List<Sample> justAfterIt = List.of(sample(0, 0, 0), sample(1, 500, 500.1), sample(2, 1000, 1000.1));

        assertThat(Analysis.throughputFraction(justBeforeTheirFinish, new Window(0, 2))).isCloseTo(0.9999,
                within(1e-9));
        assertThat(Analysis.throughputFraction(justAfterIt, new Window(0, 2))).isCloseTo(1.0001, within(1e-9));
    }

    private static Sample sample(double seconds, long completed, double work) {
        return sample(seconds, completed, work, 0);
    }

    private static Sample sample(double seconds, long completed, double work, long overrunNanos) {
        return new Sample(seconds, 0, completed, work, completed + 10, 0, 0, 0, 0, 0, 1, 0,
                500, BACKLOG, 0, 0, 1, 1, overrunNanos);
    }

    /** Waits 150 us late each while the trial starts, then 20 us early each: the window sees only the latter. */
    @Test
    void theServiceOverrunIsPerMessageCompletedInTheWindow() {
        List<Sample> samples = List.of(sample(0, 0, 0, 0), sample(1, 100, 100, 15_000_000),
                sample(2, 600, 600, 15_000_000 - 500 * 20_000), sample(3, 1100, 1100, 15_000_000 - 1000 * 20_000));

        assertThat(Analysis.serviceOverrunMicros(samples, new Window(1, 3))).isCloseTo(-20, within(1e-9));
        assertThat(Analysis.serviceOverrunMicros(samples, new Window(0, 3)))
                .isCloseTo((15_000.0 - 1000 * 20) / 1100, within(1e-9));
    }

    @Test
    void throughputFractionIsJudgedAgainstTheOfferedLoadWhenLower() {
        List<Sample> samples = new Trace().run(6, 0, 20, 1, 1, 400, 20, 50).samples();

        assertThat(Analysis.throughputFraction(samples, new Window(2, 6))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void nothingPossibleMeansNoThroughputFraction() {
        List<Sample> samples = new Trace().idle(5, 0, 1).samples();

        assertThat(Analysis.throughputFraction(samples, new Window(0, 5))).isNaN();
    }

    @Test
    void meanAndMaxAreTakenOverTheWindowOnly() {
        List<Sample> samples = new Trace()
                .run(2, 0, 100, 8, 90, 800, BACKLOG, 50)
                .run(4, 0, 800, 4, 20, 800, BACKLOG, 50)
                .run(4, 0, 800, 6, 40, 800, BACKLOG, 50)
                .samples();
        Window steady = new Window(2, 10);

        assertThat(Analysis.mean(samples, steady, Sample::pollers)).isCloseTo(5.0, within(1e-9));
        assertThat(Analysis.max(samples, steady, Sample::pollers)).isEqualTo(6.0);
        assertThat(Analysis.mean(samples, steady, Sample::limbo)).isCloseTo(30.0, within(1e-9));
        assertThat(Analysis.max(samples, steady, Sample::limbo)).isEqualTo(40.0);
    }

    @Test
    void receiveCostsComeFromCallCounts() {
        List<Sample> samples = new Trace().run(4, 0, 800, 5, 0, 800, BACKLOG, 50).idle(4, 1, 2).samples();

        assertThat(Analysis.receivesPerMessage(samples, new Window(0, 4))).isCloseTo(0.1, within(1e-9));
        assertThat(Analysis.emptyReceiveRatio(samples, new Window(0, 4))).isEqualTo(0.0);
        assertThat(Analysis.receivesPerSecond(samples, new Window(4, 8))).isCloseTo(2.0, within(1e-9));
        assertThat(Analysis.emptyReceiveRatio(samples, new Window(4, 8))).isEqualTo(1.0);
        assertThat(Analysis.receivesPerMessage(samples, new Window(4, 8))).as("nothing completed").isNaN();
    }

    @Test
    void rollingRateLooksBackOverItsWindow() {
        List<Sample> samples = new Trace().run(2, 0, 100, 1, 0, 800, BACKLOG, 50)
                .run(2, 0, 500, 1, 0, 800, BACKLOG, 50).samples();

        assertThat(Analysis.rollingRate(samples, 16, 1.0)).isCloseTo(500, within(1e-9));
        assertThat(Analysis.rollingRate(samples, 10, 1.0)).as("half old, half new").isCloseTo(300, within(1e-9));
    }

    @Test
    void timeToReachCountsFromTheStepToTheFirstFullWindowAtTarget() {
        // step at 4 s from 300 to 1200/s possible; 1 s at 600/s, then 1150/s
        List<Sample> samples = new Trace()
                .run(4, 0, 300, 2, 0, 300, BACKLOG, 50)
                .run(1, 1, 600, 7, 0, 1200, BACKLOG, 50)
                .run(4, 1, 1150, 7, 0, 1200, BACKLOG, 50)
                .samples();

        // the first 0.5 s window entirely at 1150/s ends at 5.5 s
        assertThat(Analysis.timeToReach(samples, 4, 0.9, 0.5)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void aContenderAlreadyAtSpeedScoresOneWindow() {
        List<Sample> samples = new Trace()
                .run(4, 0, 1200, 7, 0, 1200, BACKLOG, 50)
                .run(4, 1, 1200, 7, 0, 1200, BACKLOG, 50)
                .samples();

        assertThat(Analysis.timeToReach(samples, 4, 0.9, 0.5)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aTargetNeverReachedIsInfinite() {
        List<Sample> samples = new Trace()
                .run(4, 0, 300, 2, 0, 300, BACKLOG, 50)
                .run(4, 1, 700, 2, 0, 1200, BACKLOG, 50)
                .samples();

        assertThat(Analysis.timeToReach(samples, 4, 0.9, 0.5)).isInfinite();
    }

    @Test
    void settleTimeIsWhenPollersLastCameWithinTheLimit() {
        // step down at 8 s: 7 pollers for 2 s, 4 for 1 s, back to 7 briefly, then 3 to the end
        List<Sample> samples = new Trace()
                .run(8, 0, 1200, 7, 0, 1200, BACKLOG, 50)
                .run(2, 1, 300, 7, 0, 300, BACKLOG, 50)
                .run(1, 1, 300, 3, 0, 300, BACKLOG, 50)
                .run(0.5, 1, 300, 7, 0, 300, BACKLOG, 50)
                .run(4.5, 1, 300, 3, 0, 300, BACKLOG, 50)
                .samples();

        assertThat(Analysis.settleTime(samples, new Window(8, 16), 3)).isCloseTo(3.75, within(1e-9));
    }

    @Test
    void settleTimeIsZeroWhenAlreadyDownAndInfiniteWhenNeverDown() {
        List<Sample> samples = new Trace()
                .run(4, 0, 300, 2, 0, 300, BACKLOG, 50)
                .run(4, 1, 300, 9, 0, 300, BACKLOG, 50)
                .samples();

        assertThat(Analysis.settleTime(samples, new Window(0, 4), 3)).isZero();
        assertThat(Analysis.settleTime(samples, new Window(4, 8), 3)).isInfinite();
    }

    @Test
    void roundTripIsMeasuredPerPhase() {
        List<Sample> samples = new Trace()
                .run(4, 0, 800, 1, 0, 800, BACKLOG, 11.5)
                .run(4, 1, 800, 9, 0, 800, BACKLOG, 101.5)
                .samples();

        assertThat(Analysis.rttMillis(samples, 0)).isCloseTo(11.5, within(1e-6));
        assertThat(Analysis.rttMillis(samples, 1)).isCloseTo(101.5, within(1e-6));
        assertThat(Analysis.rttMillis(samples, 2)).isNaN();
    }

    @Test
    void idealPollersFollowEachPhasesRateAndRoundTrip() {
        // 800/s at 11.5 ms needs 1 poller; at 101.5 ms it needs 9
        List<Sample> samples = new Trace()
                .run(4, 0, 800, 1, 0, 800, BACKLOG, 11.5)
                .run(4, 1, 800, 9, 0, 800, BACKLOG, 101.5)
                .samples();

        assertThat(Analysis.idealPollers(samples, new Window(0, 4), 1)).isCloseTo(1, within(1e-9));
        assertThat(Analysis.idealPollers(samples, new Window(4, 8), 1)).isCloseTo(9, within(1e-9));
        assertThat(Analysis.idealPollers(samples, new Window(0, 8), 1)).isCloseTo(5, within(1e-9));
    }
}
