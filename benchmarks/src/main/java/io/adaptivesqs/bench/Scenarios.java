package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.adaptivesqs.bench.Contender.Adaptive;
import io.adaptivesqs.bench.Contender.Fixed;
import io.adaptivesqs.bench.Contender.Spring;
import io.adaptivesqs.bench.Contender.Stock;
import io.adaptivesqs.bench.Scenario.Kind;

/**
 * The scenarios of a run, each in every mode asked for. Capacities stay at or below ~1200 messages/s so that two
 * cores are not the bottleneck (every SQS call to local ElasticMQ costs about a millisecond of CPU), except the one
 * saturation scenario that looks for that limit. Service time is a timed wait corrected for the timer's lateness
 * ({@link SimulatedService}), so K / service time holds. The quick mode keeps every situation but shortens it and
 * keeps fewer contenders.
 */
final class Scenarios {

    /** Round trip of the fixed-N sweep: where pollers matter most. */
    static final int SWEEP_RTT = 50;

    private Scenarios() {
    }

    static List<Scenario> all(boolean quick, List<Mode> modes) {
        List<Scenario> all = new ArrayList<>();
        for (Mode mode : modes) {
            all.addAll(all(quick, mode));
        }
        return all;
    }

    static List<Scenario> all(boolean quick, Mode mode) {
        List<Scenario> all = new ArrayList<>();
        if (!quick) {
            all.add(saturation(10, 10, 20, true, quick, mode));
        }
        all.add(saturation(50, 16, 20, false, quick, mode));
        if (!quick) {
            all.add(saturation(100, 32, 50, true, quick, mode));
        }
        all.add(saturationHigh(quick, mode));
        all.add(fixedSweep(quick, mode));
        all.add(capacityStep(quick, mode));
        all.add(rttStep(quick, mode));
        all.add(trickle(quick, mode));
        all.add(drained(quick, mode));
        all.add(sharedQueue(quick, mode));
        all.add(fifo(32, quick, mode));
        all.add(fifo(4, quick, mode));
        return all;
    }

    /**
     * Not reported: run first so that class loading and compilation of every contender's code paths do not count
     * against whichever contender happens to run first.
     */
    static Scenario warmUp() {
        List<Phase> phases = List.of(Phase.backlog("warm-up", 2, 10, 10));
        return new Scenario("warm-up", Kind.SATURATION, "JVM warm-up, not reported.", 8, 1,
                Scenario.backlogFor(8, phases), phases, 0, 0, -1, -1,
                List.of(new Adaptive(), new Stock(), new Spring(Spring.TUNED_PREFETCH)), Mode.REALISTIC, 0);
    }

