package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.adaptivesqs.bench.Contender.Adaptive;
import io.adaptivesqs.bench.Contender.Fixed;
import io.adaptivesqs.bench.Contender.Stock;
import io.adaptivesqs.bench.Scenario.Kind;

/**
 * The scenarios of a run. Capacities stay at or below ~1200 messages/s so that two cores are not the bottleneck:
 * every SQS call to local ElasticMQ costs about a millisecond of CPU. Service time is a sleep, so K / service time
 * holds. The quick mode keeps every situation but shortens it and keeps fewer contenders.
 */
final class Scenarios {

    private Scenarios() {
    }

    static List<Scenario> all(boolean quick) {
        List<Scenario> all = new ArrayList<>();
        if (!quick) {
            all.add(saturation(10, 10, 20, List.of(1, 3), false));
        }
        all.add(saturation(50, 16, 20, List.of(5, 8), quick));
        if (!quick) {
            all.add(saturation(100, 32, 50, List.of(7, 10), false));
        }
        all.add(capacityStep(quick));
        all.add(rttStep(quick));
        all.add(trickle(quick));
        all.add(drained(quick));
        all.add(sharedQueue(quick));
        return all;
    }

    /**
     * Not reported: run first so that class loading and compilation of both components' code paths do not count
     * against whichever contender happens to run first.
     */
    static Scenario warmUp() {
        List<Phase> phases = List.of(Phase.backlog("warm-up", 2, 10, 10));
        return new Scenario("warm-up", Kind.SATURATION, "JVM warm-up, not reported.", 8, 1,
                Scenario.backlogFor(8, phases), phases, 0, 0, -1, -1, contenders(List.of(), true));
    }

    /** The named scenarios, in catalog order; an unknown name is an error that lists the known ones. */
    static List<Scenario> select(boolean quick, List<String> names) {
        List<Scenario> all = all(quick);
        if (names == null || names.isEmpty()) {
            return all;
        }
        for (String name : names) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
                                                   + String.join(", ", all.stream().map(Scenario::name).toList()));
            }
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    /** A full queue at one round trip: can the route run at capacity with no more pollers than that needs? */
    static Scenario saturation(int rttMillis, int consumers, double serviceMillis, List<Integer> fixed, boolean quick) {
        double seconds = quick ? 6 : 12;
        List<Phase> phases = List.of(Phase.backlog("backlog", seconds, serviceMillis, rttMillis));
        List<Integer> fixedPollers = quick ? fixed.subList(0, 1) : fixed;
        return new Scenario("saturation-rtt" + rttMillis, Kind.SATURATION,
                String.format("Pre-filled queue, K=%d, service %.0f ms (capacity %.0f/s), round trip %d ms.",
                        consumers, serviceMillis, Capacity.routeCapacity(consumers, serviceMillis), rttMillis),
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, quick ? 2 : 4, 0, -1, -1,
                contenders(fixedPollers, true));
    }

    /** Demand jumps 4x and falls back, on a full queue: how fast does supply follow, and does it come back down? */
    static Scenario capacityStep(boolean quick) {
        double seconds = quick ? 5 : 8;
        int consumers = 12;
        List<Phase> phases = List.of(
                Phase.backlog("slow", seconds, 40, 50),
                Phase.backlog("fast", seconds, 10, 50),
                Phase.backlog("slow again", seconds, 40, 50));
        return new Scenario("capacity-step", Kind.CAPACITY_STEP,
                "Pre-filled queue, K=12, round trip 50 ms; service 40 -> 10 -> 40 ms (capacity 300 -> 1200 -> 300/s).",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, 1, 2,
                contenders(quick ? List.of(7) : List.of(2, 7), !quick));
    }

    /** The round trip jumps 10x and falls back at the same capacity: supply per poller falls 10x. */
    static Scenario rttStep(boolean quick) {
        double seconds = quick ? 5 : 8;
        int consumers = 16;
        List<Phase> phases = List.of(
                Phase.backlog("near", seconds, 20, 10),
                Phase.backlog("far", seconds, 20, 100),
                Phase.backlog("near again", seconds, 20, 10));
        return new Scenario("rtt-step", Kind.RTT_STEP,
                "Pre-filled queue, K=16, service 20 ms (capacity 800/s); round trip 10 -> 100 -> 10 ms.",
                consumers, 1, Scenario.backlogFor(consumers, phases), phases, 2, 0, 1, 2,
                contenders(quick ? List.of(9) : List.of(1, 9), !quick));
    }

    /** 40 messages/s against a capacity of 400/s: latency and the cost of waiting. */
    static Scenario trickle(boolean quick) {
        List<Phase> phases = List.of(Phase.rate("trickle", quick ? 6 : 12, 20, 50, 40, 1));
        return new Scenario("trickle", Kind.TRICKLE,
                "40 messages/s sent one by one; K=8, service 20 ms (capacity 400/s), round trip 50 ms.",
                8, 1, 0, phases, 2, 0, -1, -1, contenders(quick ? List.of() : List.of(1), true));
    }

    /** A burst, then nothing: how fast do pollers come back to the minimum, and what does waiting cost? */
    static Scenario drained(boolean quick) {
        List<Phase> phases = List.of(
                Phase.backlog("burst", 20, 20, 50).endingWhenDrained(),
                // two long polls (waitTimeSeconds=10) at least: an idle poller returns only once per long poll
                Phase.idle("drained", quick ? 12 : 22, 20, 50));
        return new Scenario("drained", Kind.DRAINED,
                "2400 pre-filled messages (3 s at capacity 800/s: K=16, service 20 ms, round trip 50 ms), then an "
                + "empty queue; measured from the moment it is drained.",
                16, 1, 2400, phases, 0, 1, -1, 1, contenders(quick ? List.of() : List.of(5), !quick));
    }

    /** Three consumers (three machines) on one queue at 60% of their joint capacity: does each get its share? */
    static Scenario sharedQueue(boolean quick) {
        List<Phase> phases = List.of(Phase.rate("shared", quick ? 8 : 16, 20, 50, 720, 10));
        return new Scenario("shared-queue", Kind.SHARED_QUEUE,
                "Three CamelContexts on one queue, each K=8, service 20 ms (400/s, 1200/s together); 720 messages/s "
                + "sent in batches of 10; round trip 50 ms.",
                8, 3, 0, phases, quick ? 3 : 5, 0, -1, -1, contenders(quick ? List.of() : List.of(2), !quick));
    }

    private static List<Contender> contenders(List<Integer> fixedPollers, boolean stock) {
        Stream<Contender> fixed = fixedPollers.stream().map(Fixed::new);
        Stream<Contender> all = Stream.concat(Stream.of(new Adaptive()), fixed);
        return Stream.concat(all, stock ? Stream.of(new Stock()) : Stream.empty()).toList();
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
