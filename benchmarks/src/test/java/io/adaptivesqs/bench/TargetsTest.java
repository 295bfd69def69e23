package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TargetsTest {

    private static TargetCheck find(List<TargetCheck> checks, String start) {
        return checks.stream().filter(c -> c.target().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void saturationIsJudgedOnThroughputPollersLimboAndTheOtherContenders() {
        Scenario scenario = Scenarios.saturation(50, 16, 20, false, false, Mode.IDEAL);
        List<Result> results = List.of(
                Fixtures.result(scenario.name(), "adaptive", 0.98),
                Fixtures.result(scenario.name(), "fixed-5", 0.99),
                Fixtures.result(scenario.name(), "fixed-8", 0.995),
                Fixtures.result(scenario.name(), "aws2-sqs", 0.25));

        List<TargetCheck> checks = Targets.judge(scenario, results);

        assertThat(find(checks, "throughput >= 97").met()).isTrue();
        assertThat(find(checks, "mean pollers <= ideal + 1").met()).as("5.0 <= 6").isTrue();
        assertThat(find(checks, "limbo <=").target()).as("16 + 10 + (5 ideal pollers + 1) x 10").endsWith("= 86");
        assertThat(find(checks, "limbo <=").met()).as("40 <= 86").isTrue();
        assertThat(find(checks, ">= 97.0% of the best fixed-N").target()).contains("fixed-8");
        assertThat(find(checks, ">= 97.0% of the best fixed-N").met()).as("0.98 >= 0.97 * 0.995").isTrue();
        assertThat(find(checks, "clearly ahead of stock").met()).isTrue();
        assertThat(checks.stream().filter(c -> c.target().endsWith("every message exactly once"))).hasSize(4);
    }

    @Test
    void stepsAreJudgedOnTimeTo90AndPollersDown() {
        ScenarioOutcome outcome = Fixtures.capacityStepOutcome();

        assertThat(find(outcome.targets(), "90% of the new capacity within 3 s").met()).isTrue();
        assertThat(find(outcome.targets(), "pollers back down within 5 s").met()).isTrue();
    }

    @Test
    void aStepNeverMetIsMissed() {
        Scenario scenario = Scenarios.rttStep(true, Mode.IDEAL);
        Result never = new Result(scenario.name(), "ideal", "adaptive", 0.8, 5, 9, 5, 9, 0.1, 0, 80, 30, 40,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0.5,
                0.3, Double.NaN, List.of(), -1, -1, Double.NaN);

        List<TargetCheck> checks = Targets.judge(scenario, List.of(never));

        assertThat(find(checks, "90% of the new capacity").met()).isFalse();
        assertThat(find(checks, "90% of the new capacity").measured()).isEqualTo("never");
    }

    @Test
    void aMissingReferenceContenderIsNotJudged() {
        Scenario scenario = Scenarios.sharedQueue(true, Mode.IDEAL);
        Result adaptive = new Result(scenario.name(), "ideal", "adaptive", 1.0, 2, 3, 2, 2, 0.2, 0.1, 80, 10, 20,
                Double.NaN, Double.NaN, 60, 90, 0, 0, 0.30, 0.5, 0.3, Double.NaN, List.of(), -1, -1, Double.NaN);

        List<TargetCheck> checks = Targets.judge(scenario, List.of(adaptive));

        assertThat(checks).extracting(TargetCheck::target)
                .containsExactly("no consumer below 25.0% of the total",
                        "limbo <= K + queueSize + one batch per poller of the busiest phase's ideal and the spare = 48",
                        "adaptive: every message exactly once");
        assertThat(checks).allMatch(TargetCheck::met);
    }

    @Test
    void trickleWantsMinimumPollersAndLatencyNearOneRoundTripPlusService() {
        Scenario scenario = Scenarios.trickle(true, Mode.IDEAL);
        Result adaptive = new Result(scenario.name(), "ideal", "adaptive", 1.0, 1.3, Scenario.MIN_POLLERS + 1, 1, 1, 0.9, 0.1, 22, 1, 3,
                Double.NaN, Double.NaN, 45, 80, 0, 1, Double.NaN, 0.2, 0.1, Double.NaN, List.of(), -1, -1, Double.NaN);

        List<TargetCheck> checks = Targets.judge(scenario, List.of(adaptive));

        assertThat(find(checks, "pollers at minPollers").met()).as("one poller above minPollers").isFalse();
        assertThat(find(checks, "p99 latency").target()).contains("<= 105 ms");
        assertThat(find(checks, "p99 latency").met()).isTrue();
        assertThat(find(checks, "adaptive: every message").met()).as("one missing").isFalse();
        assertThat(find(checks, "receives per message").met()).as("0.9 against 0.74").isFalse();
        assertThat(find(Targets.judge(Scenarios.trickle(true, Mode.REALISTIC), List.of(adaptive)), "p99 latency")
                .target()).as("1.5 x (50 ms x 3.5 at p99 + 20 ms)").contains("<= 292 ms");
    }

    private static Result adaptive(Scenario scenario, String contender, double throughput, double timeTo95,
                                   List<Double> phases, long outOfOrder, long overlaps) {
        return new Result(scenario.name(), scenario.mode().label(), contender, throughput, 5.0, 6, 5.0, 5, 0.1, 0.0,
                80.0, 30, 40, 1.5, 1.5, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0.5, 0.3, timeTo95, phases,
                outOfOrder, overlaps, Double.NaN);
    }

    @Test
    void theRealisticCapacityStepIsJudgedPhaseByPhaseAndOnTheFastPhase() {
        Scenario scenario = Scenarios.capacityStep(false, Mode.REALISTIC);
        Result adaptive = adaptive(scenario, "adaptive", 0.93, 2.5, List.of(0.95, 0.88, 0.97), -1, -1);

        List<TargetCheck> checks = Targets.judge(scenario, List.of(adaptive));

        TargetCheck everyPhase = find(checks, "every phase >= 90.0%");
        assertThat(everyPhase.met()).as("0.88 in the fast phase").isFalse();
        assertThat(everyPhase.measured()).isEqualTo("95.0% / 88.0% / 97.0%");
        assertThat(everyPhase.scenario()).isEqualTo("capacity-step (realistic)");
        assertThat(find(checks, "95% of capacity in the fast phase within 3 s").met()).isTrue();
        assertThat(Targets.judge(Scenarios.capacityStep(false, Mode.IDEAL), List.of(adaptive)))
                .as("the every-phase target is the realistic mode's")
                .noneMatch(c -> c.target().startsWith("every phase"));
    }

    @Test
    void adaptiveMustBeAheadOfStockAndBothSpringSettings() {
        Scenario scenario = Scenarios.saturation(10, 10, 20, true, false, Mode.REALISTIC);
        List<Result> results = List.of(adaptive(scenario, "adaptive", 0.95, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "aws2-sqs", 0.60, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "spring", 0.50, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "spring-x10", 0.96, Double.NaN, List.of(), -1, -1));

        List<TargetCheck> checks = Targets.judge(scenario, results);

        assertThat(find(checks, "ahead of aws2-sqs").met()).isTrue();
        assertThat(find(checks, "ahead of spring").target()).isEqualTo("ahead of spring");
        assertThat(find(checks, "ahead of spring").met()).isTrue();
        assertThat(find(checks, "ahead of spring-x10").met()).as("0.95 < 0.96").isFalse();
    }

    @Test
    void onTheSharedQueueAdaptiveMustNotFallBehindAPeerThatKeepsUp() {
        Scenario scenario = Scenarios.sharedQueue(false, Mode.REALISTIC);
        List<Result> results = List.of(adaptive(scenario, "adaptive", 0.995, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "aws2-sqs", 0.40, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "spring-x10", 1.003, Double.NaN, List.of(), -1, -1));

        List<TargetCheck> checks = Targets.judge(scenario, results);

        assertThat(find(checks, "not behind spring-x10").met()).as("99.5% vs 100.3%: noise").isTrue();
        assertThat(find(checks, "not behind aws2-sqs").met()).isTrue();
        List<Result> behind = List.of(adaptive(scenario, "adaptive", 0.745, Double.NaN, List.of(), -1, -1),
                adaptive(scenario, "spring-x10", 1.003, Double.NaN, List.of(), -1, -1));
        assertThat(find(Targets.judge(scenario, behind), "not behind spring-x10").met()).isFalse();
    }

    @Test
    void theSweepHoldsEveryFixedCountToTheBestOneTimesWhatTheCountCarriesAtBest() {
        Scenario realistic = Scenarios.fixedSweep(false, Mode.REALISTIC);
        List<Result> results = List.of(adaptive(realistic, "fixed-8", 0.934, Double.NaN, List.of(), -1, -1),
                adaptive(realistic, "fixed-10", 0.95, Double.NaN, List.of(), -1, -1),
                adaptive(realistic, "fixed-12", 0.98, Double.NaN, List.of(), -1, -1),
                adaptive(realistic, "fixed-19", 0.998, Double.NaN, List.of(), -1, -1));

        List<TargetCheck> checks = Targets.judge(realistic, results);

        // the mean-based ideal count at utilisation 1 against random batches and round trips: 91-95% at best
        assertThat(find(checks, "fixed-8 >=").target()).contains("(fixed-19)").containsPattern("ceiling \\(9[1-5]\\.");
        assertThat(find(checks, "fixed-8 >=").met()).as("0.934 >= 0.97 x 0.998 x ~0.94").isTrue();
        assertThat(find(checks, "fixed-10 >=").met()).as("0.95 < 0.97 x 0.998 x ~0.99").isFalse();
        assertThat(find(checks, "fixed-12 >=").met()).isTrue();
        assertThat(find(checks, "fixed-19 >=").target()).endsWith("ceiling (100.0%)");

        Scenario ideal = Scenarios.fixedSweep(false, Mode.IDEAL);
        List<Result> full = List.of(adaptive(ideal, "fixed-5", 0.934, Double.NaN, List.of(), -1, -1),
                adaptive(ideal, "fixed-19", 0.998, Double.NaN, List.of(), -1, -1));
        assertThat(find(Targets.judge(ideal, full), "fixed-5 >=").met()).as("full batches: 5 carry all of it")
                .isFalse();
    }

    @Test
    void fifoWantsOrderAndThroughputFromAdaptive() {
        Scenario scenario = Scenarios.fifo(32, false, Mode.IDEAL);
        Result inOrder = adaptive(scenario, "adaptive", 0.9, Double.NaN, List.of(), 0, 0);
        Result overlapping = adaptive(scenario, "adaptive", 0.9, Double.NaN, List.of(), 0, 3);
        Result slow = adaptive(scenario, "adaptive", 0.8, Double.NaN, List.of(), 0, 0);

        assertThat(find(Targets.judge(scenario, List.of(inOrder)), "order kept").met()).isTrue();
        assertThat(find(Targets.judge(scenario, List.of(overlapping)), "order kept").met()).isFalse();
        assertThat(find(Targets.judge(scenario, List.of(inOrder)), "throughput >= 85.0%").met()).isTrue();
        assertThat(find(Targets.judge(scenario, List.of(slow)), "throughput >= 85.0%").met()).isFalse();
        // 800/s at 51 ms in full batches: 5 pollers, plus one
        assertThat(find(Targets.judge(scenario, List.of(inOrder)), "mean pollers <= min(groups, ideal + 1) = 6")
                .met()).as("5.0 in flight").isTrue();
    }

    @Test
    void withFewerGroupsThanConsumersFewerPollersAreRight() {
        assertThat(Targets.fifoPollerBound(Scenarios.fifo(32, false, Mode.REALISTIC)))
                .as("800/s at 51 ms in batches of 5.5: 8 pollers, plus one").isEqualTo(9);
        assertThat(Targets.fifoPollerBound(Scenarios.fifo(4, false, Mode.REALISTIC)))
                .as("400/s would take 4 + 1, but no more than one per group").isEqualTo(4);
        Scenario few = Scenarios.fifo(4, false, Mode.REALISTIC);
        Result many = adaptive(few, "adaptive", 0.9, Double.NaN, List.of(), 0, 0);

        assertThat(find(Targets.judge(few, List.of(many)), "mean pollers").met()).as("5.0 > 4").isFalse();
    }

    @Test
    void limboIsBoundedInEveryScenarioByWhatTheIdealPollersBring() {
        Scenario scenario = Scenarios.capacityStep(false, Mode.IDEAL);
        Result within = adaptive(scenario, "adaptive", 0.95, 2, List.of(), -1, -1);

        // K 12 + queueSize 10 + (7 ideal pollers of the fast phase + the spare) x 10, though 2 on average
        assertThat(Targets.limboBound(scenario, within)).isEqualTo(102);
        assertThat(find(Targets.judge(scenario, List.of(within)), "limbo <=").met()).isTrue();

        // a FIFO queue's buffer holds whole groups of one batch each: (queueSize 10 + K 8) x 10
        Scenario fifo = Scenarios.fifo(32, false, Mode.IDEAL);
        assertThat(Targets.limboBound(fifo, adaptive(fifo, "adaptive", 0.95, 10, List.of(), 0, 0))).isEqualTo(180);
    }
}