    /** The named scenarios, in catalog order; an unknown name is an error that lists the known ones. */
    static List<Scenario> select(boolean quick, List<Mode> modes, List<String> names) {
        List<Scenario> all = all(quick, modes);
        if (names == null || names.isEmpty()) {
            return all;
        }
        for (String name : names) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
                                                   + String.join(", ", all.stream().map(Scenario::name).distinct()
                        .toList()));
            }
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    /**
     * A full queue at one round trip: can the route run at capacity with no more pollers than that needs? Fixed
     * counts: the ideal one, and unless {@code oneFixed} two more (the sweep covers every count at 50 ms).
     */
    static Scenario saturation(int rttMillis, int consumers, double serviceMillis, boolean oneFixed, boolean quick,
                               Mode mode) {
        double seconds = quick ? 6 : 9;
        List<Phase> phases = List.of(Phase.backlog("backlog", seconds, serviceMillis, rttMillis));
        int ideal = idealPollers(consumers, serviceMillis, rttMillis, mode);
        List<Integer> fixed = quick || oneFixed ? List.of(ideal)
                : List.of(ideal, Math.min(ideal + 2, Scenario.MAX_POLLERS));
        return new Scenario("saturation-rtt" + rttMillis, Kind.SATURATION,
                String.format("Pre-filled queue, K=%d, service %.0f ms (capacity %.0f/s), round trip %d ms.",
                        consumers, serviceMillis, Capacity.routeCapacity(consumers, serviceMillis), rttMillis),
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, quick ? 2 : 3, 0, -1, -1,
                contenders(fixed.stream().distinct().toList(), true, !quick), mode, 0);
    }

    /**
     * Three times the highest rate of the other scenarios (2400/s): where two cores may become the limit. The cpu
     * column shows whether they did; a short round trip keeps the ideal poller count within maxPollers.
     */
    static Scenario saturationHigh(boolean quick, Mode mode) {
        int consumers = 48;
        double serviceMillis = 20;
        int rttMillis = 10;
        List<Phase> phases = List.of(Phase.backlog("backlog", quick ? 5 : 8, serviceMillis, rttMillis));
        int ideal = idealPollers(consumers, serviceMillis, rttMillis, mode);
        return new Scenario("saturation-high", Kind.SATURATION,
                "Pre-filled queue, K=48, service 20 ms (capacity 2400/s, 3x the other saturations), round trip "
                + "10 ms: the machine's limit shows in the cpu column.",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, -1, -1,
                contenders(quick ? List.of() : List.of(ideal + 1), true, !quick), mode, 0);
    }

    /**
     * More pollers never hurt: the same saturation with every fixed count from the ideal one up to maxPollers, each
     * of which should reach nearly the best of them.
     */
    static Scenario fixedSweep(boolean quick, Mode mode) {
        int consumers = 16;
        double serviceMillis = 20;
        // many contenders: short phases, so that both modes stay within half an hour
        List<Phase> phases = List.of(Phase.backlog("backlog", quick ? 3 : 4, serviceMillis, SWEEP_RTT));
        int ideal = Math.min(idealPollers(consumers, serviceMillis, SWEEP_RTT, mode), Scenario.MAX_POLLERS);
        List<Contender> fixed = IntStream.rangeClosed(ideal, Scenario.MAX_POLLERS)
                .filter(n -> !quick || n == ideal || n == Scenario.MAX_POLLERS)
                .mapToObj(n -> (Contender) new Fixed(n)).toList();
        return new Scenario("fixed-sweep", Kind.FIXED_SWEEP,
                "Pre-filled queue, K=16, service 20 ms (capacity 800/s), round trip 50 ms; fixed-N for every N from "
                + "the ideal count to maxPollers.",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, -1, -1, fixed, mode, 0);
    }

    /** Demand jumps 4x and falls back, on a full queue: how fast does supply follow, and does it come back down? */
    static Scenario capacityStep(boolean quick, Mode mode) {
        double seconds = quick ? 4 : 6;
        int consumers = 12;
        List<Phase> phases = List.of(
                Phase.backlog("slow", seconds, 40, 50),
                Phase.backlog("fast", seconds, 10, 50),
                Phase.backlog("slow again", seconds, 40, 50));
        int fast = idealPollers(consumers, 10, 50, mode);
        return new Scenario("capacity-step", Kind.CAPACITY_STEP,
                "Pre-filled queue, K=12, round trip 50 ms; service 40 -> 10 -> 40 ms (capacity 300 -> 1200 -> 300/s).",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, 1, 2,
                contenders(quick ? List.of(fast) : List.of(2, fast), !quick, !quick), mode, 0);
    }

    /** The round trip jumps 10x and falls back at the same capacity: supply per poller falls 10x. */
    static Scenario rttStep(boolean quick, Mode mode) {
        double seconds = quick ? 4 : 6;
        int consumers = 16;
        List<Phase> phases = List.of(
                Phase.backlog("near", seconds, 20, 10),
                Phase.backlog("far", seconds, 20, 100),
                Phase.backlog("near again", seconds, 20, 10));
        int far = Math.min(idealPollers(consumers, 20, 100, mode), Scenario.MAX_POLLERS);
        return new Scenario("rtt-step", Kind.RTT_STEP,
                "Pre-filled queue, K=16, service 20 ms (capacity 800/s); round trip 10 -> 100 -> 10 ms.",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, 1, 2,
                contenders(quick ? List.of(far) : List.of(1, far), !quick, !quick), mode, 0);
    }

    /**
     * 40 messages/s against a capacity of 400/s: latency and the cost of waiting. The messages come at random times,
     * as from independent senders: evenly spaced, one every 25 ms against pollers back every 50 ms round trip, the
     * receive calls per message would measure how many microseconds a poller's turn takes, not how it waits.
     */
    static Scenario trickle(boolean quick, Mode mode) {
        List<Phase> phases = List.of(Phase.rate("trickle", quick ? 6 : 10, 20, 50, 40, 1).arrivingAtRandom());
        return new Scenario("trickle", Kind.TRICKLE,
                "40 messages/s sent one by one at random (Poisson) times; K=8, service 20 ms (capacity 400/s), "
                + "round trip 50 ms.",
                8, 1, 0, phases, 2, 0, -1, -1, contenders(quick ? List.of() : List.of(1), true, false), mode, 0);
    }

    /** A burst, then nothing: how fast do pollers come back to the minimum, and what does waiting cost? */
    static Scenario drained(boolean quick, Mode mode) {
        List<Phase> phases = List.of(
                Phase.backlog("burst", 20, 20, 50).endingWhenDrained(),
                // two long polls (waitTimeSeconds=10) at least: an idle poller returns only once per long poll
                Phase.idle("drained", quick ? 12 : 21, 20, 50));
        return new Scenario("drained", Kind.DRAINED,
                "2400 pre-filled messages (3 s at capacity 800/s: K=16, service 20 ms, round trip 50 ms), then an "
                + "empty queue; measured from the moment it is drained.",
                16, 1, 2400, phases, 0, 1, -1, 1, contenders(quick ? List.of() : List.of(5), !quick, false), mode, 0);
    }

    /** Three consumers (three machines) on one queue at 60% of their joint capacity: does each get its share? */
    static Scenario sharedQueue(boolean quick, Mode mode) {
        List<Phase> phases = List.of(Phase.rate("shared", quick ? 8 : 12, 20, 50, 720, 10));
        return new Scenario("shared-queue", Kind.SHARED_QUEUE,
                "Three consumers on one queue, each K=8, service 20 ms (400/s, 1200/s together); 720 messages/s "
                + "sent in batches of 10; round trip 50 ms.",
                8, 3, 0, phases, quick ? 3 : 4, 0, -1, -1,
                contenders(quick ? List.of() : List.of(2), !quick, !quick), mode, 0);
    }

    /**
     * A FIFO queue with {@code groups} message groups, K=8 and 10 ms of work: order must hold per group in every row.
     * With fewer groups than consumers only that many messages can be in the route at once, and fewer pollers do.
     */
    static Scenario fifo(int groups, boolean quick, Mode mode) {
        int consumers = 8;
        List<Phase> phases = List.of(Phase.backlog("backlog", quick ? 5 : 8, 10, 50));
        Scenario draft = new Scenario("fifo-groups" + groups, Kind.FIFO, "", consumers, 1, 0, phases, 2, 0, -1, -1,
                List.of(), mode, groups);
        return new Scenario(draft.name(), Kind.FIFO,
                String.format("FIFO queue, %d message groups pre-filled in order, K=8, service 10 ms (capacity %.0f/s"
                              + "%s), round trip 50 ms; order checked per group.", groups,
                        Capacity.routeCapacity(draft.parallelism(), 10),
                        groups < consumers ? ", one message per group at a time" : ""),
                consumers, 1, Scenario.backlogFor(draft.parallelism(), phases), phases, 2, 0, -1, -1,
                quick ? List.of(new Adaptive(), new Stock(), new Spring(Spring.TUNED_PREFETCH))
                        : contenders(List.of(), true, true), mode, groups);
    }

    private static int idealPollers(int consumers, double serviceMillis, double rttMillis, Mode mode) {
        // the measured round trip runs a millisecond or two above the injected one
        return Capacity.idealPollers(Capacity.routeCapacity(consumers, serviceMillis), rttMillis + 1, 1,
                SqsConditions.meanBatch(mode));
    }

    private static List<Contender> contenders(List<Integer> fixedPollers, boolean stock, boolean spring) {
        Stream<Contender> fixed = fixedPollers.stream().map(Fixed::new);
        Stream<Contender> all = Stream.concat(Stream.of(new Adaptive()), fixed);
        all = Stream.concat(all, stock ? Stream.of(new Stock()) : Stream.empty());
        return Stream.concat(all, spring ? Stream.of(new Spring(1), new Spring(Spring.TUNED_PREFETCH))
                : Stream.empty()).toList();
    }

    /** Seconds a run of these scenarios takes, roughly: phases plus set-up (mostly the backlog) and tear-down. */
    static double estimatedSeconds(List<Scenario> scenarios) {
        return scenarios.stream()
                .mapToDouble(s -> s.contenders().size() * (expectedSeconds(s) + 1.5 + s.prefill() / 5000.0))
                .sum();
    }

    private static double expectedSeconds(Scenario scenario) {
        // a phase that ends once drained usually ends after the backlog's time at capacity
        return scenario.phases().stream().mapToDouble(p -> p.untilDrained()
                ? Math.min(p.seconds(), scenario.prefill() / p.capacity(scenario.concurrentConsumers()) * 2)
                : p.seconds()).sum();
    }
}
