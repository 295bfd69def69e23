package io.adaptivesqs.bench;

import java.util.List;

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
    void inTheRealisticModeThePollersComeBackToTheIdealSizedForTheSlowRoundTrip() {
        double backlog = Double.POSITIVE_INFINITY;
        List<Sample> samples = new Trace()
                .run(8, 0, 300, 6, 20, 300, backlog, 50)
                .run(8, 1, 1200, 20, 40, 1200, backlog, 50)
                .run(2, 2, 300, 9, 60, 300, backlog, 50)
                .run(6, 2, 300, 6, 20, 300, backlog, 50)
                .samples();
        TrialRecord trial = new TrialRecord(Scenarios.capacityStep(false, Mode.REALISTIC), new Contender.Adaptive(),
                Timeline.of(List.of(0.0, 8.0, 16.0), List.of(samples)),
                new MessageLedger.Accounting(20000, 15000, 0, 5000, 0, List.of(), 0, 0), Double.NaN, Double.NaN,
                List.of(), List.of());

        // 300/s from batches of 5.5 at 50 + 34 ms is 4.6 pollers, so 5 and one more; sized at the mean round trip
        // (2.7) the mark would be 4, under what the consumer runs
        assertThat(TrialMetrics.of(trial).pollersDown()).isCloseTo(2.25, within(1e-9));
    }

    @Test
    void throughputIsJudgedOverAllPhasesIncludingTheTransitions() {
        double completed = 300 * 6 + 600 + 1150 * 7 + 300 * 8;
        double possible = 300 * 6 + 1200 * 8 + 300 * 8;

        assertThat(step.throughput()).isCloseTo(completed / possible, within(1e-3));
    }

    @Test
    void eachPhaseBeginsWithTheQuarterSecondAfterItsStep() {
        double backlog = Double.POSITIVE_INFINITY;
        List<Sample> samples = new Trace()
                .run(8, 0, 300, 2, 20, 300, backlog, 50)
                .run(0.25, 1, 0, 2, 0, 1200, backlog, 50)
                .run(7.75, 1, 1200, 7, 40, 1200, backlog, 50)
                .run(8, 2, 300, 2, 20, 300, backlog, 50)
                .samples();
        // as a trial records them: a sample, then at a phase's end the next phase's start
        Timeline timeline = new Timeline(1);
        for (int i = 0; i < samples.size(); i++) {
            timeline.add(0, samples.get(i));
            if (i == 0 || i + 1 < samples.size() && samples.get(i + 1).phase() != samples.get(i).phase()) {
                timeline.phaseStarted();
            }
        }

        List<Double> phases = TrialMetrics.phaseThroughput(Scenarios.capacityStep(false, Mode.IDEAL), timeline,
                timeline.total());

        assertThat(phases.get(1)).as("nothing done in the first quarter second of eight")
                .isCloseTo(7.75 / 8, within(1e-9));
        assertThat(phases.get(2)).isCloseTo(1.0, within(1e-9));
        assertThat(timeline.phaseStarts()).containsExactly(0.0, 8.0, 16.0);
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
