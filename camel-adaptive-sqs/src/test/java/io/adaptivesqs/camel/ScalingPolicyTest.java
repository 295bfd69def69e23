package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The scaling decision on single ticks (a table of cases) and on synthetic traces from a fluid model of the pipeline.
 * Baseline: K = 8 consumers at 10 ms (demand 800/s), full batches of 10 every 50 ms (200/s per poller): 4 pollers
 * are ideal, 5 with the spare.
 */
class ScalingPolicyTest {

    private final ScalingPolicy policy = ScalingPolicy.builder().minPollers(1).maxPollers(20).scaleDownTicks(3).build();

    static Stream<Arguments> singleTicks() {
        return Stream.of(
                arguments("balanced at ideal plus spare holds",
                        tick(5).blocked(0.5), 5, "hold"),
                arguments("4x demand step: consumers starve, jump to the ideal plus one at once",
                        tick(5).serviceMillis(2.5).idle(5.5), 17, "up"),
                arguments("demand unknown yet: idle consumers alone drive the jump",
                        tick(2).serviceMillis(Double.NaN).idle(4), 5, "up"),
                arguments("RTT doubles: supply halves, consumers starve, pollers double",
                        tick(5).rttMillis(100).idle(3), 9, "up"),
                arguments("starving at maxPollers stays at maxPollers",
                        tick(20).serviceMillis(0.5).idle(7), 20, "hold"),
                arguments("starvation is capped by maxPollers",
                        tick(10).serviceMillis(0.5).idle(7), 20, "up"),
                arguments("consumers slightly idle (below threshold) while pollers blocked: no change",
                        tick(5).idle(0.3).blocked(0.8), 5, "hold"),
                arguments("4 pollers for a model of 4: consumers slightly idle (under the threshold), no poller "
                          + "blocked: up to the model's count and its spare",
                        tick(4).idle(0.3), 5, "short of the model"),
                arguments("consumers slightly idle while a poller in twenty-five blocks now and then: balanced",
                        tick(4).idle(0.3).blocked(0.15), 4, "balanced"),
                arguments("consumers idle a hair (1%), no poller blocked: balanced",
                        tick(4).idle(0.08), 4, "balanced"),
                arguments("consumers slightly idle, no poller blocked, already at the model's count: balanced",
                        tick(5).idle(0.3), 5, "balanced"),
                arguments("consumers idle and pollers blocked at once (bursty, buffer of 1): the model holds at 4 + 1",
                        tick(5).idle(1).blocked(1.5), 5, "by the model"),
                arguments("both signals at 7 pollers where the model needs 8.5: up by the model, not held",
                        tick(7).serviceMillis(4.7).idle(1).blocked(1), 10, "by the model"),
                arguments("both signals at 8 pollers where the model needs 4: counts toward 5",
                        tick(8).idle(1).blocked(2), 8, "1 of 3 ticks toward 5"),
                arguments("round trips of 50 +/- 34 ms, batches 55% full: starving consumers get what slow trips need",
                        tick(8).fill(0.55).jitter(34).idle(1).backlog(5000), 14, "12.2 pollers ideal"),
                arguments("round trips of 50 +/- 34 ms: pollers blocked in bursts are the margin slow trips need",
                        tick(12).fill(0.55).jitter(34).blocked(3).backlog(5000), 12, "hold: pollers blocked"),
                arguments("FIFO, round trips of 50 +/- 34 ms: sized at the mean, a batch held per group covers them",
                        tick(2).fill(0.55).jitter(34).idle(6).backlog(5000).groups(25), 9, "8.0 pollers ideal"),
                arguments("FIFO, round trips of 50 +/- 34 ms: pollers blocked beyond the mean's count are not kept",
                        tick(12).fill(0.55).jitter(34).blocked(3).backlog(5000).groups(25), 12, "toward 10"),
                arguments("FIFO with four message groups: never more pollers than groups",
                        tick(2).idle(6).groups(4), 4, "at most one poller per message group: 4"),
                arguments("FIFO with 25 groups in a tick: the 4x demand step is not held back",
                        tick(5).serviceMillis(2.5).idle(5.5).groups(25), 17, "up"),
                arguments("half-full batches with a large backlog: starving consumers mean too few pollers",
                        tick(5).fill(0.5).idle(4).backlog(5000), 11, "up"),
                arguments("half-full batches, backlog unknown: a partial batch is not a drained queue",
                        tick(5).fill(0.5).idle(4), 11, "up"),
                arguments("thin batches and a backlog shorter than one round of receives: the queue limits supply",
                        tick(5).fill(0.3).idle(4).backlog(12), 5, "supply-limited"),
                arguments("half-full batches and a count that four windows like this one would take: others on the "
                          + "queue take theirs meanwhile, so the queue limits supply; it holds more than a round, so "
                          + "every poller carries it, and a spare",
                        tick(5).fill(0.5).idle(4).backlog(300), 6, "supply-limited"),
                arguments("a shared queue: batches 59% full, a count of 212 that holds more than a round of receives "
                          + "but not four windows: messages wait, the batches are what SQS samples, all 3 carry it",
                        tick(3).receives(16).fill(0.59).idle(0.6).backlog(212), 4,
                        "batches 59% full (100% of a backlog's), backlog 212; 3.0 pollers carry it"),
                arguments("a shared queue: batches 59% full, a count of 20, under a round of receives: the queue runs "
                          + "short, 1.8 pollers' worth of full batches carry it",
                        tick(3).receives(16).fill(0.59).idle(0.6).backlog(20), 3, "toward 2"),
                arguments("half-full batches and a count that outlasts four windows like this one, but not of more "
                          + "pollers: one more",
                        tick(5).fill(0.5).idle(4).backlog(400), 6, "at most 6: the queue's count, 400"),
                arguments("half-full batches and a count that outlasts four windows of 8 pollers: up to 8",
                        tick(5).fill(0.5).idle(4).backlog(640), 8, "at most 8"),
                arguments("batches a fifth full, what a backlog brings not learned: the model alone, at half a batch",
                        tick(5).fill(0.2).idle(4).backlog(5000), 9, "8.0 pollers ideal"),
                arguments("batches a fifth full of a backlog's: idle consumers may be a queue running short, the model "
                          + "alone decides",
                        tick(5).fill(0.1).idle(4).backlog(5000).backlogBatch(5), 9, "8.0 pollers ideal"),
                arguments("batches 60% full while the queue's count is 0: production limits supply, not the pollers",
                        tick(2).fill(0.6).idle(2).backlog(0), 2, "supply-limited"),
                arguments("full batches although the count read seconds ago was short: a burst arrived, go up",
                        tick(2).idle(4).backlog(0), 5, "starving"),
                arguments("batches a tenth full against a backlog's 5.5 and a short count: carry it in backlog batches",
                        tick(20).fill(0.1).idle(3).backlog(0).backlogBatch(5.5), 20, "toward 4"),
                arguments("a short queue with half the pollers blocked on a full buffer: carry it without them",
                        tick(16).fill(0.35).blocked(8).backlog(0).backlogBatch(3.5), 16, "toward 9"),
                arguments("batches a tenth full, what a backlog brings unknown: carry it in full batches",
                        tick(20).fill(0.1).idle(3).backlog(0), 20, "toward 3"),
                arguments("receives that waited in long polls: drained although some batches arrive",
                        tick(5).fill(0.1).waited(0.5).idle(6), 5, "supply-limited"),
                arguments("one poller in a slow round trip while thousands wait: not a drained queue",
                        tick(5).waiting(1).idle(3).backlog(5000), 9, "starving"),
                arguments("one poller waiting at SQS and the backlog unknown: the queue may be drained",
                        tick(5).waiting(1).idle(3), 5, "supply-limited"),
                arguments("receive errors are not demand, even with every consumer idle",
                        tick(5).receives(0).errors(12).idle(8), 5, "errors are not demand"),
                arguments("some receives failing, consumers idle, the model alone says one poller is plenty: hold",
                        tick(2).serviceMillis(40).errors(3).idle(4), 2, "errors are not demand"),
                arguments("some receives failing, yet the model shows real demand beyond the pollers: up by the model",
                        tick(1).errors(3).idle(6), 5, "up"),
                arguments("more errors than answers: hold",
                        tick(5).receives(4).errors(6).idle(8), 5, "errors are not demand"),
                arguments("consumers idle but one receive returned from two pollers: too few to judge",
                        tick(2).receives(1).idle(6), 2, "too few to judge"),
                arguments("no receive returned (long polls under way): hold",
                        tick(5).receives(0).idle(8), 5, "no receive returned"),
                arguments("end of a backlog: full receives, consumers idle, but pollers wait on an empty queue",
                        tick(5).idle(5).waiting(3), 5, "3 of 5 pollers waiting"),
                arguments("below the scale-down streak, a lower target only counts a tick",
                        tick(5).blocked(3), 5, "1 of 3 ticks"),
                arguments("FIFO, fewer groups than consumers: idle only behind their groups is not demand",
                        tick(5).idle(4).behindGroups(4).groups(5), 5, "balanced"),
                arguments("FIFO, 20 groups a tick, 6 pollers: idle behind groups in hand, up to a poller per consumer",
                        tick(6).serviceMillis(10).fill(0.57).jitter(20).idle(2.2).behindGroups(2).groups(20)
                                .backlog(7000).backlogBatch(5.7), 8, "idle behind the groups in hand"),
                arguments("FIFO, 20 groups a tick and 9 pollers for 8 consumers: idle behind groups is their cycle",
                        tick(9).serviceMillis(10).fill(0.57).jitter(20).idle(0.8).behindGroups(0.8).groups(20)
                                .backlog(7000).backlogBatch(5.7), 9, "balanced"),
                arguments("FIFO: idle behind groups does not count, the rest starves: up by the rest only",
                        tick(5).idle(6).behindGroups(2), 11, "4.0 of 8 idle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleTicks")
    void decidesOneTick(String description, SignalsBuilder signals, int expectedTarget, String reasonContains) {
        ScalingDecision decision = policy.decide(signals.build(), ScalingDecision.Memory.NONE);

        assertThat(decision.targetPollers()).as(decision.reason()).isEqualTo(expectedTarget);
        assertThat(decision.reason()).contains(reasonContains);
    }

    static Stream<Arguments> stepsBetweenTicks() {
        return Stream.of(
                arguments("the route became 4x faster and consumers starve: straight to the model's count",
                        tick(5).serviceMillis(2.5).idle(5), 17, "step"),
                arguments("the round trip tripled and consumers starve: straight to the model's count",
                        tick(5).rttMillis(150).idle(4), 13, "step"),
                arguments("from two pollers, a model of 3.1 is a step: one more than the two extra it must ask for",
                        tick(2).serviceMillis(13).idle(4), 4, "step"),
                arguments("the model asks for a third more: not a step, left to the tick",
                        tick(5).serviceMillis(7.5).idle(4), 5, "no step"),
                arguments("consumers barely idle: a model far above is noise of a short window, left to the tick",
                        tick(5).serviceMillis(2.5).idle(1), 5, "no step"),
                arguments("receive errors: never acted on between ticks",
                        tick(5).serviceMillis(2.5).idle(5).errors(2), 5, "no step"),
                arguments("the queue waits in long polls: more pollers cannot help",
                        tick(5).serviceMillis(2.5).idle(5).waited(0.5), 5, "no step"),
                arguments("the route became 4x faster on a queue whose count holds thousands: a step",
                        tick(5).serviceMillis(2.5).idle(5).backlog(5000), 17, "step"),
                arguments("a window of full batches from a queue whose count was 10: a burst, left to the tick",
                        tick(1).serviceMillis(2.5).idle(5).backlog(10), 1, "no step"),
                arguments("a queue running out under a count read seconds ago: thin batches are no step",
                        tick(8).fill(0.2).idle(4).backlog(5000).backlogBatch(5.5), 8, "no step"),
                arguments("the end of a spike: one poller's thin batches under the count read during it are no step",
                        tick(1).receives(2).fill(0.1).idle(6).backlog(464).backlogBatch(9), 1, "no step"),
                arguments("batches as thin as the backlog's own under the same count: a step",
                        tick(8).fill(0.2).idle(4).backlog(5000).backlogBatch(2), 20, "step"),
                arguments("service time not measured yet: no model, left to the tick",
                        tick(2).serviceMillis(Double.NaN).idle(6), 2, "no step"),
                arguments("the route became 4x slower: six of eight pollers blocked, none idle: straight down",
                        tick(8).serviceMillis(40).blocked(6), 3, "down: step"),
                arguments("the round trip fell fivefold: seven of nine pollers blocked: straight down",
                        tick(9).rttMillis(10).blocked(7), 3, "down: step"),
                arguments("the route became 4x slower before a backlog taught its batch: sized for half batches, "
                          + "whatever the window's few receives drew",
                        tick(20).serviceMillis(40).fill(0.7).blocked(19).backlog(5000), 3, "down: step"),
                arguments("the same once the backlog's batch is known: sized for it",
                        tick(20).serviceMillis(40).fill(0.7).blocked(19).backlog(5000).backlogBatch(7), 2,
                        "down: step"),
                arguments("three receives of 7 from 6 pollers, batch not yet taught: sized for half batches the "
                          + "model asks 4.3 pollers, so 6 are no step (sized on the 7, it would take away two)",
                        tick(6).serviceMillis(80.0 / 3).rttMillis(47).jitter(25).fill(0.7).receives(3).blocked(4.3)
                                .backlog(12000), 6, "no step"),
                arguments("half the pollers blocked, the model one below: not a step, left to the tick",
                        tick(5).blocked(2.5), 5, "no step"),
                arguments("most pollers blocked while some consumers idle (bursts): left to the tick",
                        tick(8).serviceMillis(40).blocked(6).idle(1), 8, "no step"),
                arguments("most pollers blocked, receives come back empty: the drain is left to the tick",
                        tick(8).serviceMillis(40).blocked(6).fill(0.5).empty(0.5), 8, "no step"),
                arguments("FIFO with three groups: the step stops at one poller per group",
                        tick(1).serviceMillis(2.5).idle(6).groups(3), 3, "at most one poller per message group"),
                arguments("FIFO with as many pollers as groups: no step",
                        tick(4).serviceMillis(2.5).idle(6).groups(4), 4, "no step"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsBetweenTicks")
    void actsBetweenTicksOnlyOnAStep(String description, SignalsBuilder signals, int expectedTarget,
                                     String reasonContains) {
        ScalingDecision.Memory pending = new ScalingDecision.Memory(1, 3);

        ScalingDecision decision = policy.surge(signals.build(), pending);

        assertThat(decision.targetPollers()).as(decision.reason()).isEqualTo(expectedTarget);
        assertThat(decision.reason()).contains(reasonContains);
        if (decision.targetPollers() == signals.build().currentTarget()) {
            assertThat(decision.memory()).as("a pending scale-down streak is left to the ticks").isEqualTo(pending);
        }
    }

    static Stream<Arguments> scaleDowns() {
        return Stream.of(
                arguments("3 pollers blocked while 2 are not: keep the 2 plus a spare",
                        tick(5).blocked(3 * 0.95), 3),
                arguments("demand drops 4x: pollers blocked, down to what is useful plus a spare",
                        tick(5).serviceMillis(40).blocked(4), 2),
                arguments("RTT halves: supply doubles, pollers blocked",
                        tick(5).rttMillis(25).blocked(3), 3),
                arguments("queue drained, long polls under way: no receive returns, every poller waits",
                        tick(6).receives(0).waiting(6), 1),
                arguments("end of a backlog: three of five pollers wait on an empty queue",
                        tick(5).idle(5).waiting(3), 3),
                arguments("queue drained: every receive empty, down to minPollers",
                        tick(6).fill(0).empty(1.0), 1),
                arguments("trickle: thin batches that waited, down to minPollers",
                        tick(6).fill(0.1).empty(0.3).waited(0.6), 1),
                arguments("a queue drained to thin batches (backlog short) carries on with fewer pollers",
                        tick(10).fill(0.4).backlog(20), 5),
                arguments("partial batches while the backlog waits, pollers blocked: only the blocked go",
                        tick(12).fill(0.5).blocked(4).backlog(5000), 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaleDowns")
    void scalesDownOnlyAfterTheStreak(String description, SignalsBuilder signals, int expectedTarget) {
        ScalingDecision.Memory memory = ScalingDecision.Memory.NONE;
        List<Integer> targets = new ArrayList<>();
        for (int tick = 0; tick < 3; tick++) {
            ScalingDecision decision = policy.decide(signals.build(), memory);
            memory = decision.memory();
            targets.add(decision.targetPollers());
        }
        int current = signals.build().currentTarget();
        assertThat(targets).containsExactly(current, current, expectedTarget);
    }

    @Test
    void aStepCappedByMaxPollersDoesNotBlameTheQueuesCount() {
        ScalingPolicy upToTen = ScalingPolicy.builder().minPollers(1).maxPollers(10).scaleDownTicks(3).build();

        // full batches beat the count of 0 read before a rush began; the model asks for 21 pollers
        ScalingDecision decision = upToTen.decide(tick(1).serviceMillis(2).idle(7.5).backlog(0).build(),
                ScalingDecision.Memory.NONE);

        assertThat(decision.targetPollers()).as(decision.reason()).isEqualTo(10);
        assertThat(decision.reason()).contains("starving").doesNotContain("queue's count");
    }

    @Test
    void neverGoesBelowMinPollers() {
        ScalingPolicy atLeastTwo = ScalingPolicy.builder().minPollers(2).maxPollers(10).scaleDownTicks(1).build();

        ScalingDecision decision = atLeastTwo.decide(tick(4).fill(0).empty(1.0).build(), ScalingDecision.Memory.NONE);

        assertThat(decision.targetPollers()).isEqualTo(2);
    }

    @Test
    void aBalancedTickInterruptsTheScaleDownStreak() {
        ScalingDecision first = policy.decide(tick(5).blocked(3).build(), ScalingDecision.Memory.NONE);
        ScalingDecision second = policy.decide(tick(5).blocked(0.5).build(), first.memory());
        ScalingDecision third = policy.decide(tick(5).blocked(3).build(), second.memory());

        assertThat(List.of(first.targetPollers(), second.targetPollers(), third.targetPollers()))
                .containsExactly(5, 5, 5);
        assertThat(third.memory().ticksBelow()).isEqualTo(1);
    }

    @Test
    void ticksWithoutInformationDoNotInterruptTheStreak() {
        ScalingDecision first = policy.decide(tick(6).fill(0).empty(1.0).build(), ScalingDecision.Memory.NONE);
        ScalingDecision quiet = policy.decide(tick(6).receives(0).build(), first.memory());
        ScalingDecision second = policy.decide(tick(6).fill(0).empty(1.0).build(), quiet.memory());
        ScalingDecision third = policy.decide(tick(6).fill(0).empty(1.0).build(), second.memory());

        assertThat(third.targetPollers()).isEqualTo(1);
    }

    @Test
    void scalesDownToTheHighestCountTheStreakAskedFor() {
        ScalingDecision first = policy.decide(tick(8).blocked(6).build(), ScalingDecision.Memory.NONE);  // wants 3
        ScalingDecision second = policy.decide(tick(8).blocked(3).build(), first.memory());            // wants 6
        ScalingDecision third = policy.decide(tick(8).blocked(7).build(), second.memory());            // wants 2

        assertThat(third.targetPollers()).isEqualTo(6);
    }

    // Synthetic traces: a fluid model of pollers, buffer and consumers, fed back into the policy tick by tick.

    @Test
    void steadySaturationSettlesOnTheIdealPlusOneAndNeverFlaps() {
        List<Integer> targets = FluidPipeline.run(policy, 1, 40, tick -> new FluidPipeline.World(800, 50));

        assertThat(targets.subList(5, 40)).allSatisfy(target -> assertThat(target).isEqualTo(5));
    }

    @Test
    void aFourfoldDemandStepIsMetWithinTwoTicksAndTheStepBackWithinFour() {
        List<Integer> targets = FluidPipeline.run(policy, 5, 30,
                tick -> new FluidPipeline.World(tick >= 10 && tick < 20 ? 3200 : 800, 50));

        assertThat(targets.get(11)).as("two ticks after the step up").isGreaterThanOrEqualTo(16).isLessThanOrEqualTo(17);
        assertThat(targets.get(23)).as("four ticks after the step down").isLessThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}/s from {1} pollers: {2} at once, kept by the ticks after")
    @CsvSource({"3200, 5, 17", "200, 17, 2"})
    void aStepSeenBetweenTicksIsMetAtOnceAndTheTicksAfterKeepIt(double demand, int pollers, int expected) {
        FluidPipeline.World world = new FluidPipeline.World(demand, 50);

        // full batches from a backlog that taught them
        ScalingDecision early = policy.surge(FluidPipeline.learned(FluidPipeline.signals(world, pollers)),
                ScalingDecision.Memory.NONE);
        List<Integer> after = FluidPipeline.run(policy, early.targetPollers(), 10, tick -> world);

        assertThat(early.targetPollers()).as(early.reason()).isEqualTo(expected);
        assertThat(after).allSatisfy(target -> assertThat(target).isEqualTo(expected));
    }

    @Test
    void onePollerShortOfTheModelUnderBothThresholdsIsNotHeldThere() {
        // a 104 ms round trip: 8 pollers bring 769/s of the 800/s, 4% of the consumers idle and no poller blocked,
        // both under the threshold; the model asks 8.3 and the spare
        List<Integer> targets = FluidPipeline.run(policy, 8, 10, tick -> new FluidPipeline.World(800, 104));

        assertThat(targets).allSatisfy(target -> assertThat(target).isEqualTo(10));
    }

    @Test
    void rttStepsMoveThePollersBothWays() {
        List<Integer> targets = FluidPipeline.run(policy, 5, 30,
                tick -> new FluidPipeline.World(800, tick >= 10 && tick < 20 ? 100 : 50));

        assertThat(targets.get(11)).as("RTT doubled").isBetween(8, 9);
        assertThat(targets.get(24)).as("RTT back").isBetween(4, 5);
    }

    @Test
    void aDrainedQueueFallsToMinPollers() {
        List<Integer> targets = FluidPipeline.run(policy, 10, 10, tick -> FluidPipeline.World.drained(800, 50));

        assertThat(targets.get(9)).isEqualTo(1);
    }

    @Test
    void aQueueFedBelowCapacityWithPartialBatchesIsCarriedWithoutAGrowingBacklog() {
        // a consumer's share of a queue others share too: 240/s reach it, its route takes 400/s, receives bring 55% of
        // a batch from what waits; two pollers bring 220/s, three 330/s
        List<FluidPipeline.Fed> trace = FluidPipeline.runFed(policy, 2, 60, 240, 400, 50, 0.55);

        assertThat(trace).allSatisfy(tick -> assertThat(tick.pollers()).isBetween(2, 4));
        assertThat(trace).as("messages left waiting").allSatisfy(tick -> assertThat(tick.backlog()).isLessThan(100));
    }

    @Test
    void partialBatchesWithABacklogSettleOnTwiceThePollersOfFullOnes() {
        List<Integer> targets = FluidPipeline.run(policy, 2, 30,
                tick -> new FluidPipeline.World(800, 50).withFill(0.5));

        assertThat(targets.get(2)).as("two ticks from minPollers").isGreaterThanOrEqualTo(8);
        assertThat(targets.subList(5, 30)).allSatisfy(target -> assertThat(target).isBetween(8, 9));
    }

    @Test
    void aCapacityStepWithPartialBatchesIsMetWithinTwoTicks() {
        // the benchmark's step: 400 -> 1600 -> 400 msg/s, batches half full on average
        List<Integer> targets = FluidPipeline.run(policy, 2, 30,
                tick -> new FluidPipeline.World(tick >= 10 && tick < 20 ? 1600 : 400, 50).withFill(0.5));

        assertThat(targets.get(9)).as("slow phase").isBetween(4, 5);
        assertThat(targets.get(11)).as("two ticks after the step up").isBetween(16, 18);
        assertThat(targets.get(24)).as("five ticks after the step down").isBetween(4, 5);
    }

    @Test
    void jitteredRoundTripsAndBatchesKeepThePollersInABandAroundTheIdeal() {
        // RTT lognormal around 50 ms with a tail, batches 30-70% full: the ideal moves between ~4 and ~14 per tick
        java.util.Random random = new java.util.Random(42);
        List<Integer> targets = FluidPipeline.run(policy, 2, 200, tick -> {
            double rtt = 50 * Math.exp(0.5 * random.nextGaussian() - 0.125);
            double fill = 0.3 + 0.4 * random.nextDouble();
            return new FluidPipeline.World(800, rtt).withFill(fill);
        });

        List<Integer> settled = targets.subList(10, 200);
        double mean = settled.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).as("mean pollers for an ideal of ~8 at the mean RTT and fill").isBetween(8.0, 14.0);
        assertThat(settled).allSatisfy(target -> assertThat(target).isBetween(4, 20));
    }

    static SignalsBuilder tick(int pollers) {
        return new SignalsBuilder(pollers);
    }

    /** Signals with baseline values; each case changes what it is about. */
    static final class SignalsBuilder {
        private final int pollers;
        private double serviceMillis = 10;
        private double rttMillis = 50;
        private double idle;
        private double blocked;
        private double fill = 1.0;
        private double empty;
        private long receives = 20;
        private long errors;
        private int waiting;
        private double waited;
        private long backlog = -1;
        private double behindGroups;
        private double jitterMillis;
        private int groups = -1;
        private double backlogBatch = Double.NaN;

        SignalsBuilder(int pollers) {
            this.pollers = pollers;
        }

        SignalsBuilder serviceMillis(double value) {
            serviceMillis = value;
            return this;
        }

        SignalsBuilder rttMillis(double value) {
            rttMillis = value;
            return this;
        }

        SignalsBuilder idle(double consumers) {
            idle = consumers;
            return this;
        }

        SignalsBuilder blocked(double pollersBlocked) {
            blocked = pollersBlocked;
            return this;
        }

        SignalsBuilder fill(double value) {
            fill = value;
            return this;
        }

        SignalsBuilder empty(double share) {
            empty = share;
            return this;
        }

        SignalsBuilder receives(long value) {
            receives = value;
            return this;
        }

        SignalsBuilder waiting(int pollersInLongPolls) {
            waiting = pollersInLongPolls;
            return this;
        }

        SignalsBuilder waited(double share) {
            waited = share;
            return this;
        }

        SignalsBuilder backlog(long messages) {
            backlog = messages;
            return this;
        }

        SignalsBuilder jitter(double millis) {
            jitterMillis = millis;
            return this;
        }

        SignalsBuilder backlogBatch(double messages) {
            backlogBatch = messages;
            return this;
        }

        SignalsBuilder groups(int messageGroups) {
            groups = messageGroups;
            return this;
        }

        SignalsBuilder behindGroups(double consumers) {
            behindGroups = consumers;
            return this;
        }

        SignalsBuilder errors(long value) {
            errors = value;
            return this;
        }

        Signals build() {
            return new Signals(pollers, pollers, 8, 10, receives, Math.round(receives * empty),
                    Math.round(receives * waited), errors, Math.round(receives * 10 * fill), rttMillis, jitterMillis,
                    serviceMillis, idle, blocked, waiting, 8 - idle, 0, backlog, behindGroups, groups, backlogBatch);
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }
}
