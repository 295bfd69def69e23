package io.adaptivesqs.bench;

import java.util.List;

/** One scenario's trials, their results and the targets judged on them. */
record ScenarioOutcome(Scenario scenario, List<TrialRecord> trials, List<Result> results, List<TargetCheck> targets) {

    static ScenarioOutcome of(Scenario scenario, List<TrialRecord> trials) {
        List<Result> results = trials.stream().map(TrialMetrics::of).toList();
        return new ScenarioOutcome(scenario, trials, results, Targets.judge(scenario, results));
    }
}
