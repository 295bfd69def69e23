package io.adaptivesqs.bench;

import java.util.List;

/** Synthetic trials and results for the report tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Result result(String scenario, String contender, double throughput) {
        return new Result(scenario, "ideal", contender, throughput, 5.0, 6, 5.0, 5, 0.1, 0.0, 80.0, 30, 40, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0.5, 0.3, Double.NaN,
                List.of(), -1, -1, Double.NaN);
    }

    /** The capacity step, run by a contender that reaches the new capacity 1.5 s after the step. */
    static TrialRecord capacityStep(Contender contender) {
        Scenario scenario = Scenarios.capacityStep(false, Mode.IDEAL);
        double backlog = Double.POSITIVE_INFINITY;
        List<Sample> samples = new Trace()
                .run(8, 0, 300, 2, 20, 300, backlog, 50)
                .run(1, 1, 600, 7, 40, 1200, backlog, 50)
                .run(7, 1, 1150, 7, 40, 1200, backlog, 50)
                .run(2, 2, 300, 7, 60, 300, backlog, 50)
                .run(6, 2, 300, 2, 20, 300, backlog, 50)
                .samples();
        Timeline timeline = Timeline.of(List.of(0.0, 8.0, 16.0), List.of(samples));
        return new TrialRecord(scenario, contender, timeline,
                new MessageLedger.Accounting(20000, 15000, 0, 5000, 0, List.of(), 0, 0), Double.NaN, Double.NaN,
                List.of(new CallCounts(1500, 0, 15000, 1500, 75_000_000_000L, 0, 15000, 0, java.util.Map.of())),
                List.of("fast: up: consumers starving"));
    }

    static ScenarioOutcome capacityStepOutcome() {
        Scenario scenario = Scenarios.capacityStep(false, Mode.IDEAL);
        return ScenarioOutcome.of(scenario, List.of(capacityStep(new Contender.Adaptive()),
                capacityStep(new Contender.Fixed(7))));
    }

    static RunInfo run() {
        return new RunInfo("2026-11-28T08:00:00Z", "test-host", 2, "17", "-XX:TieredStopAtLevel=1", true, 125,
                java.util.Map.of(20.0, 170L));
    }
}
