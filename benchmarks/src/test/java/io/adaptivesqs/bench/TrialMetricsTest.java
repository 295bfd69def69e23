package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrialMetricsTest {

    private final Result step = TrialMetrics.of(Fixtures.capacityStep(new Contender.Adaptive()));

    @Test
    void theMeasuredSpanStartsAfterTheWarmUp() {
        TrialRecord trial = Fixtures.capacityStep(new Contender.Adaptive());

        Window window = TrialMetrics.measuredWindow(trial.scenario(), trial.timeline());

        assertThat(window.from()).isEqualTo(trial.scenario().warmupSeconds());
        assertThat(window.to()).isEqualTo(24.0);
    }

    @Test
    void timeTo90CountsFromTheStepUp() {
        assertThat(step.timeTo90()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void pollersDownCountsFromTheStepDownToWithinOneOfTheNewIdeal() {
        // after the step down 300/s at 50 ms needs 2 pollers; 7 stay for 2 s, then 2
        assertThat(step.pollersDown()).isCloseTo(2.25, within(1e-9));
    }

    @Test
    void throughputIsJudgedOverAllPhasesIncludingTheTransitions() {
        double completed = 300 * 6 + 600 + 1150 * 7 + 300 * 8;
        double possible = 300 * 6 + 1200 * 8 + 300 * 8;

        assertThat(step.throughput()).isCloseTo(completed / possible, within(1e-3));
    }

    @Test
    void booksAndSingleConsumerFieldsComeThrough() {
        assertThat(step.duplicates()).isZero();
        assertThat(step.missing()).isZero();
        assertThat(step.minShare()).as("one consumer").isNaN();
        assertThat(step.p99Millis()).as("latency is not measured on a backlog").isNaN();
        assertThat(step.endPollers()).isEqualTo(2);
        assertThat(step.maxPollers()).isEqualTo(7);
    }
}
