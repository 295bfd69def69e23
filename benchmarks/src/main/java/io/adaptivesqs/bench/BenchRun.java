package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;

/** Every contender of every scenario in turn, against one embedded ElasticMQ. */
final class BenchRun {

    private BenchRun() {
    }

    /** Seconds the run takes, roughly, the warm-up included. */
    static double estimatedSeconds(List<Scenario> scenarios) {
        return Scenarios.estimatedSeconds(List.of(Scenarios.warmUp())) + Scenarios.estimatedSeconds(scenarios);
    }

    static List<ScenarioOutcome> execute(List<Scenario> scenarios, Progress progress) throws Exception {
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        try (ElasticMq sqs = ElasticMq.start(); Teardown teardown = new Teardown(sqs)) {
            Scenario warmUp = Scenarios.warmUp();
            for (Contender contender : warmUp.contenders()) {
                progress.warmingUp(contender);
                new Trial(warmUp, contender, sqs, teardown, progress).run();
            }
            for (Scenario scenario : scenarios) {
                double estimate = Scenarios.estimatedSeconds(List.of(scenario)) / scenario.contenders().size();
                List<TrialRecord> trials = new ArrayList<>();
                for (Contender contender : scenario.contenders()) {
                    progress.trialStarted(scenario, contender, estimate);
                    TrialRecord trial = new Trial(scenario, contender, sqs, teardown, progress).run();
                    trials.add(trial);
                    progress.trialFinished(TrialMetrics.of(trial));
                }
                outcomes.add(ScenarioOutcome.of(scenario, trials));
            }
        }
        return outcomes;
    }
}
