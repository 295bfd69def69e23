package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every contender of every scenario in turn, against one embedded ElasticMQ. */
final class BenchRun {

    private BenchRun() {
    }

    /** Seconds the run takes, roughly, the warm-up included. */
    static double estimatedSeconds(List<Scenario> scenarios) {
        return Scenarios.estimatedSeconds(List.of(Scenarios.warmUp())) + Scenarios.estimatedSeconds(scenarios);
    }

    /** Every service time the run's scenarios use, the warm-up's included: what {@link TimerLatency} measures. */
    static List<Double> serviceTimes(List<Scenario> scenarios) {
        return Stream.concat(Stream.of(Scenarios.warmUp()), scenarios.stream())
                .flatMap(scenario -> scenario.phases().stream()).map(Phase::serviceMillis).distinct().sorted()
                .toList();
    }

    static List<ScenarioOutcome> execute(List<Scenario> scenarios, TimerLatency timer, Progress progress)
            throws Exception {
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        try (ElasticMq sqs = ElasticMq.start(); Teardown teardown = new Teardown(sqs)) {
            Scenario warmUp = Scenarios.warmUp();
            for (Contender contender : warmUp.contenders()) {
                progress.warmingUp(contender);
                new Trial(warmUp, contender, sqs, teardown, timer, progress).run();
            }
            for (Scenario scenario : scenarios) {
                double estimate = Scenarios.estimatedSeconds(List.of(scenario)) / scenario.contenders().size();
                List<TrialRecord> trials = new ArrayList<>();
                for (Contender contender : scenario.contenders()) {
                    progress.trialStarted(scenario, contender, estimate);
                    TrialRecord trial = new Trial(scenario, contender, sqs, teardown, timer, progress).run();
                    trials.add(trial);
                    progress.trialFinished(TrialMetrics.of(trial));
                }
                outcomes.add(ScenarioOutcome.of(scenario, trials));
            }
        }
        return outcomes;
    }
}
